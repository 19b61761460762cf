import GRDB

/// The indexes of `records` and `declarations` a large streamed submission drops while its rows go in and builds
/// again once they are in, inside the submission's one transaction.
///
/// A sheet's rows come in file order, which is the table's order and that of the index by
/// submission, but not that of the index by kind, year and ente: each row lands somewhere else
/// in it, and once the index outgrows SQLite's page cache every insert reads and writes pages
/// of the log (a 100 MB sheet wrote 3.7 GB there). Building the index again sorts its entries
/// once. That costs a sort of the whole table, so it is done only when the submission's rows
/// outnumber the rows already stored: the rebuild then sorts at most twice the new rows.
///
/// A kill or a failure before the commit rolls the drop back with the rows: the store keeps
/// its indexes as they were.
///
/// ```swift
/// var deferred = try DeferredIndexes(in: db)      // counts the rows already stored
/// deferred.rowsWritten(n, in: db)                 // drops the indexes once n outnumbers them
/// try deferred.rebuild(in: db)                    // the same indexes, from their own SQL
/// ```
struct DeferredIndexes {
    /// The rows stored before this submission (the highest row id of `records`: rows deleted
    /// since count too, which only makes the drop come later; and the declarations and cost shares).
    let rowsBefore: Int64
    /// The name and the `CREATE INDEX` text of each dropped index, as `sqlite_master` kept it.
    private(set) var dropped: [(name: String, sql: String)] = []

    init(in db: Database) throws {
        rowsBefore = try Int64.fetchOne(
            db, sql: """
                SELECT coalesce((SELECT max(id) FROM records), 0) + (SELECT count(*) FROM declarations)
                + (SELECT count(*) FROM cost_shares)
                """) ?? 0
    }

    /// Whether the indexes are dropped now.
    var isDropped: Bool { !dropped.isEmpty }

    /// Drops the indexes once `count` rows of this submission outnumber the rows stored before.
    mutating func rowsWritten(_ count: Int, in db: Database) throws {
        guard !isDropped, Int64(count) > rowsBefore else { return }
        // The index by submission takes the rows in order and serves the steps after the rows: kept.
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT m.name, m.sql FROM sqlite_master m
                WHERE m.type = 'index' AND m.tbl_name IN ('records', 'declarations') AND m.sql IS NOT NULL
                AND (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0) != 'submission_id'
                ORDER BY m.name
                """)
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            dropped.append((name, index["sql"]))
        }
        // Rows in order need no large cache, and the sort that builds the index again sizes its memory on it.
        SQLiteStore.restoreCache(in: db)
    }

    /// Builds the dropped indexes again with the text that made them.
    mutating func rebuild(in db: Database) throws {
        // SQLite's sorter sizes its memory on the page cache: 8 MiB instead of 2 MB keeps the sort of
        // a 250 MB sheet's index in fewer merge passes (4.29x to 4.02x DuckDB's load, 6 MiB more peak).
        try db.execute(sql: "PRAGMA cache_size = -8192")
        defer { SQLiteStore.restoreCache(in: db) }
        for index in dropped { try db.execute(sql: index.sql) }
        dropped = []
    }
}
