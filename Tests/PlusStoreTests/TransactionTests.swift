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
        #expect(message.it.hasPrefix("Il disco dell'archivio «\(path)» è pieno: nessuna modifica applicata."))
        #expect(message.en.hasPrefix("The disk holding the store “\(path)” is full: nothing was changed."))
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
}
