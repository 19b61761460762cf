import Foundation
import GRDB
import GRDBSQLite
import PlusModel
import Testing
@testable import PlusStore

@Suite("One transaction per submission")
struct TransactionTests {
    @Test("an import that fails mid-way leaves the store exactly as before")
    func rollbackOnFailure() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let earlier = try SQLiteStore(path: path)
        try earlier.saveReference([Fixtures.ambito])
        let kept = try earlier.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv")).submission
        let before = try earlier.tableCounts()

        // Fails after the third of five records, inside the transaction.
        let failing = try SQLiteStore(path: path, faultInjection: { written in
            if written == 3 { throw InjectedFault() }
        })
        let newer = Fixtures.sheet(
            [("SAD", 1), ("ADI", 2), ("SET", 3), ("LUD", 4), ("TRA", 5)], file: "cabras-v2.csv")
        #expect(throws: InjectedFault.self) {
            try failing.record(newer)
        }

        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.tableCounts() == before)
        #expect(try reopened.submission(id: kept.id)?.status == .accepted)
        #expect(try reopened.history(ente: Fixtures.cabras, year: 2019).map(\.id) == [kept.id])

        // Nothing of the failed attempt lingers: the same bytes are not a duplicate afterwards.
        let retried = try reopened.record(newer)
        #expect(!retried.isDuplicate)
        #expect(retried.superseded == [kept.id])
        #expect(try reopened.records(submission: retried.submission.id).count == 5)
    }

    @Test("SQLite refusing the write is reported in both languages, and nothing is written")
    func sqliteFailureBecomesStoreError() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path, faultInjection: { _ in
            throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full")
        })
        let before = try store.tableCounts()

        #expect(throws: StoreError.diskFull(path: path)) {
            try store.record(Fixtures.sheet([("SAD", 1)]))
        }
        #expect(try store.tableCounts() == before)
        let message = StoreError.diskFull(path: path).message
        #expect(message.it.hasPrefix("Il disco dell'archivio «\(path)» è pieno: la scrittura in corso non è stata applicata;"))
        #expect(message.en.hasPrefix("The disk holding the store “\(path)” is full: the write under way was not applied;"))
    }

    @Test("a reference file and the Ambiti it makes are kept together or not at all")
    func referenceGoesWithItsSubmission() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        let file = Fixtures.sheet([("SAD", 100)], file: "ambiti-membri.csv")
        let prepared = try store.prepare(file)
        let before = try store.tableCounts()

        #expect(throws: InjectedFault.self) {
            try FaultInjection.$hook.withValue({ if $0 == "store.record.beforeCommit" { throw InjectedFault() } }) {
                try store.record(prepared, subject: file.subject, receivedAt: Date(), importedBy: nil) { _ in [Fixtures.ambito] }
            }
        }
        #expect(try store.tableCounts() == before)
        #expect(try store.ambiti().isEmpty)

        let stored = try store.record(prepared, subject: file.subject, receivedAt: Date(), importedBy: nil) { existing in
            #expect(existing.isEmpty)
            return [Fixtures.ambito]
        }
        #expect(!stored.isDuplicate)
        #expect(try store.ambiti() == [Fixtures.ambito])
        // The same file again is a duplicate and does not touch the reference.
        let again = try store.record(prepared, subject: file.subject, receivedAt: Date(), importedBy: nil) { _ in [] }
        #expect(again.isDuplicate)
        #expect(try store.ambiti() == [Fixtures.ambito])
    }

    @Test("a read leaves the statements cached by the writes compiled")
    func readKeepsCachedStatements() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv"))
        let sql = "SELECT count(*) FROM submissions WHERE id = ?"
        _ = try store.write { db in try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [1]) }

        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissions") } == 1)

        // SQLite counts the times it compiled a statement again because something expired it.
        let recompiled = try store.write { db in
            let statement = try db.cachedStatement(sql: sql)
            _ = try Int.fetchOne(statement, arguments: [1])
            return sqlite3_stmt_status(statement.sqliteStatement, Int32(SQLITE_STMTSTATUS_REPREPARE), 0)
        }
        #expect(recompiled == 0)
    }

    @Test("the queries run for every file and every Ambito-year are compiled once and kept")
    func perFileQueriesStayCompiled() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        let first = try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv")).submission
        let second = try store.record(Fixtures.sheet([("SAD", 90_000)], by: EnteRef(comune: "095002"), file: "bosa.csv")).submission
        /// The connection's statements whose text begins with `prefix`: a cached statement stays prepared after its call.
        func prepared(_ prefix: String) throws -> Int {
            try store.read { db in
                var count = 0
                var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
                while let current = statement {
                    if let text = sqlite3_sql(current), String(cString: text).hasPrefix(prefix) { count += 1 }
                    statement = sqlite3_next_stmt(db.sqliteConnection, current)
                }
                return count
            }
        }
        for submission in [first.id, second.id, first.id] {
            _ = try store.diagnostics(submission: submission)
            _ = try store.rejectedRows(submission: submission)
            _ = try store.records(submission: submission)
            _ = try store.submissions(ambito: nil, year: 2019, includeHistory: false)
        }
        #expect(try prepared("SELECT * FROM diagnostics") == 1)
        #expect(try prepared("SELECT * FROM rejected_rows") == 1)
        #expect(try prepared("SELECT \(RecordQuery.columns) FROM records r JOIN submissions s ON s.id = r.submission_id\nWHERE r.submission_id") == 1)
        #expect(try prepared("SELECT * FROM submissions WHERE year = ? AND status != ?") == 1)
        // Still the same rows as before they were cached.
        #expect(try store.records(submission: second.id).count == 1)
        #expect(try store.submissions(ambito: nil, year: 2019, includeHistory: false).map(\.id) == [second.id, first.id])
    }

    @Test("a query run again from inside its own rows reads them whole, both times")
    func nestedQueryGetsAStatementOfItsOwn() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv"))
        try store.record(Fixtures.sheet([("SAD", 90_000)], by: EnteRef(comune: "095002"), file: "bosa.csv"))
        struct Endless: Error {}
        let sql = "SELECT id FROM submissions ORDER BY id"
        let pairs = try store.read { db in
            var outer: [Int64] = [], pairs: [[Int64]] = []
            try StatementColumns.forEachRow(db, sql: sql, arguments: []) { row in
                outer.append(row.int64(at: 0)!)
                // A shared statement would be reset under the outer loop, which would start again for ever.
                if outer.count > 2 { throw Endless() }
                var inner: [Int64] = []
                try StatementColumns.forEachRow(db, sql: sql, arguments: []) { inner.append($0.int64(at: 0)!) }
                pairs.append(inner)
            }
            return pairs
        }
        #expect(pairs == [[1, 2], [1, 2]])
    }
}
