import GRDB

extension SQLiteStore {
    /// The number of rows in every table the store writes: tests compare it before and after
    /// an operation that must change nothing.
    func tableCounts() throws -> [String: Int] {
        try dbQueue.read { db in
            var counts: [String: Int] = [:]
            for table in [
                "submissions", "records", "diagnostics", "rejected_rows", "submission_scopes", "ambiti",
                "ambito_members", "plan_closures",
            ] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }

    /// The schema versions applied to this store.
    func appliedSchemaVersions() throws -> [String] {
        try dbQueue.read { db in try Schema.migrator.appliedMigrations(db) }
    }
}
