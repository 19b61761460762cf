import Foundation
import Testing
import PlusModel
@testable import PlusPipeline
@testable import PlusStore

/// Small files' submissions committed together: stopped before or after the group's commit, a
/// run is recovered by the next; grouped or not, a run says and files the same.
@Suite("plus run: small files committed in groups", .serialized)
struct CommitGroupTests {
    typealias Scene = KillPointTests.Scene

    /// The names of the regular files a scene's inbox holds (the symlink is set aside before any group).
    static func inboxFiles(_ scene: Scene) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: scene.inbox.path).filter { name in
            let path = scene.inbox.appendingPathComponent(name).path
            return name.hasSuffix(".csv") && (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil
        })
    }

    /// The commit points an uninterrupted run passes, in order.
    static func points() throws -> [String] {
        let scene = try Scene()
        let counter = KillPointTests.Killer(failAt: nil)
        try scene.run(killer: counter)
        return counter.reached
    }

    @Test func aKillBeforeTheGroupsCommitLeavesEveryFileUnstoredInTheInbox() throws {
        let points = try Self.points()
        // Reference files, then the three sheets and the unreadable file, each group once.
        let beforeCommit = try #require(points.firstIndex(of: "store.group.beforeCommit"))
        #expect(points.prefix(beforeCommit).count { $0 == "store.record.committed" } >= 2)
        let scene = try Scene()
        let waiting = try Self.inboxFiles(scene)
        #expect(throws: KillPointTests.InjectedKill.self) { try scene.run(killer: .init(failAt: beforeCommit + 1)) }
        // Nothing of the group is stored, and every file it held is still there to be read again.
        #expect(try SQLiteStore(path: scene.storePath).submissions(ambito: nil, year: nil, includeHistory: true).isEmpty)
        #expect(try Self.inboxFiles(scene) == waiting)
        let summary = try #require(try scene.run(killer: nil))
        #expect(summary.duplicates == 0)
        let reference = try Scene()
        try reference.run(killer: nil)
        #expect(try scene.state() == reference.state())
    }

    @Test func aKillAfterTheGroupsCommitFindsItsFilesStoredOnceNextTime() throws {
        let points = try Self.points()
        let committed = try #require(points.firstIndex(of: "store.group.committed"))
        let scene = try Scene()
        let waiting = try Self.inboxFiles(scene)
        #expect(throws: KillPointTests.InjectedKill.self) { try scene.run(killer: .init(failAt: committed + 1)) }
        let stored = try SQLiteStore(path: scene.storePath).submissions(ambito: nil, year: nil, includeHistory: true)
        #expect(!stored.isEmpty)
        #expect(try Self.inboxFiles(scene) == waiting)
        let summary = try #require(try scene.run(killer: nil))
        // The group's files are recognised as the killed run's, stored but never filed: finished
        // as accepted, not called duplicates, and no second submission of any.
        #expect(summary.duplicates == 0)
        // The print of Milis's sheet is stored too, as her sheet refused: refused again, not a second time.
        let refused = stored.filter { $0.status == .rejected }
        #expect(refused.map(\.file) == ["comune-milis-scheda-2019.pdf"])
        #expect(summary.accepted == stored.count - refused.count)
        #expect(summary.perFile.filter { $0.submission != nil && $0.verdict != .unrecognised }.allSatisfy { $0.verdict == .accepted })
        #expect(summary.perFile.first { $0.verdict == .unrecognised && $0.submission != nil }?.submission == refused.first?.id)
        #expect(try SQLiteStore(path: scene.storePath).submissions(ambito: nil, year: nil, includeHistory: true) == stored)
    }

    @Test func groupedOrNotARunSaysAndFilesTheSame() throws {
        var summaries: [[FileOutcome]] = []
        var states: [[String: String]] = []
        for filesPerCommit in [1, 2, InboxRun.defaultFilesPerCommit] {
            let scene = try Scene()
            // A sheet whose every amount is unreadable, inside the group: its outcome is its own.
            let milis = try String(contentsOf: scene.inbox.appendingPathComponent("comune-milis-scheda-2019.csv"), encoding: .utf8)
            try Data(milis.replacingOccurrences(of: "095027", with: "095005").replacingOccurrences(of: ",", with: "x").utf8)
                .write(to: scene.inbox.appendingPathComponent("comune-bauladu-scheda-2019.csv"))
            let summary = try #require(try scene.run(killer: nil, filesPerCommit: filesPerCommit))
            summaries.append(summary.perFile.map { var outcome = $0; outcome.receivedAt = nil; return outcome })
            states.append(try scene.state())
            let verdicts = Dictionary(summary.perFile.map { ($0.file, $0.verdict) }, uniquingKeysWith: { first, _ in first })
            #expect(verdicts["comune-milis-scheda-2019.csv"] == .accepted)
            #expect(verdicts["comune-bauladu-scheda-2019.csv"] != .accepted)
            #expect(verdicts["appunti.csv"] == .unrecognised)
        }
        #expect(summaries[0] == summaries[1])
        #expect(summaries[0] == summaries[2])
        #expect(states[0] == states[1])
        #expect(states[0] == states[2])
    }
}
