import GRDB

extension SQLiteStore {
    /// The number of rows in every table the store writes: tests compare it before and after
    /// an operation that must change nothing.
    func tableCounts() throws -> [String: Int] {
        try dbQueue.read { db in
            var counts: [String: Int] = [:]
            for table in [
                "submissions", "records", "declarations", "cost_shares", "diagnostics", "rejected_rows", "submission_scopes", "ambiti",
                "ambito_members", "plan_closures",
            ] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }

    /// The text of every index the schema made, by name: a bulk write that drops some must
    /// leave them as they were.
    func indexDefinitions() throws -> [String] {
        try dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    /// Creates a store at `path` as the release of schema `version` did, empty: for the tests of
    /// what opening an older store does.
    static func createReleased(at path: String, upTo version: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: version)
        try queue.close()
    }

    /// The schema versions applied to this store.
    func appliedSchemaVersions() throws -> [String] {
        try dbQueue.read { db in try Schema.migrator.appliedMigrations(db) }
    }
}

extension SQLiteStore {
    /// Every JSON text the store wrote, in a fixed order: record payloads, submission details and
    /// the Ambiti's other signatories. Two identical runs must write the same bytes.
    func storedJSON() throws -> [String] {
        try dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM records ORDER BY submission_id, ordinal")
                + String.fetchAll(db, sql: "SELECT details FROM submissions ORDER BY id")
                + String.fetchAll(db, sql: "SELECT other_signatories FROM ambiti ORDER BY code")
        }
    }
}

extension SQLiteStore {
    /// Every row of `records` in id order, each column as its storage class and its bytes in
    /// hex: two stores whose rows were written by different paths must give the same texts,
    /// which compares what Swift's `==` would not (text that is canonically equivalent in
    /// other bytes, an integer against its text).
    func recordRowBytes() throws -> [String] {
        try dbQueue.read { db in
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('records') ORDER BY cid")
            let cells = columns.map { "typeof(\($0)) || ':' || hex(\($0))" }.joined(separator: " || '|' || ")
            return try String.fetchAll(db, sql: "SELECT \(cells) FROM records ORDER BY id")
        }
    }
}
