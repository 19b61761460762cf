import Foundation
import Testing
import PlusModel

/// Amounts beyond any plan, in a Comune's sheet, the capofila's plan or the Region's
/// deliberation, are reported (`R404`), not added up: `plus run`, through the binary, finishes,
/// exits 1, leaves the year unexported with a page that says its totals are out of range, and
/// the other Ambito-years go on. Two such amounts once stopped every nightly run at the report
/// (a signal, no summary, the same again the next night).
@Suite("plus run: amounts out of range reported, not added up")
struct AmountsOutOfRangeRunTests {
    static let huge = "50.000.000.000.000.000,00"

    /// The Oristano year, the amounts of `kind` made 50 million billion euros (5 × 10¹⁸ cents:
    /// each fits in 64 bits, two of them do not).
    static func bench(_ kind: String) throws -> Workbench {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        switch kind {
        case "sheet":
            let url = bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv")
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "18.226,71", with: huge).replacingOccurrences(of: "4.120,86", with: huge)
                .write(to: url, atomically: true, encoding: .utf8)
        case "plan":
            let url = bench.inbox.appendingPathComponent("capofila-servizi-2019.csv")
            let text = try #require(String(data: try Data(contentsOf: url), encoding: .windowsCP1252))
            // The costs and regional funds of two services (SAD, SET-MIN).
            let edited = ["Oristano;412.350,00;180.000,00;", ";;268.900,50;120.000,00;"].reduce(text) { text, cells in
                text.replacingOccurrences(of: cells, with: cells.replacingOccurrences(
                    of: #"[0-9.]+,[0-9]{2}"#, with: huge, options: .regularExpression))
            }
            try #require(edited.components(separatedBy: huge).count == 5)
            try #require(edited.data(using: .windowsCP1252)).write(to: url)
        default:
            let url = bench.inbox.appendingPathComponent("dgr-2019.xml")
            let text = try String(contentsOf: url, encoding: .utf8)
            try #require(text.contains("<plus:quotaPartiUguali>268560.00<") && text.contains("<plus:quotaPopolazione>463784.17<"))
            try text.replacingOccurrences(of: "<plus:quotaPartiUguali>268560.00<", with: "<plus:quotaPartiUguali>50000000000000000.00<")
                .replacingOccurrences(of: "<plus:quotaPopolazione>463784.17<", with: "<plus:quotaPopolazione>50000000000000000.00<")
                .write(to: url, atomically: true, encoding: .utf8)
        }
        return bench
    }

    @Test(arguments: ["sheet", "plan", "deliberation"])
    func theRunFinishesAndTheYearIsReportedNotAddedUp(kind: String) throws {
        let bench = try Self.bench(kind)
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path,
            "--store", bench.root.appendingPathComponent("run.sqlite").path,
        ])
        #expect(result.status == 1, "\(kind): \(result.output.suffix(2_000))")
        let summary = try NoReferenceDataTests.summary(result.output)
        #expect((summary["withErrors"] as? [String] ?? []).contains("OR 2019"))
        // The sender of the file is told in its receipt, each amount once (the deliberation's come in
        // every Ambito-year's report), and its summary line says so; another file of the year is not told.
        let file = ["sheet": "comune-cabras-scheda-2019.csv", "plan": "capofila-servizi-2019.csv"][kind] ?? "dgr-2019.xml"
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("archive/\(file).ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("Avviso R404:") && receipt.contains("50.000.000.000.000.000,00 è fuori scala"), "\(receipt)")
        #expect(receipt.contains("l'anno non viene esportato"))
        let perFile = summary["perFile"] as? [[String: Any]] ?? []
        let told = try #require(perFile.first { $0["file"] as? String == file })
        let codes = (told["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        // Two amounts in the sheet, four in the plan; every Ambito's equal share in the deliberation
        // (25) and Oristano's population share: the first ten listed, the other sixteen counted.
        #expect(codes.filter { $0 == "R404" }.count == ["sheet": 2, "plan": 4][kind] ?? 11, "\(told)")
        if kind == "deliberation" {
            #expect(receipt.contains("E altri 16 rilievi come questi, non elencati qui: plus validate li elenca tutti."), "\(receipt)")
        }
        #expect(summary["warnings"] as? Int == perFile.reduce(0) { $0 + (($1["warnings"] as? [Any])?.count ?? 0) })
        let other = try String(contentsOf: bench.inbox.appendingPathComponent("archive/comune-milis-scheda-2019.csv.ricevuta.txt"), encoding: .utf8)
        #expect(!other.contains("R404"))
        let validation = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/validazione.txt"), encoding: .utf8)
        #expect(validation.contains("R404") && validation.contains("l'anno non viene esportato"))
        #expect(!FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("OR-2019/datapackage").path))
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("data-amounts-out-of-range=\"true\"") && page.contains("fuori scala"))
        let region = try String(contentsOf: bench.out.appendingPathComponent("regione-2019.html"), encoding: .utf8)
        #expect(region.contains("data-amounts-out-of-range=\"true\""))
        // A deliberation out of range is every Ambito's; a sheet or a plan, Oristano's alone.
        let otherExported = FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("MAR-2019/datapackage/datapackage.json").path)
        #expect(otherExported == (kind != "deliberation"))
        try Self.theRollUpSaysOutOfRange(store: bench.root.appendingPathComponent("run.sqlite").path, csv: bench.root.appendingPathComponent("regione.csv"))
        try Self.theExportRefusesTheYear(store: bench.root.appendingPathComponent("run.sqlite").path, in: bench.root, kind: kind)
    }

