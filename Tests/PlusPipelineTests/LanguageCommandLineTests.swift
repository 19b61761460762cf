import Foundation
import Testing
@testable import PlusPipeline

/// The language asked for with `--lang` reaches every word and every number the CLI writes:
/// amounts inside findings, and ArgumentParser's own headings and errors.
@Suite("plus in Italian and in English")
struct LanguageCommandLineTests {
    /// The Oristano 2019 sample with Cabras's broken sheet (`SampleData/errati`), run into a store.
    static func flawedStore() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv", as: "comune-cabras-scheda-2019.csv")
        let store = bench.root.appendingPathComponent("lingue.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store])
        #expect(run.status == 1, "\(run.output.prefix(400))")
        return (bench, store)
    }

    @Test func amountsInFindingsAreWrittenTheWayTheLanguageWritesThem() throws {
        let (bench, store) = try Self.flawedStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        let validate = ["validate", "--ambito", "OR", "--year", "2019", "--store", store]

        // Cabras declared 18.326,71 for SAD against a share of 18.226,71 (R104).
        let english = try CommandLineTests.run(validate + ["--lang", "en"]).output
        #expect(english.contains("declared 18,326.71, its share in the plan is 18,226.71 (difference 100.00)"), "\(english)")
        #expect(!english.contains("18.326,71") && !english.contains("18.226,71"), "\(english)")
        let italian = try CommandLineTests.run(validate).output
        #expect(italian.contains("ha dichiarato 18.326,71, la sua quota nel piano è 18.226,71 (differenza 100,00)"), "\(italian)")
        #expect(!italian.contains("18,326.71"), "\(italian)")

        // JSON: each language's message in its own convention, the amounts themselves in cents.
        let json = try ConventionTests.object(CommandLineTests.run(validate + ["--format", "json", "--lang", "en"]).output)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let sad = try #require(findings.first { ($0["service"] as? String) == "SAD" })
        #expect(sad["expected"] as? Int == 1_822_671 && sad["found"] as? Int == 1_832_671 && sad["difference"] as? Int == 10_000)
        let diagnostic = try #require(sad["diagnostic"] as? [String: Any])
        let message = try #require(diagnostic["message"] as? [String: String])
        #expect(message["en"]?.contains("18,326.71") == true && message["it"]?.contains("18.326,71") == true, "\(message)")
        #expect(diagnostic["found"] as? String == "18326.71")

        // The HTML report: the findings' messages and the amounts of its tables.
        let page = bench.root.appendingPathComponent("report-en.html")
        let report = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en", "--out", page.path])
        #expect(report.status == 0, "\(report.output)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("declared 18,326.71") && html.contains("€18,610,000.00"), "\(html.prefix(600))")
        #expect(!html.contains("18.610.000,00"))
        let italianPage = bench.root.appendingPathComponent("report-it.html")
        _ = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--out", italianPage.path])
        let italianHTML = try String(contentsOf: italianPage, encoding: .utf8)
        #expect(italianHTML.contains("ha dichiarato 18.326,71") && italianHTML.contains("18.610.000,00\u{00A0}€"))
    }
}
