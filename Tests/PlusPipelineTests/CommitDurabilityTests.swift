import Foundation
import GRDB
import Testing
import PlusModel
@testable import PlusPipeline
@testable import PlusStore

/// A run killed right after any of its commits, before the log is checkpointed, loses nothing
/// committed: the store's file and its log, as a kill leaves them, hold every submission that
/// another connection already saw.
@Suite("plus run: a kill between a commit and its checkpoint", .serialized)
struct CommitDurabilityTests {
    /// Copies the store's file and log at every commit point of a run, as a kill there leaves them.
    final class Snapshots: @unchecked Sendable {
        private let lock = NSLock()
        let storePath: String
        let folder: URL
        /// Each copy's path, with the submissions a separate connection saw committed at the point.
        private(set) var taken: [(path: String, point: String, committed: [Int64])] = []

        init(storePath: String, folder: URL) {
            self.storePath = storePath
            self.folder = folder
        }

        func hook(_ name: String) throws {
            guard name == "store.group.committed" || name == "store.record.committed" else { return }
            try lock.withLock {
                let copy = folder.appendingPathComponent("kill-\(taken.count).sqlite").path
                // What another process would see now: what was committed.
                var configuration = Configuration()
                configuration.readonly = true
                let reader = try DatabaseQueue(path: storePath, configuration: configuration)
                let committed = try reader.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM submissions ORDER BY id") }
                try reader.close()
                try FileManager.default.copyItem(atPath: storePath, toPath: copy)
                if FileManager.default.fileExists(atPath: storePath + "-wal") {
                    try FileManager.default.copyItem(atPath: storePath + "-wal", toPath: copy + "-wal")
                }
                taken.append((copy, name, committed))
            }
        }
    }

    @Test("every commit point: the files a kill leaves hold every committed submission", arguments: [1, 2])
    func aKillAfterAnyCommitLosesNothingCommitted(filesPerCommit: Int) throws {
        let scene = try KillPointTests.Scene()
        defer { try? FileManager.default.removeItem(at: scene.root) }
        let snapshots = Snapshots(storePath: scene.storePath, folder: scene.root)
        try FaultInjection.$hook.withValue({ try snapshots.hook($0) }) {
            _ = try scene.run(killer: nil, filesPerCommit: filesPerCommit)
        }
        #expect(snapshots.taken.count >= 3)
        #expect(snapshots.taken.contains { !$0.committed.isEmpty })
        for snapshot in snapshots.taken {
            let reopened = try SQLiteStore(path: snapshot.path)
            let kept = try reopened.submissions(ambito: nil, year: nil, includeHistory: true).map(\.id).sorted()
            #expect(kept == snapshot.committed, "killed after \(snapshot.point)")
        }
    }
}
