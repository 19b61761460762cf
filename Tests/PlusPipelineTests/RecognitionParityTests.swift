import Foundation
import Testing
import PlusModel
import PlusStore
@testable import PlusPipeline

/// `plus import FILE` (recognising the mapping as `plus run` does) and `plus run` give every
/// fixture the same verdict: accepted, rows rejected, or rejected whole.
@Suite("import and run: one recognition, one verdict")
struct RecognitionParityTests {
    enum Verdict: String, Equatable {
        case accepted, rowsRejected, rejectedWhole
    }

    /// Every sample and fixture file of the repository, hidden ones aside (the inbox skips them).
    static let fixtures: [String] = {
        let root = Workbench.repository
        var found: [String] = []
        var folders = ["SampleData"]
        let tests = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Tests").path)) ?? []
        folders += tests.map { "Tests/\($0)/Fixtures" }
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            while let path = walker.nextObject() as? String {
                let full = root.appendingPathComponent(folder).appendingPathComponent(path)
                let name = full.lastPathComponent
                let isFile = (try? full.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
                if isFile && !name.hasPrefix(".") { found.append("\(folder)/\(path)") }
            }
        }
        return found.sorted()
    }()

    @Test func theFixturesIncludeTheCasesThatDiffered() {
        #expect(Self.fixtures.count > 60)
        #expect(Self.fixtures.contains("Tests/PlusCSVTests/Fixtures/istat-comuni-a-capo.csv"))
        #expect(Self.fixtures.contains("Tests/PlusCSVTests/Fixtures/comune-cabras-scheda-2019.xlsx"))
    }

    @Test func runReadsAHeaderWithLineBreaksAndTellsAWorkbookByItsCode() throws {
        let bench = try Workbench()
        try FileManager.default.copyItem(
            at: Workbench.repository.appendingPathComponent("Tests/PlusCSVTests/Fixtures/istat-comuni-a-capo.csv"),
            to: bench.inbox.appendingPathComponent("istat-comuni-a-capo.csv"))
        try FileManager.default.copyItem(
            at: Workbench.repository.appendingPathComponent("Tests/PlusCSVTests/Fixtures/comune-cabras-scheda-2019.xlsx"),
            to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.xlsx"))
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"])
        #expect(try bench.files(in: "archive").contains("istat-comuni-a-capo.csv"))
        let reason = try String(
            contentsOf: bench.inbox.appendingPathComponent("rejected/comune-cabras-scheda-2019.xlsx.reason"), encoding: .utf8)
        // A workbook is read as one now: this one has no sheet, which is what it is told.
        #expect(reason.contains("WBK007") && reason.contains("foglio"), "\(reason)")
        #expect(!reason.contains("intestazione"))
    }

    @Test(arguments: fixtures)
    func importAndRunAgree(fixture: String) throws {
        let source = Workbench.repository.appendingPathComponent(fixture)
        let imported = try CommandLineTests.run(["import", source.path, "--lang", "en"])
        let importVerdict: Verdict? = switch imported.status {
        case 0: .accepted
        case 1: .rowsRejected
        case 2: .rejectedWhole
        default: nil
        }
        #expect(importVerdict != nil, "plus import \(fixture) exited \(imported.status): \(imported.output)")
        #expect(try Self.runVerdict(of: source) == importVerdict, "\(fixture): \(imported.output)")
    }

    /// The verdict `plus run` gives the file alone in a fresh inbox and store.
    static func runVerdict(of source: URL) throws -> Verdict? {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plus-parity-\(UUID().uuidString)")
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let name = source.lastPathComponent
        let copy = inbox.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: copy)
        // Arrived an hour ago: settled, for a run that waits for uploads to finish.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: copy.path)
        let store = root.appendingPathComponent("plus.sqlite").path
        let run = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", inbox.path, "--store", store, "--out", root.appendingPathComponent("out").path, "--export-format", "csv",
        ])
        // The run's exit code also tells the consolidation that follows (a deliberation alone
        // has no Ambito to export): the file's verdict is where it was filed and what was stored.
        #expect(!run.output.contains("Error:"), "plus run over \(name): \(run.output)")
        let rejected = (try? FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent("rejected").path)) ?? []
        if rejected.contains(name) { return .rejectedWhole }
        let archived = (try? FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent("archive").path)) ?? []
        guard archived.contains(name) else { return nil }
        let stored = try SQLiteStore(path: store)
        let submissions = try stored.submissions(ambito: nil, year: nil, includeHistory: true)
        let withErrors = try submissions.contains { submission in
            try submission.rowsRejected > 0 || !stored.rejectedRows(submission: submission.id).isEmpty
                || stored.diagnostics(submission: submission.id).contains { $0.severity == .error }
        }
        return withErrors ? .rowsRejected : .accepted
    }
}
