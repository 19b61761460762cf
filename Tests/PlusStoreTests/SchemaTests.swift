import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

@Suite("Schema versions")
struct SchemaTests {
    @Test("a store of the first schema version is migrated on opening, its data intact")
    func migratesFromFirstVersion() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A store as the first release wrote it: schema v1, one submission and its record.
        let firstRelease = try Fixtures.releasedStore(at: path, upTo: "v1")
        try firstRelease.write { db in
            try Fixtures.insertReleasedSubmission(
                db, file: "cabras.csv", mapping: "comune-scheda", ente: "comune:095018", ambito: "OR", year: 2019,
                key: ("declaration", "comune:095018"), rows: 1)
            try db.execute(sql: """
                INSERT INTO records (submission_id, ordinal, kind, ente, year, service, amount_cents, line, payload)
                VALUES (1, 0, 'declaration', 'comune:095018', 2019, 'SAD', 478600, 2,
                    '{"declaration":{"_0":{"amount":478600,"ente":"comune:095018","service":"SAD","year":2019}}}');
                INSERT INTO submission_scopes (submission_id, ambito, year) VALUES (1, 'OR', 2019);
                """)
        }
        #expect(try firstRelease.read { db in try Schema.migrator.appliedMigrations(db) } == ["v1"])
        try firstRelease.close()

        let store = try SQLiteStore(path: path)

        #expect(try store.appliedSchemaVersions() == Schema.versions)
        #expect(Schema.versions == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15"])
        let old = try #require(try store.submission(id: 1))
        #expect(old.file == "cabras.csv")
        #expect(old.importedBy == nil)
        #expect(try store.records(submission: 1).map(\.record) == [
            .declaration(Declaration(
                ente: Fixtures.cabras, year: 2019, service: "SAD", amount: Money(cents: 478_600),
                provenance: Provenance(file: "cabras.csv", sha256: "aaaa", line: 2)))
        ])
        // The v2 column works, and the old submission is superseded like any other.
        let new = try store.record(
            Fixtures.sheet([("SAD", 500_000)]), subject: SubmissionSubject(), receivedAt: Date(), importedBy: "ufficio")
        #expect(new.submission.importedBy == "ufficio")
        #expect(new.superseded == [1])
    }

    @Test("a store written by a newer release is refused, in Italian and English")
    func refusesNewerSchema() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SQLiteStore(path: path)
        let newer = try DatabaseQueue(path: path)
        try newer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        try newer.close()

        #expect(throws: StoreError.newerSchema(found: ["v99"], supported: "v15")) {
            try SQLiteStore(path: path)
        }
        let message = StoreError.newerSchema(found: ["v99"], supported: "v15").message
        #expect(message.it.contains("più recente") && message.it.contains("v99"))
        #expect(message.en.contains("newer release") && message.en.contains("v15"))
    }

    @Test("a file that is not a SQLite database is refused, not overwritten")
    func refusesNonDatabase() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Data(String(repeating: "Codice ISTAT;Anno;Importo\n", count: 200).utf8)
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notAStore(path: path)) {
            try SQLiteStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("another program's SQLite database is refused")
    func refusesForeignDatabase() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT)") }
        try other.close()

        #expect(throws: StoreError.foreignDatabase(path: path)) {
            try SQLiteStore(path: path)
        }
    }

    @Test("a store in a folder that does not exist is a readable error")
    func missingFolder() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("plus-missing-\(UUID().uuidString)/plus.sqlite").path

        #expect {
            try SQLiteStore(path: path)
        } throws: { error in
            guard case .inaccessible(let reported, let cause) = error as? StoreError else { return false }
            return reported == path && cause.en.contains("does not exist")
        }
    }
}

/// What a caller can tell before opening a store: the migrations opening it would apply.
@Suite("The schema versions a store is still to be brought to")
struct PendingSchemaTests {
    @Test("an older store has the versions after its own pending, oldest first; none once opened")
    func olderStoreHasPendingVersions() throws {
        for (release, expected) in [("v12", ["v13", "v14", "v15"]), ("v1", Array(Schema.versions.dropFirst()))] {
            let path = Fixtures.temporaryPath()
            defer { Fixtures.removeStore(at: path) }
            try SQLiteStore.createReleased(at: path, upTo: release)
            #expect(SQLiteStore.pendingSchemaVersions(at: path) == expected)
            // Asking applies nothing.
            #expect(SQLiteStore.pendingSchemaVersions(at: path) == expected)
            _ = try SQLiteStore(path: path)
            #expect(SQLiteStore.pendingSchemaVersions(at: path).isEmpty)
        }
    }

    @Test("a missing file, a new store and another program's file have none, and are left as they were")
    func nothingPendingWhereNoStoreIs() throws {
        let missing = Fixtures.temporaryPath()
        #expect(SQLiteStore.pendingSchemaVersions(at: missing).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing))

        let text = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: text) }
        try Data("ente;anno\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(SQLiteStore.pendingSchemaVersions(at: text).isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("ente;anno\n".utf8))

        let current = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: current) }
        _ = try SQLiteStore(path: current)
        #expect(SQLiteStore.pendingSchemaVersions(at: current).isEmpty)
    }
}
