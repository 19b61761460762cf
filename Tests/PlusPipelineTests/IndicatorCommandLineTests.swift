import Foundation
import Testing
@testable import PlusPipeline

/// Monitoring indicators (issue 16 item 5) through the binary: `plus run` recognises the
/// Ufficio di Piano's sheet, the store keeps it, and export, report and validation use it.
@Suite("plus run: monitoring indicators", .serialized)
struct IndicatorCommandLineTests {
    /// The Sardinian rule set with `indicators_required` switched on, written beside the store.
    static func ruleSetAskingForIndicators(in bench: Workbench) throws -> String {
        let sardinian = try String(
            contentsOf: Workbench.repository.appendingPathComponent("Mappings/rules/sardegna-plus-v1.yaml"), encoding: .utf8)
        let asking = sardinian.replacingOccurrences(of: "indicators_required: false", with: "indicators_required: true")
        #expect(asking != sardinian)
        let url = bench.root.appendingPathComponent("regole-indicatori.yaml")
        try asking.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func theSampleSheetIsRecognisedStoredExportedAndReported() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("indicatori.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        #expect(run.status == 0)
        #expect(run.output.contains(#""file":"capofila-indicatori-2019.csv","filedAs":"archive/capofila-indicatori-2019.csv","mapping":"capofila-indicatori""#))
        #expect(run.output.contains(#""rowsAccepted":9,"rowsRead":9,"rowsRejected":0"#))

        // Stored: a later export from the store alone has them, decimals exact and Italian in csv-it.
        let out = bench.root.appendingPathComponent("export")
        let export = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--dataset-format", "csv-it", "--out", out.path, "--store", store])
        #expect(export.status == 0)
        let csv = try String(contentsOf: out.appendingPathComponent("indicatori.csv"), encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).count == 10)
        #expect(csv.contains(#"2019;"OR";"SAD";"ORE-UTENTE";"Ore di assistenza per utente al mese";"ore";10,5;9,75;"capofila-indicatori-2019.csv""#))

        let page = bench.root.appendingPathComponent("rapporto.html")
        let report = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--out", page.path])
        #expect(report.status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<h2>Indicatori di monitoraggio (9)</h2>"))
        #expect(html.contains(#"<tr data-indicator="SAD/ORE-UTENTE"><td>SAD</td><td>ORE-UTENTE</td><td>Ore di assistenza per utente al mese</td><td>ore</td><td class="num">10,5</td><td class="num">9,75</td></tr>"#))

        // Every service of the sample has an indicator: clean even when the rule set asks for them.
        let rules = try Self.ruleSetAskingForIndicators(in: bench)
        let validation = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules])
        #expect(validation.status == 0)
        #expect(!validation.output.contains("R601"))
    }

    @Test func aServiceWithoutIndicatorWarnsOnlyWhenTheRuleSetAsks() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // The sheet without the day centre's indicator.
        let sheet = bench.inbox.appendingPathComponent("capofila-indicatori-2019.csv")
        let text = try String(contentsOf: sheet, encoding: .windowsCP1252)
        let without = text.split(separator: "\r\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("2019;CDD;") }
        #expect(without.count == text.split(separator: "\r\n", omittingEmptySubsequences: false).count - 1)
        try Data(without.joined(separator: "\r\n").utf8).write(to: sheet)
        let store = bench.root.appendingPathComponent("senza-cdd.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])

        let sardinian = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(sardinian.status == 0)
        #expect(!sardinian.output.contains("R601"))

        let rules = try Self.ruleSetAskingForIndicators(in: bench)
        let asked = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules])
        #expect(asked.output.components(separatedBy: "R601").count == 2)
        // Located at the service's row of the plan table (line 5: the SAD row's note spans two lines).
        let json = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules, "--format", "json"])
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let locations = findings.compactMap { $0["diagnostic"] as? [String: Any] }.filter { $0["code"] as? String == "R601" }
            .compactMap { $0["location"] as? [String: Any] }
        #expect(locations.count == 1)
        #expect(locations.first?["file"] as? String == "capofila-servizi-2019.csv" && locations.first?["line"] as? Int == 5)
        #expect(asked.output.contains("Servizio CDD: nessun indicatore di monitoraggio per il 2019; il set di regole sardegna-plus v1 li chiede per ogni servizio del piano (L.R. 23/2005 art. 20, punto 9)."))
        let english = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules, "--lang", "en"])
        #expect(english.output.contains("Service CDD: no monitoring indicator for 2019; rule set sardegna-plus v1 asks for them for every service of the plan (L.R. 23/2005 art. 20 item 9)."))
    }
}
