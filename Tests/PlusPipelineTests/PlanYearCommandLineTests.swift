import Foundation
import PlusModel
import Testing
@testable import PlusPipeline

/// Plans in time through the binary: the sample year validates clean, a sheet of a year without
/// plan or deliberation gets one clear finding.
@Suite("plus validate: years without a plan")
struct PlanYearCommandLineTests {
    @Test func aSheetOf2020GetsOneFindingWhile2019StaysClean() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let sheet = try String(
            contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv"), encoding: .utf8)
        try Data(sheet.replacingOccurrences(of: ";2019;", with: ";2020;").utf8)
            .write(to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2020.csv"))
        let store = bench.root.appendingPathComponent("years.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        #expect(try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store]).status == 0)
        let text = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2020", "--store", store])
        #expect(text.status == 1)
        #expect(text.output.contains("Nessuna deliberazione per il 2020"))
        let json = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2020", "--store", store, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect((findings.first?["diagnostic"] as? [String: Any])?["code"] as? String == "R110")
    }
}

/// The deliberation is checked, not trusted, through the binary: the `errati` act with altered
/// populations and a raised cap is caught with its numbers.
@Suite("plus validate: a deliberation that cheats")
struct CheatingDeliberationCommandLineTests {
    @Test func alteredPopulationAndRaisedCapAreCaught() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("riferimento/enti-sardegna.csv")
        try bench.drop("deliberazioni/errati/dgr-2019-popolazioni-tetto.xml")
        for name in try FileManager.default.contentsOfDirectory(atPath: Workbench.repository.appendingPathComponent("SampleData/oristano").path)
        where name.hasSuffix(".csv") {
            try bench.drop("oristano/\(name)")
        }
        let store = bench.root.appendingPathComponent("cheat.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        let result = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(result.status == 1)
        #expect(result.output.contains("R206"))
        #expect(result.output.contains("Ambito OR: la deliberazione 20/98 usa 77495 residenti, i dati di riferimento (popolazione censimento-2011) ne contano 75495 (differenza 2000)."))
        #expect(result.output.contains("R207"))
        #expect(result.output.contains("fissa udp_cap a 2500000.00, ma il set di regole sardegna-plus v1 non le consente di cambiarlo: si applica 1924184.00."))
    }
}

/// The plan table's triennium reaches the store and the export.
@Suite("plus export: the plan's triennium")
struct PlanTrienniumExportTests {
    @Test func theSampleTableStatesThePlus2018To2020AndTheExportSaysSo() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // The sample's plan table with the act that approved the plan, in a column of its own.
        let table = bench.inbox.appendingPathComponent("capofila-servizi-2019.csv")
        let text = try String(contentsOf: table, encoding: .windowsCP1252)
            .replacingOccurrences(of: "Versione piano\r\n", with: "Versione piano;Atto di approvazione\r\n")
            .replacingOccurrences(of: ";2018-2020;1\r\n", with: ";2018-2020;1;Conferenza di servizi del 12/03/2018\r\n")
        try #require(text.contains("Atto di approvazione") && text.contains(";Conferenza di servizi"))
        try text.write(to: table, atomically: true, encoding: .windowsCP1252)
        let store = bench.root.appendingPathComponent("triennium.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        let out = bench.root.appendingPathComponent("export")
        let export = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--format", "csv", "--out", out.path, "--store", store])
        #expect(export.status == 0)
        let file = try #require(FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }.first { $0.hasSuffix("ambiti.csv") })
        let lines = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let triennium = try #require(header.firstIndex(of: "piano_triennio_inizio"))
        let version = try #require(header.firstIndex(of: "piano_versione"))
        #expect(row[triennium] == "2018")
        #expect(row[version] == "1")
        // The plan's kind and approving act reach the Region as well.
        #expect(row[try #require(header.firstIndex(of: "piano_tipo"))] == "plus")
        #expect(row[try #require(header.firstIndex(of: "piano_atto_approvazione"))] == "Conferenza di servizi del 12/03/2018")
        // The Region reading that export back (its XML form) keeps them on every service.
        let xmlOut = bench.root.appendingPathComponent("export-xml")
        #expect(try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--format", "xml", "--out", xmlOut.path, "--store", store]).status == 0)
        let xml = try #require(FileManager.default.enumerator(atPath: xmlOut.path)?.compactMap { $0 as? String }.first { $0.hasSuffix("plus-export.xml") })
        guard case .imported(let read, _) = try FileImport(library: bench.library).run(xmlOut.appendingPathComponent(xml)) else {
            Issue.record("the export was not read as one")
            return
        }
        let plans = Set(read.records.compactMap { if case .service(let service) = $0.record { service.plan } else { nil } })
        #expect(plans == [PlanStatement(type: .plus, trienniumStart: 2018, version: 1, approvedBy: "Conferenza di servizi del 12/03/2018")], "\(plans)")
    }
}

/// `plus status` for one Ambito-year compares it with the year before.
@Suite("plus status: a year against the previous one")
struct YearComparisonCommandLineTests {
    /// Oristano's 2019 and a 2018 plan made from it (the same tables, SAD costing 400.000,00 and
    /// Cabras's SAD share 18.000,00, plus `rows` at the end of the plan table), run into a store.
    static func runTwoYears(_ bench: Workbench, addingServiceRows rows: String = "") throws -> String {
        try bench.dropOristanoYear()
        for (name, from, to) in [
            ("capofila-servizi", "412.350,00", "400.000,00"), ("capofila-riparto", "18.226,71", "18.000,00"),
        ] {
            let text = try String(
                contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(name)-2019.csv"), encoding: .windowsCP1252)
            // The sample's lines end in CRLF; every record line starts with its year.
            var earlier = text.replacingOccurrences(of: "\r\n2019;", with: "\r\n2018;").replacingOccurrences(of: from, with: to)
            if name == "capofila-servizi", !rows.isEmpty { earlier += (earlier.hasSuffix("\r\n") ? "" : "\r\n") + rows }
            try Data(earlier.utf8).write(to: bench.inbox.appendingPathComponent("\(name)-2018.csv"))
        }
        let store = bench.root.appendingPathComponent("compare.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        return store
    }

    @Test func statusListsWhatChangedByServiceAndEnte() throws {
        let bench = try Workbench()
        let store = try Self.runTwoYears(bench)
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("Rispetto al 2018 (Ambito OR, 2019):\n  SAD costo totale: 400.000,00 → 412.350,00 (+12.350,00)"))
        #expect(status.output.contains("  SAD quota di comune:095018: 18.000,00 → 18.226,71 (+226,71)"))
        let lines = status.output.split(separator: "\n").filter { $0.hasPrefix("  SAD") || $0.hasPrefix("  SET") || $0.hasPrefix("  CDD") }
        #expect(lines.count == 2)
        let english = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.output.contains("Compared with 2018 (Ambito OR, 2019):\n  SAD total cost: 400,000.00 → 412,350.00 (+12,350.00)"))
        let first = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2018", "--store", store])
        #expect(!first.output.contains("Rispetto al"))
    }

    /// A 2018 plan whose two rows of one service, each a valid amount, add up past Int64: status
    /// (both languages) and the report name it with CMP001, list the other changes, and exit 0.
    @Test func statusAndTheReportNameAnAmountThatAddsUpPastTheLargest() throws {
        let bench = try Workbench()
        let big = "2018;BIG;Servizio enorme;anziani;sociale;associata;Oristano;50.000.000.000.000.000,00;50.000.000.000.000.000,00;;;;;;;;;residenti;;PLUS;2018-2020;1\r\n"
        let store = try Self.runTwoYears(bench, addingServiceRows: big + big)
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.status == 0)
        #expect(status.output.contains("  SAD costo totale: 400.000,00 → 412.350,00 (+12.350,00)"))
        #expect(status.output.contains("  CMP001 servizio BIG, costo totale: nel 2018 gli importi sommano a un totale che supera l'importo massimo rappresentabile (92.233.720.368.547.758,07 €)"))
        let english = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.output.contains("  CMP001 service BIG, total cost: in 2018 its amounts add up to a total that passes the largest amount that can be held (92,233,720,368,547,758.07 €)"))
        let page = bench.root.appendingPathComponent("overflow.html")
        let report = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--out", page.path])
        #expect(report.status == 0 || report.status == 1)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<p class=\"overflow\">CMP001 servizio BIG, costo totale: nel 2018"))
        #expect(html.contains("+12.350,00"))
    }