    /// A Comune's workbook of such amounts: its findings name the sheet (`….xlsx[Dichiarazioni]`),
    /// and its receipt, found by the name the file was sent by, tells them too.
    @Test func theSenderOfAWorkbookIsToldInItsReceipt() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv"))
        // The sample sheet of Cabras as a workbook, its two amounts made 50 million billion euros.
        try FileManager.default.copyItem(
            at: Workbench.repository.appendingPathComponent("Tests/PlusWorkbookTests/Fixtures/fuori-scala.xlsx"),
            to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.xlsx"))
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path,
            "--store", bench.root.appendingPathComponent("run.sqlite").path,
        ])
        #expect(result.status == 1, "\(result.output.suffix(2_000))")
        let validation = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/validazione.txt"), encoding: .utf8)
        #expect(validation.contains("comune-cabras-scheda-2019.xlsx[Dichiarazioni]") && validation.contains("R404"), "\(validation)")
        let receipt = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019.xlsx.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.components(separatedBy: "Avviso R404:").count == 3, "\(receipt)")
        #expect(receipt.contains("50.000.000.000.000.000,00 è fuori scala"))
        // The page's links go to the workbook archived, not to its sheet's name (no such file).
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        let links = page.matches(of: /href="(\.\.\/\.\.\/inbox\/archive\/[^"]*)"/).map { String($0.output.1) }
        #expect(links.contains("../../inbox/archive/comune-cabras-scheda-2019.xlsx"), "\(links)")
        for link in Set(links) {
            let target = bench.out.appendingPathComponent("OR-2019").appendingPathComponent(link.removingPercentEncoding ?? link).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(link)")
        }
    }

    /// `plus export` refuses the year as `plus run` does not export it (`EXP011`, exit 1, the file
    /// named), in both languages and for the region, and writes nothing; a sheet's or a
    /// deliberation's amounts, one by one within 64 bits, were exported before.
    static func theExportRefusesTheYear(store: String, in root: URL, kind: String) throws {
        let file = ["sheet": "comune-cabras-scheda-2019.csv", "plan": "capofila-servizi-2019.csv"][kind] ?? "dgr-2019.xml"
        for (scope, language) in [(["--ambito", "OR"], "it"), (["--region"], "en")] {
            let out = root.appendingPathComponent("export-\(language)")
            let export = try CommandLineTests.run(
                ["export"] + scope + ["--year", "2019", "--store", store, "--dataset-format", "csv", "--out", out.path, "--lang", language])
            #expect(export.status == 1, "\(kind) \(scope): \(export.output)")
            #expect(export.output.contains("EXP011") && export.output.contains(file), "\(export.output)")
            #expect(export.output.contains(language == "it" ? "non viene esportato" : "it is not exported"), "\(export.output)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(kind) \(scope): something was written")
        }
    }

    /// `plus status --region` writes "fuori scala" where the page does, never a total of 0,00 €
    /// for an Ambito whose sheets it has: in the text, the CSV (empty amounts, a status that
    /// says why), the JSON, and the region's totals.
    static func theRollUpSaysOutOfRange(store: String, csv: URL) throws {
        // The Ambito's own status says the year is not exported, and where to see why.
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("R404: importi fuori scala, l'anno non viene esportato. Quali sono: plus validate --ambito OR --year 2019."), "\(status.output)")
        let statusJSON = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        #expect(statusJSON.output.contains("\"amountsOutOfRange\":true") || statusJSON.output.contains("\"amountsOutOfRange\" : true"), "\(statusJSON.output.prefix(500))")

        let text = try CommandLineTests.run(["status", "--region", "--year", "2019", "--store", store, "--csv", csv.path])
        #expect(text.status == 0, "\(text.output)")
        let lines = text.output.split(separator: "\n")
        let oristano = try #require(lines.first { $0.hasPrefix("OR ") })
        #expect(oristano.contains("costo totale fuori scala; fondo assegnato fuori scala; fondo nel piano fuori scala"), "\(oristano)")
        #expect(oristano.contains("importi fuori scala"))
        let totals = try #require(lines.first { $0.hasPrefix("Totale:") })
        #expect(totals.hasSuffix("costo totale fuori scala; fondo assegnato fuori scala; fondo nel piano fuori scala"), "\(totals)")
        #expect(text.output.contains("Alcuni importi sono fuori scala"))
        let row = try #require(String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n").first { $0.hasPrefix("\"OR\";") })
        let cells = row.components(separatedBy: ";")
        #expect(cells[5].contains("importi fuori scala") && cells[8...10] == ["", "", ""], "\(row)")

        let english = try CommandLineTests.run(["status", "--region", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(english.output.split(separator: "\n").first { $0.hasPrefix("OR ") }?.contains("total cost out of range") == true, "\(english.output)")
        let json = try CommandLineTests.run(["status", "--region", "--year", "2019", "--store", store, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let line = try #require((object["lines"] as? [[String: Any]])?.first { $0["ambito"] as? String == "OR" })
        #expect(line["amountsOutOfRange"] as? Bool == true)
        #expect((object["totals"] as? [String: Any])?["amountsOutOfRange"] as? Bool == true)
    }
}
