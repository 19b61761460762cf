import Foundation
import Testing
import PlusModel

/// `plus run` reads a Region's act by every form it states (data block, attachment's table) and
/// tells, in the act's receipt and the run's summary, about a form it did not use: an absurd
/// population in the data block once made the run take the table in silence.
@Suite("plus run: an act's other form, flawed, is named in its receipt")
struct DeliberationFormsCommandLineTests {
    @Test func theFlawedDataBlockIsNamedInTheReceiptAndTheSummary() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let act = bench.inbox.appendingPathComponent("dgr-2019.xml")
        let text = try String(contentsOf: act, encoding: .utf8)
        try #require(text.contains("<plus:popolazione>75495</plus:popolazione>"))
        try text.replacingOccurrences(of: "<plus:popolazione>75495</plus:popolazione>", with: "<plus:popolazione>9000000000000000000</plus:popolazione>")
            .write(to: act, atomically: true, encoding: .utf8)
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path,
            "--store", bench.root.appendingPathComponent("run.sqlite").path,
        ])
        // The table is valid and agrees with the reference data: the year is consolidated as usual.
        #expect(result.status == 0, "\(result.output.suffix(2_000))")
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("archive/dgr-2019.xml.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("Mappatura: deliberazione-akn-allegato"), "\(receipt)")
        #expect(receipt.contains("dgr-2019.xml:48 ") && receipt.contains("avviso XML030") && receipt.contains("XML022"), "\(receipt)")
        let summary = try NoReferenceDataTests.summary(result.output)
        let perFile = summary["perFile"] as? [[String: Any]] ?? []
        let line = try #require(perFile.first { $0["file"] as? String == "dgr-2019.xml" })
        let reasons = (line["reasons"] as? [[String: String]] ?? []).compactMap { $0["en"] }
        #expect(reasons.contains { $0.contains("warning XML030") }, "\(line)")
    }
}
