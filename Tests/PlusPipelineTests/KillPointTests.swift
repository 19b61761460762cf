import Foundation
import Synchronization
import GRDB
import Testing
import PlusModel
import PlusValidation
@testable import PlusPipeline
@testable import PlusStore

/// A run stopped at any commit point, then run again, ends exactly where an uninterrupted run does.
@Suite("plus run: stopped at every commit point, then run again", .serialized)
struct KillPointTests {
    struct InjectedKill: InjectedFault {}

    /// Counts the commit points a run passes, and fails at the N-th.
    final class Killer: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var reached: [String] = []
        let failAt: Int?
        /// Fails at the first point of this name instead.
        let failAtName: String?

        init(failAt: Int?) { (self.failAt, failAtName) = (failAt, nil) }
        init(failAtName: String) { (failAt, self.failAtName) = (nil, failAtName) }

        func hook(_ name: String) throws {
            let count = lock.withLock { reached.append(name); return reached.count }
            if count == failAt || name == failAtName { throw InjectedKill() }
        }
    }

    /// An inbox with two Ambiti's reference data, three Comune sheets, a file no mapping reads and
    /// a symlink: every kind of commit a run makes.
    struct Scene {
        let root: URL
        var inbox: URL { root.appendingPathComponent("inbox") }
        var out: URL { root.appendingPathComponent("out") }
        var storePath: String { root.appendingPathComponent("plus.sqlite").path }

        /// `outOfRange`: Cabras' two amounts made 50 million billion euros (`R404`), which its
        /// receipt tells after the consolidation, when the file is filed already.
        init(outOfRange: Bool = false) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("plus-kill-\(UUID().uuidString)")
            let inbox = root.appendingPathComponent("inbox")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            let samples = Workbench.repository.appendingPathComponent("SampleData")
            for name in ["ambiti-sardegna.csv", "enti-sardegna.csv"] {
                let lines = try String(contentsOf: samples.appendingPathComponent("riferimento/\(name)"), encoding: .utf8)
                    .split(separator: "\n", omittingEmptySubsequences: true)
                let kept = [lines[0]] + lines.dropFirst().filter { $0.hasPrefix("OR;") || $0.hasPrefix("MAR;") }
                try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: inbox.appendingPathComponent(name))
            }
            for name in ["comune-allai-scheda-2019.csv", "comune-cabras-scheda-2019.csv", "comune-milis-scheda-2019.csv"] {
                try FileManager.default.copyItem(
                    at: samples.appendingPathComponent("oristano/\(name)"), to: inbox.appendingPathComponent(name))
            }
            if outOfRange {
                let cabras = inbox.appendingPathComponent("comune-cabras-scheda-2019.csv")
                let huge = AmountsOutOfRangeRunTests.huge
                try String(contentsOf: cabras, encoding: .utf8).replacingOccurrences(of: "18.226,71", with: huge)
                    .replacingOccurrences(of: "4.120,86", with: huge).write(to: cabras, atomically: true, encoding: .utf8)
                // Files are taken in order of arrival: the sheets are given one time, so that the one
                // rewritten is taken in the same place in every scene (by name).
                for name in ["comune-allai-scheda-2019.csv", "comune-cabras-scheda-2019.csv", "comune-milis-scheda-2019.csv"] {
                    try FileManager.default.setAttributes(
                        [.modificationDate: Date(timeIntervalSince1970: 1_735_600_000)], ofItemAtPath: inbox.appendingPathComponent(name).path)
                }
            }
            try Data("colonna;altra\n1;2\n".utf8).write(to: inbox.appendingPathComponent("appunti.csv"))
            // A print of Milis's sheet: no mapping reads it, its name makes it Milis's, recorded as refused.
            try Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".utf8).write(to: inbox.appendingPathComponent("comune-milis-scheda-2019.pdf"))
            try FileManager.default.createSymbolicLink(
                atPath: inbox.appendingPathComponent("collegamento.csv").path, withDestinationPath: "/etc/hostname")
        }

        /// One run over a store opened afresh (as a new process would), with a fixed clock so that
        /// two scenes give byte-identical outputs. `rowWritten` is called for each row the store
        /// inserts, as ``SQLiteStore``'s fault injection.
        @discardableResult
        func run(
            killer: Killer?, filesPerCommit: Int = InboxRun.defaultFilesPerCommit, streamingThreshold: Int? = nil,
            rowWritten: (@Sendable (Int) throws -> Void)? = nil, fixedClock: Bool = true
        ) throws -> RunSummary? {
            let fixed = Date(timeIntervalSince1970: 1_735_689_600)
            let store = fixedClock
                ? try SQLiteStore(path: storePath, faultInjection: rowWritten, now: { fixed })
                : try SQLiteStore(path: storePath, faultInjection: rowWritten, now: { Date() })
            let library = MappingLibrary(directory: Workbench.repository.appendingPathComponent("Mappings"))
            let validator = Validator(ruleSet: try RuleSet.load(contentsOf: library.directory.appendingPathComponent("rules/sardegna-plus-v1.yaml")))
            let consolidation = Consolidation(store: store, validator: validator, outputDirectory: out, formats: [.dataPackage, .xml], language: .it)
            var job = InboxRun(inbox: InboxFolder(url: inbox), fileImport: try FileImport(library: library), store: store, consolidation: consolidation)
            job.filesPerCommit = filesPerCommit
            if let streamingThreshold { job.streamingThreshold = streamingThreshold }
            guard let killer else { return try job.run() }
            return try FaultInjection.$hook.withValue({ try killer.hook($0) }) { try job.run() }
        }

        /// Everything a run leaves: the store's reference tables, current submissions and table
        /// sizes; every output file's bytes (not the mark, which holds the time); the inbox's folders.
        func state() throws -> [String: String] {
            var state: [String: String] = [:]
            let store = try SQLiteStore(path: storePath)
            state["ambiti"] = String(describing: try store.ambiti())
            state["submissions"] = try store.submissions(ambito: nil, year: nil, includeHistory: true)
                .map { "\($0.id) \($0.file) \($0.sha256) \($0.status)" }.sorted().joined(separator: "\n")
            state["tables"] = String(describing: try store.tableCounts().sorted { $0.key < $1.key })
            for folder in [out, inbox] {
                let enumerator = FileManager.default.enumerator(atPath: folder.path)
                while let relative = enumerator?.nextObject() as? String {
                    let url = folder.appendingPathComponent(relative)
                    guard relative != ".ultimo-consolidamento", !relative.hasSuffix(".reason") else { continue }
                    var isDirectory: ObjCBool = false
                    FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
                    // A receipt tells the time: that it is there, its verdict and what it warns of is what must hold.
                    let isReceipt = relative.contains(".ricevuta.") || relative.hasSuffix(".scarti.csv")
                    let receipt = relative.hasSuffix(".ricevuta.json")
                        ? (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] : nil
                    let warned = (receipt?["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                    let told = ([receipt?["verdict"] as? String ?? ""] + warned).joined(separator: " ")
                    state["\(folder.lastPathComponent)/\(relative)"] = isDirectory.boolValue
                        ? "folder" : isReceipt ? "receipt \(told)" : (try? Checksum.sha256(fileAt: url)) ?? "link"
                }
            }
            return state
        }
    }

    @Test(arguments: [false, true])
    func everyCommitPointIsRecoveredByTheNextRun(outOfRange: Bool) throws {
        let reference = try Scene(outOfRange: outOfRange)
        let counter = Killer(failAt: nil)
        try reference.run(killer: counter)
        let expected = try reference.state()
        let points = counter.reached.count
        #expect(counter.reached.contains("store.record.committed"))
        #expect(counter.reached.contains("inbox.setAside"))
        #expect(counter.reached.contains("inbox.archived"))
        #expect(counter.reached.contains("inbox.rejected"))
        #expect(try #require(expected["submissions"]).contains("comune-milis-scheda-2019.pdf"))
        #expect(expected["inbox/rejected/comune-milis-scheda-2019.pdf.ricevuta.json"] == "receipt unrecognised")
        // A year of amounts out of range is not exported.
        #expect(counter.reached.contains { $0.hasPrefix("export.published:") } != outOfRange)
        #expect(try #require(expected["ambiti"]).contains("ASL5"))
        // Cabras' receipt tells its two amounts out of range, told once the year was validated.
        #expect(expected["inbox/archive/comune-cabras-scheda-2019.csv.ricevuta.json"] == (outOfRange ? "receipt accepted R404 R404" : "receipt accepted"))

        for point in 1...points {
            let scene = try Scene(outOfRange: outOfRange)
            let killer = Killer(failAt: point)
            // A failure while setting an entry aside is that entry's: the run goes on, as it should.
            _ = try? scene.run(killer: killer)
            try scene.run(killer: nil)
            let state = try scene.state()
            // Only what differs is named, so a failure reads in one line.
            let differing = Set(state.keys).union(expected.keys).filter { state[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "stopped at point \(point) (\(killer.reached.last ?? "")), then run again: \(differing)")
            try? FileManager.default.removeItem(at: scene.root)
        }
    }

    /// A run killed after its store commit but before a file is filed: the next run, through the
    /// binary, finishes that run's work (receipt accepted, once) rather than calling the file a
    /// duplicate; the same bytes sent again after that are a duplicate.
    /// Every sheet streamed, as a large one is, and Cabras' of 400 rows, more than the store
    /// holds: it goes in without its indexes, built after its commit. A run killed at any point
    /// from there on, the indexes' building included, is finished by the next as if it had not been.
    @Test func aStreamedSheetKilledBeforeItsIndexesAreBuiltIsRecoveredByTheNextRun() throws {
        let largeScene = Self.largeScene
        let reference = try largeScene()
        defer { try? FileManager.default.removeItem(at: reference.root) }
        let counter = Killer(failAt: nil)
        try reference.run(killer: counter, streamingThreshold: 0)
        let expected = try reference.state()
        let from = try #require(counter.reached.firstIndex(of: "store.record.committedWithoutIndexes"))
        #expect(try SQLiteStore(path: reference.storePath).indexDefinitions().contains { $0.contains("declarations_by_ente_year") })
        for point in (from + 1)...(from + 3) {
            let scene = try largeScene()
            defer { try? FileManager.default.removeItem(at: scene.root) }
            let killer = Killer(failAt: point)
            #expect(throws: InjectedKill.self) { try scene.run(killer: killer, streamingThreshold: 0) }
            if point == from + 1 {
                // Killed with the rows committed and their indexes written down, not built.
                #expect(killer.reached.last == "store.record.committedWithoutIndexes")
                let queue = try DatabaseQueue(path: scene.storePath)
                #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM deferred_indexes") }.count == 2)
                try queue.close()
            }
            try scene.run(killer: nil, streamingThreshold: 0)
            let state = try scene.state()
            let differing = Set(state.keys).union(expected.keys).filter { state[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "stopped at point \(point) (\(killer.reached.last ?? "")), then run again: \(differing)")
            #expect(try SQLiteStore(path: scene.storePath).indexDefinitions() == SQLiteStore(path: reference.storePath).indexDefinitions())
        }
    }

    /// The scene with Cabras' sheet of 400 rows, more than the store holds when it comes. Files
    /// are taken in order of arrival (modification time, then name): the sheets are given times
    /// a second apart, in the scene's order, so that rewriting Cabras' does not move it after
    /// Milis' in one scene and not in another (times a few milliseconds apart may compare equal).
    static func largeScene() throws -> Scene {
        let scene = try Scene()
        try Data(largeCabrasSheet.utf8).write(to: scene.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))
        let arrival = Date(timeIntervalSince1970: 1_735_600_000)
        for (index, name) in ["comune-allai-scheda-2019.csv", "comune-cabras-scheda-2019.csv", "comune-milis-scheda-2019.csv", "appunti.csv"].enumerated() {
            try FileManager.default.setAttributes(
                [.modificationDate: arrival.addingTimeInterval(TimeInterval(index))], ofItemAtPath: scene.inbox.appendingPathComponent(name).path)
        }
        return scene
    }

    static let largeCabrasSheet = (["Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note"]
        + (0..<400).map { "095018;2019;S\($0);Servizio \($0);\($0 + 1),00;" }).joined(separator: "\n") + "\n"

    /// A streamed sheet the store already holds, left in the inbox by a run killed after its
    /// commit or sent again after a finished run, is found stored without streaming its rows into
    /// the store again (before, every row went in and was rolled back at the end): the first is
    /// finished as that run would have, the second is a duplicate, as before.
    @Test func aStreamedSheetStoredAlreadyIsNotStreamedAgain() throws {
        let written = Mutex(0)
        let counting: @Sendable (Int) throws -> Void = { _ in written.withLock { $0 += 1 } }
        let reference = try Self.largeScene()
        defer { try? FileManager.default.removeItem(at: reference.root) }
        try reference.run(killer: nil, streamingThreshold: 0)
        let expected = try reference.state()

        let scene = try Self.largeScene()
        defer { try? FileManager.default.removeItem(at: scene.root) }
        #expect(throws: InjectedKill.self) {
            try scene.run(killer: Killer(failAtName: "store.record.committedWithoutIndexes"), streamingThreshold: 0)
        }
        try scene.run(killer: nil, streamingThreshold: 0, rowWritten: counting)
        // The two small sheets may still be to store (a handful of rows each); Cabras' 400 are not streamed again.
        #expect(written.withLock { $0 } < 400, "\(written.withLock { $0 }) rows written")
        let state = try scene.state()
        let differing = Set(state.keys).union(expected.keys).filter { state[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing)")

        // The same bytes sent again after that: a duplicate, nothing written.
        try Data(Self.largeCabrasSheet.utf8).write(to: scene.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))
        written.withLock { $0 = 0 }
        let summary = try #require(try scene.run(killer: nil, streamingThreshold: 0, rowWritten: counting))
        #expect(summary.duplicates == 1)
        #expect(written.withLock { $0 } == 0)
    }

    /// Cabras sends its first sheet back after a second one, under its first name, and the run is
    /// killed before filing it: the next run finishes it as accepted, replacing the second, though
    /// `archive/` holds the same bytes under that name (the first sheet, replaced): only a run that
    /// never finished stored it after the last consolidation.
    @Test func aFirstSheetSentBackAndKilledBeforeFilingIsFinishedNotCalledADuplicate() throws {
        let scene = try Scene()
        defer { try? FileManager.default.removeItem(at: scene.root) }
        let name = "comune-cabras-scheda-2019.csv"
        // The file's own bytes (its BOM too): the same bytes as the sheet stored first.
        let firstBytes = try Data(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(name)"))
        try scene.run(killer: nil, fixedClock: false)
        try String(decoding: firstBytes, as: UTF8.self).replacingOccurrences(of: "18.226,71", with: "19.000,00")
            .write(to: scene.inbox.appendingPathComponent("comune-cabras-scheda-2019-bis.csv"), atomically: true, encoding: .utf8)
        try scene.run(killer: nil, fixedClock: false)
        try firstBytes.write(to: scene.inbox.appendingPathComponent(name))
        #expect(throws: InjectedKill.self) { try scene.run(killer: Killer(failAtName: "store.synchronized"), fixedClock: false) }

        let arguments = ["run", "--settle", "0", "--inbox", scene.inbox.path, "--store", scene.storePath, "--out", scene.out.path]
        let rerun = try RunReceiptTests.json(try CommandLineTests.run(arguments).output)
        let cabras = try RunReceiptTests.perFile(rerun, name)
        #expect(cabras["verdict"] as? String == "accepted")
        let replaced = (cabras["supersedes"] as? [[String: Any]])?.first?["file"] as? String
        #expect(replaced == "comune-cabras-scheda-2019-bis.csv")
        let current = try SQLiteStore(path: scene.storePath).submissions(ambito: "OR", year: 2019, includeHistory: false)
            .filter { $0.isCurrent && $0.subject.ente == EnteRef(comune: "095018") }
        #expect(current.map(\.file) == [name])
    }

    @Test(arguments: ["store.synchronized", "file.renamed:comune-cabras-scheda-2019.csv.ricevuta.json"])
    func aRunKilledBeforeFilingIsFinishedByTheNextNotCalledADuplicate(point: String) throws {
        let scene = try Scene()
        defer { try? FileManager.default.removeItem(at: scene.root) }
        let name = "comune-cabras-scheda-2019.csv"
        let killer = Killer(failAtName: point)
        #expect(throws: InjectedKill.self) { try scene.run(killer: killer) }
        #expect(FileManager.default.fileExists(atPath: scene.inbox.appendingPathComponent(name).path))
        let stored = try #require(try SQLiteStore(path: scene.storePath)
            .submissions(ambito: nil, year: nil, includeHistory: true).first { $0.file == name })

        let arguments = ["run", "--settle", "0", "--inbox", scene.inbox.path, "--store", scene.storePath, "--out", scene.out.path]
        let rerun = try RunReceiptTests.json(try CommandLineTests.run(arguments).output)
        #expect(rerun["duplicates"] as? Int == 0)
        #expect(rerun["accepted"] as? Int == 5)
        let cabras = try RunReceiptTests.perFile(rerun, name)
        #expect(cabras["verdict"] as? String == "accepted")
        #expect(cabras["submission"] as? Int == Int(stored.id))
        #expect(cabras["filedAs"] as? String == "archive/\(name)")
        let receiptURL = scene.inbox.appendingPathComponent("archive/\(name).ricevuta.json")
        let receipt = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: receiptURL)) as? [String: Any])
        #expect(receipt["verdict"] as? String == "accepted")
        #expect(receipt["submission"] as? Int == Int(stored.id))
        #expect(receipt["rowsRead"] as? Int == stored.rowsRead && receipt["rowsAccepted"] as? Int == stored.rowsAccepted)
        let text = try String(contentsOf: scene.inbox.appendingPathComponent("archive/\(name).ricevuta.txt"), encoding: .utf8)
        #expect(text.contains("accettato") && !text.contains("già importato"))
        // Stored once, filed once.
        let copies = try SQLiteStore(path: scene.storePath).submissions(ambito: nil, year: nil, includeHistory: true).filter { $0.file == name }
        #expect(copies.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scene.inbox.appendingPathComponent("archive").path)
            .filter { $0.hasPrefix("comune-cabras") && $0.hasSuffix(".csv") } == [name])

        // The same bytes sent again, after a run that finished: a duplicate, as before.
        try FileManager.default.copyItem(
            at: Workbench.repository.appendingPathComponent("SampleData/oristano/\(name)"), to: scene.inbox.appendingPathComponent(name))
        let again = try RunReceiptTests.json(try CommandLineTests.run(arguments).output)
        #expect(again["duplicates"] as? Int == 1)
        #expect(try RunReceiptTests.perFile(again, name)["verdict"] as? String == "duplicate")
    }
}
