import Foundation
import Testing
import PlusModel
@testable import PlusPipeline

/// Issue 18 items 3–4 through the binary: the rule set's population vintage in every report, and a
/// newer reference file previewed before it is applied, then validating again only the Ambiti it changes.
@Suite("Population vintage and reference refresh", .serialized)
struct ReferenceRefreshTests {
    /// The Oristano 2019 sample plus one sheet of Cagliari (Ambito CAG): every Ambito has a 2019 to validate.
    static func twoAmbiti() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try Data("Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n092009;2019;SAD;1.000,00\n".utf8)
            .write(to: bench.inbox.appendingPathComponent("comune-cagliari-scheda-2019.csv"))
        let store = bench.root.appendingPathComponent("refresh.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        // The deliberation gives every Ambito a year to validate: CAG 2019 and OR 2019 among them.
        #expect(run.output.contains("\"CAG 2019\",") && run.output.contains("\"OR 2019\","), "\(run.output)")
        return (bench, store)
    }

    /// ISTAT's census populations (the `istat-popolazione` layout) with Oristano at `oristano` residents.
    static func censusFile(at url: URL, oristano: Int, more: String = "") throws {
        try Data("Codice comune;Denominazione;Popolazione legale 2011\n095038;Oristano;\(oristano)\n095018;Cabras;9032\n\(more)".utf8).write(to: url)
    }

    @Test func aNewerPopulationIsPreviewedThenOnlyTheAmbitoItChangesIsValidatedAgain() throws {
        let (bench, store) = try Self.twoAmbiti()
        let census = bench.root.appendingPathComponent("popolazione-censimento-2011.csv")
        try Self.censusFile(at: census, oristano: 31_200)

        // The preview names the Ambito and its population before and after, and stores nothing.
        let text = try CommandLineTests.run(["reference", "diff", census.path, "--store", store, "--lang", "en"])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains("Ambiti to validate again (1):"), "\(text.output)")
        #expect(text.output.contains("OR Oristano: population censimento-2011 75,495 → 75,540 (+45)"), "\(text.output)")
        #expect(!text.output.contains("CAG"))
        let italian = try CommandLineTests.run(["reference", "diff", census.path, "--store", store])
        #expect(italian.output.contains("OR Oristano: popolazione censimento-2011 75.495 → 75.540 (+45)"), "\(italian.output)")
        let json = try CommandLineTests.run(["reference", "diff", census.path, "--store", store, "--format", "json"])
        struct Preview: Decodable {
            struct Change: Decodable { var ambito: String; var populations: [Population] }
            struct Population: Decodable { var vintage: String; var before: Int?; var after: Int }
            var ambiti: [Change]; var schemaVersion: Int
        }
        let preview = try JSONDecoder().decode(Preview.self, from: Data(json.output.utf8))
        #expect(preview.ambiti.map(\.ambito) == ["OR"])
        #expect(preview.ambiti.first?.populations.first.map { [$0.before, $0.after] } == [75_495, 75_540])
        let unchanged = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(unchanged.status == 0, "the preview stored nothing")
        let statusBefore = try Self.referenceLine(store: store)
        // The status tells the change's time to the second: a run within the same second as the
        // set-up would tell the same text (it did, once the run got fast enough). Wait for the next second.
        let shownSecond = Date().timeIntervalSince1970.rounded(.down)
        while Date().timeIntervalSince1970.rounded(.down) == shownSecond { Thread.sleep(forTimeInterval: 0.02) }

        // Applied: only OR 2019 is validated again, and the summary, the log and the receipt say why.
        try FileManager.default.moveItem(at: census, to: bench.inbox.appendingPathComponent(census.lastPathComponent))
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        #expect(run.output.contains("\"referenceChanged\":[\"OR 2019\"]"), "\(run.output)")
        #expect(run.output.contains("\"validated\":[\"OR 2019\"]"), "\(run.output)")
        #expect(run.output.contains("dati di riferimento cambiati: OR 2019"), "\(run.output)")
        let receipt = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/popolazione-censimento-2011.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("IST011") && receipt.contains("75.495 → 75.540"), "\(receipt)")
        // plus status tells when the Ambito's reference data last changed, and the vintage used.
        let statusAfter = try Self.referenceLine(store: store)
        #expect(statusAfter.hasPrefix("  population censimento-2011; reference data changed on "), "\(statusAfter)")
        #expect(statusAfter != statusBefore)
        // The deliberation's 75,495 residents now differ from the vintage the rule set names.
        #expect(run.status == 1)
        let validate = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(validate.output.contains("R206") && validate.output.contains("(censimento-2011 population) counts 75540"), "\(validate.output)")

        // The same populations told again (in another file, with Allai's unchanged too) change no Ambito.
        try Self.censusFile(at: bench.inbox.appendingPathComponent("popolazione-censimento-2011-bis.csv"), oristano: 31_200, more: "095005;Allai;370\n")
        let again = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        #expect(again.output.contains("\"accepted\":1"), "\(again.output)")
        #expect(again.output.contains("\"referenceChanged\":[]") && again.output.contains("\"validated\":[]"), "\(again.output)")
    }

    /// The line of `plus status` that tells when OR's reference data last changed.
    static func referenceLine(store: String) throws -> String {
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        return status.output.components(separatedBy: "\n").first { $0.contains("reference data changed on") } ?? ""
    }

    @Test func aFileThatIsNotReferenceDataIsRefusedByTheDiff() throws {
        let (_, store) = try Self.twoAmbiti()
        let sheet = Workbench.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv")
        let result = try CommandLineTests.run(["reference", "diff", sheet.path, "--store", store, "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.output.contains("is not a reference file"))
    }

    @Test func theVintageIsNamedInEveryReportAndAMissingOneIsAnError() throws {
        let (bench, store) = try Self.twoAmbiti()
        // The shipped vintage: text, JSON, the HTML report and the export manifest name it.
        let text = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(text.output.contains("Population: censimento-2011 (the vintage the rule set names)"), "\(text.output)")
        let json = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        #expect(json.output.contains(#""populationVintage" : "censimento-2011""#) || json.output.contains(#""populationVintage":"censimento-2011""#), "\(json.output)")
        let html = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(html.contains("Popolazione: censimento-2011"))
        let export = bench.root.appendingPathComponent("export")
        let exported = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--out", export.path, "--store", store])
        #expect(exported.status == 0, "\(exported.output)")
        let manifest = try String(contentsOf: export.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"populationVintage\""), "\(manifest)")
        #expect(manifest.contains("censimento-2011"))

        // A rule set naming a vintage the store lacks: R002, not a silent fallback to the 2011 census.
        let rules = bench.root.appendingPathComponent("regole-2019.yaml")
        let shipped = try String(contentsOf: Workbench.repository.appendingPathComponent("Mappings/rules/sardegna-plus-v1.yaml"), encoding: .utf8)
        try shipped.replacingOccurrences(of: "population_vintage: censimento-2011", with: "population_vintage: istat-2019-01-01")
            .write(to: rules, atomically: true, encoding: .utf8)
        let missing = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules.path, "--lang", "en"])
        #expect(missing.status == 1)
        #expect(missing.output.contains("Population: istat-2019-01-01"), "\(missing.output)")
        #expect(missing.output.contains("R002") && missing.output.contains("uses the istat-2019-01-01 population"), "\(missing.output)")
        #expect(missing.output.contains("vintages present: censimento-2011"))
    }
}
