import Dispatch
import Foundation
import PlusModel
import Testing
@testable import PlusStore

@Suite("Reads side by side")
struct ReaderPoolTests {
    @Test("while reads may go side by side, one thread reads while another is inside its read")
    func aReadDoesNotWaitForAnotherThreadsRead() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        let inside = DispatchSemaphore(value: 0), otherDone = DispatchSemaphore(value: 0)
        let waited = Waited()
        let holder = Thread {
            _ = try? store.readingSideBySide {
                try store.read { _ in
                    inside.signal()
                    // On one shared connection the other read would wait for this one to end: the
                    // wait gives up rather than hang the suite.
                    waited.result = otherDone.wait(timeout: .now() + 20)
                }
            }
            waited.finished.signal()
        }
        holder.start()
        inside.wait()
        let ambiti = try store.readingSideBySide { try store.ambiti() }
        otherDone.signal()
        waited.finished.wait()
        #expect(ambiti.map(\.code) == ["OR"])
        #expect(waited.result == .success)
        #expect(store.readers?.opened.load(ordering: .relaxed) == 2)
    }

    /// A read-only connection still open when the store's own closes would leave the log and its
    /// shared memory beside the store (a read-only connection cannot remove them): the pool closes
    /// its connections once no one reads side by side, whether the consolidation or a plan's
    /// services read on two threads.
    @Test("the pool's connections keep a small page cache each, not SQLite's 2 MiB")
    func aPoolConnectionsCacheIsSmall() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        let sizes = try store.readingSideBySide {
            try store.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        }
        #expect(sizes == ReaderPool.cacheKiB)
        #expect(ReaderPool.cacheKiB > -2_000)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -2_000)
    }

    @Test("a store closed after reads side by side leaves no log beside it", arguments: [false, true])
    func aStoreClosedAfterReadsSideBySideLeavesNoLog(readingServices: Bool) throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        do {
            let store = try SQLiteStore(path: path)
            try store.saveReference([Fixtures.ambito])
            try store.record(StoredServicesTests.plan(count: 47, stating: 2))
            if readingServices {
                let (_, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
                var read = 0
                try services.forEachBatch(of: 3) { read += $0.count }
                #expect(read == 47)
            } else {
                #expect(try store.readingSideBySide { try store.ambiti() }.map(\.code) == ["OR"])
            }
            #expect((store.readers?.opened.load(ordering: .relaxed) ?? 0) > 0)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test("an open group's submissions are read on the store's own connection, as before")
    func anOpenGroupIsReadWhereItIsWritten() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.beginGroup()
        defer { store.rollbackGroup() }
        let stored = try store.record(Fixtures.sheet([("SAD", 100)])).submission
        let seen = try store.readingSideBySide { try store.submission(id: stored.id) }
        #expect(seen?.status == .accepted)
        #expect(store.readers?.opened.load(ordering: .relaxed) == 0)
    }

    @Test("a read side by side sees every submission committed before it, and nothing is written through it")
    func aReadSideBySideSeesWhatWasCommitted() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        // Within one stretch of reads side by side (as a consolidation), the pool keeps its connection.
        try store.readingSideBySide {
            let first = try store.record(Fixtures.sheet([("SAD", 100)], file: "cabras-v1.csv")).submission
            #expect(try store.readingSideBySide { try store.submission(id: first.id) }?.status == .accepted)
            // Stored after the reader connection was opened: the next read sees it.
            let second = try store.record(Fixtures.sheet([("SAD", 200)], file: "cabras-v2.csv")).submission
            let (earlier, later, year) = try store.readingSideBySide { () throws -> (Submission?, Submission?, AmbitoYear?) in
                (try store.submission(id: first.id), try store.submission(id: second.id), try store.ambitoYear(ambito: "OR", year: 2019))
            }
            #expect(earlier?.status == .superseded)
            #expect(later?.status == .accepted)
            #expect(year?.declarations.map(\.amount) == [Money(cents: 200)])
            #expect(store.readers?.opened.load(ordering: .relaxed) == 1)
        }
    }

    @Test("a store in memory has one connection and reads on it")
    func aStoreInMemoryReadsOnItsConnection() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        #expect(store.readers == nil)
        #expect(try store.readingSideBySide { try store.ambiti() }.map(\.code) == ["OR"])
    }

    /// What the thread holding its read saw, handed back to the test.
    private final class Waited: @unchecked Sendable {
        // Unchecked: written by the holding thread before `finished` is signalled, read after.
        var result: DispatchTimeoutResult = .timedOut
        let finished = DispatchSemaphore(value: 0)
    }
}
