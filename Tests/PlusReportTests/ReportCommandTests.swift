import Foundation
import Testing
import PlusModel
@testable import PlusReport

@Suite("plus report and plus run's reports, through the real binary", .serialized)
struct ReportCommandTests {
    @Test func runWritesTheAmbitoAndRegionReportsBesideTheDatasets() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        let run = try PlusBinary.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", bench.storePath, "--export-format", "csv",
        ])
        #expect(run.status == 2 || run.status == 1, "\(run.output)")
        let ambito = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        let region = try String(contentsOf: bench.out.appendingPathComponent("regione-2019.html"), encoding: .utf8)
        #expect(ambito.contains("Zeddiani"))
        #expect(region.contains("data-ambito=\"OR\""))
        // Findings link to the archived sheet, relative to the report.
        #expect(ambito.contains("href=\"../../inbox/archive/comune-cabras-scheda-2019-errata.csv\""))
        #expect(region.contains("href=\"../inbox/archive/comune-cabras-scheda-2019-errata.csv\""))
    }

    @Test func aFindingLinksToTheVersionItIsAboutWhenTwoShareAName() throws {
        let bench = try ReportBench()
        try bench.dropOristano()
        let arguments = ["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", bench.storePath, "--export-format", "csv"]
        #expect(try PlusBinary.run(arguments).status == 0)
        // The wrong sheet arrives under the good one's name: the archive tags it with its checksum.
        try bench.drop("errati/comune-cabras-scheda-2019-errata.csv", as: "comune-cabras-scheda-2019.csv")
        _ = try PlusBinary.run(arguments)
        let archived = try FileManager.default.contentsOfDirectory(atPath: bench.inbox.appendingPathComponent("archive").path)
        let tagged = try #require(archived.first { $0.hasPrefix("comune-cabras-scheda-2019.") && $0.hasSuffix(".csv") && $0.count > 34 })
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("href=\"../../inbox/archive/\(tagged)\""))
        #expect(!page.contains("href=\"../../inbox/archive/comune-cabras-scheda-2019.csv\""))
    }

    @Test func theJSONIsTheModelThePageIsDrawnFrom() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let json = bench.root.appendingPathComponent("report.json")
        let result = try PlusBinary.run([
            "report", "--ambito", "OR", "--year", "2019", "--store", bench.storePath, "--format", "json", "--out", json.path,
        ])
        #expect(result.status == 0, "\(result.output)")
        let printed = try ReportModel.decode(Data(contentsOf: json))
        #expect(printed == (try bench.builder.ambito("OR", year: 2019)))
        let region = try PlusBinary.run(["report", "--region", "--year", "2019", "--store", bench.storePath, "--lang", "en"])
        #expect(region.status == 0)
        #expect(region.output.hasPrefix("<!DOCTYPE html>"))
        #expect(region.output.contains("Findings on the regional deliberation"))
    }

    @Test func anUnknownAmbitoYearOrAMissingScopeIsAUsageError() throws {
        let bench = try ReportBench()
        try bench.dropFlawedOristano()
        try bench.run()
        let unknown = try PlusBinary.run(["report", "--ambito", "XX", "--year", "2019", "--store", bench.storePath])
        #expect(unknown.status == 64)
        #expect(unknown.output.contains("XX"))
        let neither = try PlusBinary.run(["report", "--year", "2019", "--store", bench.storePath])
        #expect(neither.status == 64)
        let both = try PlusBinary.run(["report", "--ambito", "OR", "--region", "--year", "2019", "--store", bench.storePath])
        #expect(both.status == 64)
    }
}