    @Test func statusAndTheReportListTheFirst500ChangesAndCountTheRest() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // Two plan tables of 510 services each, every total cost changed: more changes than are listed.
        let header = "Anno;Codice servizio;Denominazione servizio;Area di utenza;Tipologia;Gestione;Sede;Costo totale;"
            + "Fondo regionale PLUS;Quota Comuni;Quota ASL;Quota Provincia;FNPS;FNA;Fondi UE;Compartecipazione utenti;Altre fonti;"
            + "Criterio di riparto;Note"
        for (year, cost) in [(2018, "100,00"), (2019, "200,00")] {
            let lines = (1...510).map { "\(year);X\($0);Servizio \($0);anziani;sociale;associata;Oristano;\(cost);\(cost);;;;;;;;;residenti;" }
            try Data(([header] + lines).joined(separator: "\r\n").utf8)
                .write(to: bench.inbox.appendingPathComponent("capofila-servizi-\(year).csv"))
        }
        let store = bench.root.appendingPathComponent("many.sqlite").path
        _ = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        for (language, header, note) in [
            ("it", "Rispetto al 2018 (Ambito OR, 2019):", "(sono elencate le prime 500)."),
            ("en", "Compared with 2018 (Ambito OR, 2019):", "(the first 500 are listed)."),
        ] {
            let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", language])
            let lines = status.output.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex { $0 == header })
            #expect(lines[(start + 1)...].prefix { $0.contains(" → ") }.count == 500)
            let last = lines[start + 501]
            #expect(last.hasPrefix(language == "it" ? "  Variazioni non elencate qui: " : "  Changes not listed here: ") && last.hasSuffix(note))
        }
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("<p class=\"not-listed\">Variazioni non elencate qui: "))
        #expect(page.components(separatedBy: "<tr data-change=").count - 1 == 500)
    }
}
