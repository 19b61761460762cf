import Foundation
import Testing
import PlusModel
@testable import PlusPipeline

/// A sheet of a kind read whole (reference data, indicators) larger than such files ever are is
/// refused unread (CSV017), as a file: its receipt, the run's summary and exit code say so, and the
/// store is not asked to hold some sixty times its size.
@Suite("A reference sheet too large to read whole is refused, not read")
struct WholeFileLimitTests {
    /// The sample membership list, its rows repeated until it is at least `bytes` long.
    static func membership(atLeast bytes: Int, in folder: URL) throws -> URL {
        let sample = try String(
            contentsOf: Workbench.repository.appendingPathComponent("SampleData/riferimento/ambiti-sardegna.csv"), encoding: .utf8)
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: true)
        var text = String(lines[0]) + "\n"
        let rows = lines.dropFirst().joined(separator: "\n") + "\n"
        while text.utf8.count < bytes { text += rows }
        let url = folder.appendingPathComponent("ambiti-sardegna.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func atTheLimitTheFileIsReadAndPastItRefusedWithItsSizeAndTheLimit() throws {
        let bench = try Workbench()
        let url = try Self.membership(atLeast: 40_000, in: bench.root)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        var files = try FileImport(library: bench.library)
        files.wholeFileLimit = size
        guard case .imported(let read, _) = try files.run(url) else { Issue.record("not imported"); return }
        #expect(read.status == .accepted && read.rowsRead > 377)
        files.wholeFileLimit = size - 1
        guard case .imported(let refused, let target) = try files.run(url) else { Issue.record("not imported"); return }
        #expect(target == "comuni")
        #expect(refused.status == .rejected && refused.records.isEmpty && refused.rowsRead == 0)
        #expect(refused.sha256 == read.sha256 && refused.byteCount == size && refused.mapping == "ambiti-membri")
        let diagnostic = try #require(refused.diagnostics.first)
        #expect(diagnostic.code == "CSV017" && diagnostic.severity == .error)
        #expect(diagnostic.location.file == "ambiti-sardegna.csv")
        #expect(diagnostic.found == String(size) && diagnostic.expected == String(size - 1))
        #expect(diagnostic.message[.it].contains("i file di tipo comuni si leggono per intero"))
        #expect(diagnostic.message[.en].contains("comuni files are read whole"))
    }

    @Test func theShippedLimitRefusesAHugeMembershipListAndTheRunSaysSo() throws {
        let bench = try Workbench()
        _ = try Self.membership(atLeast: FileImport.defaultWholeFileLimit + 1, in: bench.inbox)
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path,
            "--store", bench.root.appendingPathComponent("run.sqlite").path,
        ])
        #expect(result.status != 0, "\(result.output)")
        let summary = try NoReferenceDataTests.summary(result.output)
        let perFile = try #require(summary["perFile"] as? [[String: Any]])
        let entry = try #require(perFile.first { $0["file"] as? String == "ambiti-sardegna.csv" })
        #expect(entry["verdict"] as? String == "rejected")
        #expect("\(entry["reasons"] ?? "")".contains("CSV017"), "\(entry)")
        #expect(try bench.files(in: "rejected").contains("ambiti-sardegna.csv"))
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/ambiti-sardegna.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("CSV017"), "\(receipt)")
        #expect(receipt.contains("si leggono per intero"), "\(receipt)")
    }
}
