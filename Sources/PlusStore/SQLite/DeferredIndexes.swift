import GRDB

/// The indexes of `records` and `declarations` a large streamed submission drops while its rows go in and builds
/// again once they are in.
///
/// A sheet's rows come in file order, which is the table's order and that of the index by
/// submission, but not that of the index by kind, year and ente: each row lands somewhere else
/// in it, and once the index outgrows SQLite's page cache every insert reads and writes pages
/// of the log (a 100 MB sheet wrote 3.7 GB there). Building the index again sorts its entries
/// once. That costs a sort of the whole table, so it is done only when the submission's rows
/// outnumber the rows already stored: the rebuild then sorts at most twice the new rows.
///
/// Each dropped index is written down in `deferred_indexes` (schema v14), in the submission's
/// transaction: a kill or a failure before its commit rolls the drop back with the rows, and the
/// store keeps its indexes as they were. The submission may commit with its indexes still to
/// build, and build them in a transaction of its own (``buildPending(in:)``): the commit's pages
/// are then copied from the log into the store's file (``Checkpointer``) on the other core while
/// this one sorts, where the copy used to wait for the sort (a 250 MB sheet's `plus run` 0.8–1.2 s
/// faster, Benchmarks/README.md). A kill between the two leaves them written down, and the next
/// opening of the store builds them (``SQLiteStore``'s `init`).
///
/// ```swift
/// var deferred = try DeferredIndexes(in: db)      // counts the rows already stored
/// deferred.rowsWritten(n, in: db)                 // drops the indexes once n outnumbers them
/// try deferred.rebuild(in: db)                    // the same indexes, from their own SQL
/// // or, after the commit, in a transaction of its own:
/// try DeferredIndexes.buildPending(in: db)
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
            let name: String = index["name"], sql: String = index["sql"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            try db.execute(sql: "INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)", arguments: [name, sql])
            dropped.append((name, sql))
        }
        // Rows in order need no large cache, and the sort that builds the index again sizes its memory on it.
        SQLiteStore.restoreCache(in: db)
    }

    /// Builds the dropped indexes again with the text that made them, in the transaction that dropped them.
    mutating func rebuild(in db: Database) throws {
        try Self.buildPending(in: db)
        dropped = []
    }

    /// Builds every index written down in `deferred_indexes` that the store lacks, and crosses it
    /// off, in the caller's transaction. Nothing to do is one read of an empty table.
    static func buildPending(in db: Database) throws {
        let pending = try Row.fetchAll(db, sql: "SELECT name, sql FROM deferred_indexes ORDER BY name")
        guard !pending.isEmpty else { return }
        // SQLite's sorter sizes its memory on the page cache: 8 MiB instead of 2 MB keeps the sort of
        // a 250 MB sheet's index in fewer merge passes (4.29x to 4.02x DuckDB's load, 6 MiB more peak).
        try db.execute(sql: "PRAGMA cache_size = -8192")
        defer { SQLiteStore.restoreCache(in: db) }
        for index in pending {
            let name: String = index["name"]
            // Already there only if something else made it meanwhile: the text is the same, the index too.
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [name]) ?? false
            if !exists { try db.execute(sql: index["sql"]) }
            try db.execute(sql: "DELETE FROM deferred_indexes WHERE name = ?", arguments: [name])
        }
    }

    /// Whether `deferred_indexes` names any index: read before a write transaction is opened for it.
    static func anyPending(in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM deferred_indexes)") ?? false
    }
}
