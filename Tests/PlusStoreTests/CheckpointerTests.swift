import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// The store's durability policy (``Checkpointer``): commits never copy the log on the committing
/// thread, a kill right after a commit loses nothing, the log stays bounded, and a closed store
/// leaves no log beside it.
@Suite("Checkpoints off the committing thread", .serialized)
struct CheckpointerTests {
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// A connection in WAL mode at `path`, as the store's, with a checkpointer of small bounds
    /// (10 pages a checkpoint, 100 at most) and an empty table `scratch` to write pages into.
    static func scratchWriter(at path: String) throws -> (DatabaseQueue, Checkpointer) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let writer = try DatabaseQueue(path: path, configuration: configuration)
        let checkpointer = Checkpointer(path: path, pagesPerCheckpoint: 10, pagesBound: 100)
        writer.inDatabase { checkpointer.install(on: $0) }
        try writer.write { db in try db.execute(sql: "CREATE TABLE scratch (bytes BLOB)") }
        return (writer, checkpointer)
    }

    static func remove(_ path: String) {
        Fixtures.removeStore(at: path)
    }

    /// About `pages` pages of 4 KiB written in one transaction on the store's connection.
    static func writePages(_ pages: Int, into store: SQLiteStore) throws {
        try store.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS scratch (bytes BLOB)")
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO scratch SELECT zeroblob(4000) FROM n
                """, arguments: [pages])
        }
    }

    @Test("a commit past a thousand pages of log returns before any copy; the checkpointer copies them, and closing removes the log")
    func theCommitLeavesTheCopyToTheCheckpointer() throws {
        let path = Fixtures.temporaryPath()
        defer { Self.remove(path) }
        do {
            let store = try SQLiteStore(path: path)
            let checkpointer = try #require(store.checkpointer)
            let fileBefore = Self.size(path)
            // Standing between the commit and the checkpoint: the checkpointer's thread waits (the
            // store, kept alive meanwhile, would wait for it on closing).
            try withExtendedLifetime(store) {
                checkpointer.worker.hold()
                defer { checkpointer.worker.release() }
                try Self.writePages(2_000, into: store)
                // SQLite's automatic checkpoint would have copied the pages into the file by now.
                #expect(Self.size(path) == fileBefore)
                #expect(Self.size(path + "-wal") > 2_000 * 4_096)
                #expect(checkpointer.checkpoints.load(ordering: .relaxed) == 0)
            }
            try checkpointer.worker.sync {}
            #expect(checkpointer.checkpoints.load(ordering: .relaxed) == 1)
            #expect(Self.size(path) > fileBefore + 2_000 * 4_000)
            #expect(checkpointer.waits.load(ordering: .relaxed) == 0)
            withExtendedLifetime(store) {}
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    /// What a kill leaves is the files as they are: the store's file and its log. A commit not yet
    /// in them (kept in memory, say, until the checkpoint) would be lost.
    @Test("a kill between a commit and its checkpoint loses nothing committed")
    func aKillAfterTheCommitLosesNothing() throws {
        let path = Fixtures.temporaryPath(), copy = Fixtures.temporaryPath()
        defer { Self.remove(path); Self.remove(copy) }
        let store = try SQLiteStore(path: path)
        let checkpointer = try #require(store.checkpointer)
        try store.saveReference([Fixtures.ambito])
        try store.synchronize()
        let synchronized = checkpointer.checkpoints.load(ordering: .relaxed)
        try withExtendedLifetime(store) {
            checkpointer.worker.hold()
            defer { checkpointer.worker.release() }
            // Enough pages that a checkpoint is asked for, and the submissions themselves.
            try Self.writePages(1_500, into: store)
            let stored = try store.record(StoredServicesTests.plan(count: 300, stating: 2))
            try store.beginGroup()
            let grouped = try store.record(Fixtures.sheet([("S001", 1_000), ("S002", 2_500)]))
            try store.commitGroup()
            #expect(checkpointer.checkpoints.load(ordering: .relaxed) == synchronized)
            // The files as a kill leaves them; the shared memory is rebuilt from the log on opening.
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
            let fileAlone = copy + "-file-alone"
            defer { Self.remove(fileAlone) }
            try FileManager.default.copyItem(atPath: path, toPath: fileAlone)

            let reopened = try SQLiteStore(path: copy)
            let submissions = try reopened.submissions(ambito: nil, year: nil, includeHistory: true).map(\.id)
            #expect(Set(submissions) == [stored.submission.id, grouped.submission.id])
            #expect(try reopened.records(submission: stored.submission.id).count == 300)
            #expect(try reopened.records(submission: grouped.submission.id).count == 2)
            // The store's file alone has neither: they were in the log only, not yet copied.
            #expect(try SQLiteStore(path: fileAlone).submissions(ambito: nil, year: nil, includeHistory: true).isEmpty)
        }
    }

    @Test("a commit that finishes the one before it does not wait for its copy; the commit after it does")
    func aFinishingCommitDoesNotWait() throws {
        let path = Fixtures.temporaryPath()
        defer { Self.remove(path) }
        let (writer, checkpointer) = try Self.scratchWriter(at: path)
        let waits = { checkpointer.waits.load(ordering: .relaxed) }
        // The checkpointer's thread is held, so that the copy of the large commit is still to come.
        let release = DispatchSemaphore(value: 0)
        checkpointer.worker.async { release.wait() }
        /// Runs a commit on another thread: its end is signalled, so that one waiting for the held copy shows as not ended.
        func commitAside(_ body: @escaping @Sendable () throws -> Void) -> DispatchSemaphore {
            let ended = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                try? body()
                ended.signal()
            }
            return ended
        }
        try writer.write { db in for _ in 0..<150 { try db.execute(sql: "INSERT INTO scratch VALUES (zeroblob(4000))") } }
        #expect(waits() == 0)
        let spared = commitAside { try checkpointer.withoutWaiting { try writer.write { db in try db.execute(sql: "INSERT INTO scratch VALUES (1)") } } }
        #expect(spared.wait(timeout: .now() + 30) == .success)
        #expect(waits() == 0)
        // Outside it, a commit that finds the log still past the bound waits, as before: it is seen
        // waiting while the copy is still held, and ends once it is let go.
        let next = commitAside { try writer.write { db in try db.execute(sql: "INSERT INTO scratch VALUES (2)") } }
        #expect(next.wait(timeout: .now() + 1) == .timedOut)
        #expect(waits() == 1)
        release.signal()
        next.wait()
        #expect(try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") } == 152)
        writer.inDatabase { checkpointer.uninstall(from: $0) }
        checkpointer.close()
        try writer.close()
    }

    @Test("commits the checkpointer cannot keep up with wait for it, and the log stays bounded")
    func theLogStaysBounded() throws {
        let path = Fixtures.temporaryPath()
        defer { Self.remove(path) }
        let (writer, checkpointer) = try Self.scratchWriter(at: path)
        // Each commit begins as soon as the last ended, as a storing loop's groups do.
        for _ in 0..<150 {
            try writer.write { db in
                for _ in 0..<20 { try db.execute(sql: "INSERT INTO scratch VALUES (zeroblob(4000))") }
            }
        }
        try checkpointer.worker.sync {}
        // The bound, then a commit that found the log past it, then the one that waited: a frame
        // is a page and its 24-byte header.
        #expect(Self.size(path + "-wal") <= (100 + 3 * 25) * (4_096 + 24) + 32)
        #expect(checkpointer.checkpoints.load(ordering: .relaxed) > 0)
        #expect(checkpointer.waits.load(ordering: .relaxed) > 0)
        #expect(try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM scratch") } == 3_000)
        writer.inDatabase { checkpointer.uninstall(from: $0) }
        checkpointer.close()
        try writer.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
