import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// A group of small files works in more memory than SQLite's defaults (its savepoints' journal and
/// a larger page cache), and undoing one file inside the group still takes back that file alone.
@Suite("A group's memory")
struct GroupJournalTests {
    /// SQLite's `temp_store` (0 the default: files, as this build of SQLite has it; 2 memory) and
    /// `cache_size` (negative: KiB).
    static func memory(of store: SQLiteStore) throws -> [Int] {
        try store.write { db in
            [try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1, try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0]
        }
    }

    @Test("inside a group temporary storage is in memory and the page cache larger; once the group commits or rolls back, both are the defaults again")
    func memoryFollowsTheGroup() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        let defaults = [0, -2000]
        let inGroup = SQLiteStore.groupUsesMoreMemory ? [2, -SQLiteStore.streamingCacheKiB] : defaults
        #expect(try Self.memory(of: store) == defaults)
        try store.beginGroup()
        #expect(try Self.memory(of: store) == inGroup)
        _ = try store.record(Fixtures.sheet([("SAD", 100)]))
        try store.commitGroup()
        #expect(try Self.memory(of: store) == defaults)
        try store.beginGroup()
        #expect(try Self.memory(of: store) == inGroup)
        store.rollbackGroup()
        #expect(try Self.memory(of: store) == defaults)
        // The group's first file was committed; the rolled-back group held nothing.
        #expect(try store.submissions(ambito: nil, year: nil, includeHistory: true).count == 1)
    }

    /// One file's savepoint that changes far more than the 64 KiB SQLite keeps in memory before it
    /// would spill to a file, then fails: its pages come back from the journal, the group's other
    /// files stay.
    @Test("a file that fails inside a group takes back its own changes, however many, and no other file's")
    func aFailedFileInsideAGroupIsUndoneAlone() throws {
        struct Refused: Error {}
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        try store.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER PRIMARY KEY, text TEXT NOT NULL)") }
        try store.write { db in try db.execute(sql: "INSERT INTO scratch (n, text) VALUES (0, 'kept')") }
        try store.beginGroup()
        let before = try store.record(Fixtures.sheet([("SAD", 100)], file: "cabras-v1.csv")).submission
        #expect(throws: Refused.self) {
            try store.write { db in
                let insert = try db.makeStatement(sql: "INSERT INTO scratch (n, text) VALUES (?, ?)")
                for n in 1...2_000 { try insert.execute(arguments: [n, String(repeating: "x", count: 200)]) }
                try db.execute(sql: "UPDATE scratch SET text = 'changed' WHERE n = 0")
                throw Refused()
            }
        }
        let after = try store.record(Fixtures.sheet([("SAD", 200)], file: "cabras-v2.csv")).submission
        try store.commitGroup()
        let rows = try store.write { db in try Row.fetchAll(db, sql: "SELECT n, text FROM scratch") }
        #expect(rows.count == 1)
        #expect(rows.first?["text"] == "kept")
        #expect(try store.submission(id: before.id)?.status == .superseded)
        #expect(try store.submission(id: after.id)?.status == .accepted)
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.declarations.map(\.amount) == [Money(cents: 200)])
    }
}
