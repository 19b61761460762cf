import Foundation
import Testing
@testable import PlusPipeline

/// The second region through the binary: the Castelfranco Emilia district (Piano di Zona with
/// FRNA) validates clean under its own rule set, its `errati/` statement gives the planted
/// finding with its numbers, and Oristano stays clean beside it in the same store.
@Suite("plus run: Emilia-Romagna's Castelfranco Emilia sample")
struct EmiliaRomagnaCommandLineTests {
    static let sample = "SampleData/emilia-romagna"

    /// Copies the district's sample into the bench's inbox; `errato` puts the errati statement
    /// in place of the good one.
    static func dropCastelfranco(_ bench: Workbench, errato: Bool = false) throws {
        let folder = Workbench.repository.appendingPathComponent(sample)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            let source = errato && name == "frna-castelfranco-2019.csv" ? "emilia-romagna/errati/\(name)" : "emilia-romagna/\(name)"
            try bench.drop(source)
        }
    }

    static func run(_ bench: Workbench, store: String) throws -> (status: Int32, output: String) {
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json",
        ])
        return (result.status, result.output)
    }

    @Test func theDistrictValidatesCleanUnderItsOwnRuleSet() throws {
        let bench = try Workbench()
        try Self.dropCastelfranco(bench)
        let store = bench.root.appendingPathComponent("er.sqlite").path
        let run = try Self.run(bench, store: store)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("\"validated\":[\"CFE 2019\"]"))
        let text = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store])
        #expect(text.status == 0)
        #expect(text.output.contains("regole emilia-romagna-pdz v1 (emilia-romagna, 2018–2020)"))
        #expect(text.output.contains("Riepilogo: 0 errori, 0 avvisi, 0 info"), "\(text.output)")
        // The Comuni, the AUSL, the Unione (ente gestore) and the ASP have all sent their declarations.
        let status = try CommandLineTests.run(["status", "--ambito", "CFE", "--year", "2019", "--store", store])
        #expect(status.output.contains("CFE Castelfranco Emilia 2019: 9/9 enti hanno inviato; in regola"), "\(status.output)")
        // The FRNA checks ran, and no parameter of the Sardinian fund is shown.
        let json = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rules = try #require(report["rulesRun"] as? [String])
        #expect(["R103", "R104", "R120", "R121", "R122", "R123", "R124"].allSatisfy(rules.contains))
        #expect(!rules.contains("R201"))
        #expect((report["parameters"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["tolerance_cents"])
    }

    @Test func theErratiStatementGivesThePlantedFindingWithItsNumbers() throws {
        let bench = try Workbench()
        try Self.dropCastelfranco(bench, errato: true)
        let store = bench.root.appendingPathComponent("errati.sqlite").path
        #expect(try Self.run(bench, store: store).status == 1)
        let text = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store])
        #expect(text.status == 1)
        #expect(text.output.contains(
            "errore R121: FRNA 2019: utilizzato più residuo è 3.558.225,68, assegnato più residuo degli anni precedenti è 3.558.135,68 (differenza 90,00)."),
            "\(text.output)")
        let json = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect((finding["diagnostic"] as? [String: Any])?["code"] as? String == "R121")
        // Money in cents: expected, found, difference.
        #expect(finding["expected"] as? Int == 355_813_568)
        #expect(finding["found"] as? Int == 355_822_568)
        #expect(finding["difference"] as? Int == 9_000)
        let english = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.output.contains("used plus residual is"))
    }

    @Test func oristano2017To2019StaysCleanBesideTheDistrict() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try bench.drop("deliberazioni/dgr-2017.xml")
        try bench.drop("deliberazioni/dgr-2018.xml")
        try Self.dropCastelfranco(bench)
        let store = bench.root.appendingPathComponent("two-regions.sqlite").path
        let run = try Self.run(bench, store: store)
        #expect(run.status == 0, "\(run.output)")
        // Sardinia's deliberations concern Sardinia's Ambiti, not the district.
        #expect(!run.output.contains("CFE 2017") && !run.output.contains("CFE 2018"))
        for year in ["2017", "2018", "2019"] {
            let result = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", year, "--store", store])
            #expect(result.status == 0, "\(year): \(result.output)")
            #expect(result.output.contains("regole sardegna-plus v1"))
            #expect(result.output.contains("Riepilogo: 0 errori"))
        }
        let district = try CommandLineTests.run(["validate", "--ambito", "CFE", "--year", "2019", "--store", store])
        #expect(district.status == 0, "\(district.output)")
        #expect(!district.output.contains("Deliberazione:"))
    }
}
