import Foundation
import Testing
import PlusModel

/// A sheet refused whole is told where the Ufficio di Piano looks, beside its ente: `plus status`
/// (text, English, JSON, `--history`) and the year's page. Milis's only sheet, every amount
/// unreadable, once left Milis "not yet submitted" everywhere but in the run's summary; Cabras's
/// correction refused left the older version current with no word of the correction.
@Suite("plus run: a sheet refused whole is named beside its ente", .serialized)
struct RefusedSheetStatusTests {
    static func run(_ bench: Workbench) throws -> (status: Int32, output: String) {
        try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store(bench),
        ])
    }

    static func store(_ bench: Workbench) -> String { bench.root.appendingPathComponent("run.sqlite").path }

    static func status(_ bench: Workbench, _ extra: [String] = []) throws -> String {
        let result = try CommandLineTests.run(["status", "--store", store(bench), "--ambito", "OR", "--year", "2019"] + extra)
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    /// The sample sheet of `name` with every amount made unreadable.
    static func unreadable(_ name: String) throws -> String {
        let text = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(name)"), encoding: .utf8)
        return text.replacingOccurrences(of: #";[0-9.]+,[0-9]{2};"#, with: ";importo;", options: .regularExpression)
    }

    /// The line of `ente` in `plus status`'s text.
    static func line(_ output: String, _ ente: String) throws -> String {
        try #require(output.split(separator: "\n").first { $0.contains(ente) }.map(String.init), "\(output)")
    }

    /// The cell of the page's table that gives `ente`'s outcome.
    static func pageRow(_ bench: Workbench, _ ente: String) throws -> String {
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        let start = try #require(page.range(of: "<tr data-ente=\"\(ente)\">"), "no row for \(ente)")
        let end = try #require(page.range(of: "</tr>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func aSheetRefusedWholeIsNamedInsteadOfNotYetSubmitted() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let milis = "comune-milis-scheda-2019.csv"
        let refused = try Self.unreadable(milis)
        try #require(refused.components(separatedBy: ";importo;").count == 6)
        try refused.write(to: bench.inbox.appendingPathComponent(milis), atomically: true, encoding: .utf8)
        let result = try Self.run(bench)
        #expect(result.status == 2, "\(result.output.suffix(1_000))")

        // Its receipt says whose sheet it was, as for one accepted.
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/\(milis).ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("RIFIUTATO") && receipt.contains("Scheda di Milis (comune:095027) per il 2019."), "\(receipt)")

        let line = try Self.line(try Self.status(bench), "comune:095027")
        #expect(line.contains("nessuna scheda accettata; «\(milis)» RIFIUTATO il ") && line.contains("motivi nella ricevuta"), "\(line)")
        #expect(!line.contains("non ancora inviato"))
        let english = try Self.line(try Self.status(bench, ["--lang", "en"]), "comune:095027")
        #expect(english.contains("no sheet accepted; “\(milis)” REFUSED on "), "\(english)")
        // Another Comune that sent nothing is still "not yet submitted": only a refused sheet changes the line.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try Self.status(bench, ["--format", "json"]).utf8)) as? [String: Any])
        let enti = try #require(((json["items"] as? [[String: Any]])?.first)?["enti"] as? [[String: Any]])
        let entry = try #require(enti.first { $0["ente"] as? String == "comune:095027" })
        #expect(entry["file"] == nil)
        #expect((entry["refused"] as? [String: Any])?["file"] as? String == milis)
        #expect((entry["refused"] as? [String: Any])?["status"] as? String == "rejected")
        #expect(enti.filter { $0["refused"] != nil }.count == 1)

        let row = try Self.pageRow(bench, "comune:095027")
        #expect(row.contains("nessuna scheda accettata") && row.contains("data-refused") && row.contains("«\(milis)» RIFIUTATO il "), "\(row)")
        #expect(!(try Self.pageRow(bench, "comune:095018")).contains("data-refused"))
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("<li data-missing=\"comune:095027\">Milis — la sua scheda è stata rifiutata</li>"))
    }

    @Test func aCorrectionRefusedWholeIsNamedBesideTheVersionThatStillStands() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Self.run(bench).status == 0)
        let cabras = "comune-cabras-scheda-2019.csv"
        let correction = "comune-cabras-scheda-2019-rettifica.csv"
        try Self.unreadable(cabras).write(to: bench.inbox.appendingPathComponent(correction), atomically: true, encoding: .utf8)
        #expect(try Self.run(bench).status == 2)

        let line = try Self.line(try Self.status(bench), "comune:095018")
        #expect(line.contains(cabras) && line.contains("— poi «\(correction)» RIFIUTATO il ") && line.contains("vale ancora il precedente"), "\(line)")
        let history = try Self.status(bench, ["--history"])
        #expect(history.contains("\(correction) [respinta] lette 5, accettate 0, scartate 5"), "\(history)")
        // The page is made again for the refusal alone: no plan changed, yet the year's page names it.
        let row = try Self.pageRow(bench, "comune:095018")
        #expect(row.contains("accettato") && row.contains("poi «\(correction)» RIFIUTATO il "), "\(row)")

        // A good correction after it: current again, nothing refused after it.
        let fixed = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(cabras)"), encoding: .utf8)
            .replacingOccurrences(of: "18.226,71", with: "18.226,72")
        try fixed.write(to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019-bis.csv"), atomically: true, encoding: .utf8)
        _ = try Self.run(bench)
        let after = try Self.line(try Self.status(bench), "comune:095018")
        #expect(after.contains("comune-cabras-scheda-2019-bis.csv") && !after.contains("RIFIUTATO"), "\(after)")
        #expect(!(try Self.pageRow(bench, "comune:095018")).contains("data-refused"))
    }

    /// The capofila's plan is no ente's sheet: its correction refused is named on the Ambito's line
    /// and above the page's table, with the version that still stands.
    @Test func aPlanCorrectionRefusedWholeIsNamedOnTheAmbitosLine() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Self.run(bench).status == 0)
        let plan = "capofila-servizi-2019.csv", correction = "capofila-servizi-2019-rettifica.csv"
        let text = try #require(String(data: try Data(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(plan)")), encoding: .windowsCP1252))
        // Every service's total cost unreadable: no row is taken.
        let refused = text.replacingOccurrences(of: #"(?m)^(2019;(?:[^;]*;){6})[^;]*;"#, with: "$1costo;", options: .regularExpression)
        try #require(refused.components(separatedBy: ";costo;").count > 3)
        try #require(refused.data(using: .windowsCP1252)).write(to: bench.inbox.appendingPathComponent(correction))
        #expect(try Self.run(bench).status == 2)

        let output = try Self.status(bench)
        let line = try Self.line(output, correction)
        #expect(line.contains("«\(correction)» RIFIUTATO il ") && line.contains("vale ancora «\(plan)», motivi nella ricevuta"), "\(output)")
        let english = try Self.line(try Self.status(bench, ["--lang", "en"]), correction)
        #expect(english.contains("“\(correction)” REFUSED on ") && english.contains("“\(plan)” still stands"), "\(english)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try Self.status(bench, ["--format", "json"]).utf8)) as? [String: Any])
        let sheets = try #require(((json["items"] as? [[String: Any]])?.first)?["refusedSheets"] as? [[String: Any]])
        #expect(sheets.count == 1 && sheets.first?["standing"] as? String == plan)
        #expect((sheets.first?["refused"] as? [String: Any])?["file"] as? String == correction)
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("class=\"refused-sheet\"") && page.contains("«\(correction)» RIFIUTATO il "), "\(page.prefix(0))")
    }

    /// An ASL serves several Ambiti, one sheet for each: its correction refused whole is named in
    /// the Ambito its rows state, which the store cannot tell from the ASL alone (it was named
    /// nowhere but in the receipt and `--history`).
    @Test func anASLsCorrectionRefusedWholeIsNamedInTheAmbitoItsRowsState() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Self.run(bench).status == 0)
        let sample = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/asl5-dichiarazione-2019.csv"), encoding: .utf8)
        let refused = sample.replacingOccurrences(of: #",[0-9]+\.[0-9]{2}\n"#, with: ",importo\n", options: .regularExpression)
        try #require(refused.components(separatedBy: ",importo\n").count == 4, "\(refused)")
        let correction = "asl5-dichiarazione-2019-rettifica.csv"
        try refused.write(to: bench.inbox.appendingPathComponent(correction), atomically: true, encoding: .utf8)
        #expect(try Self.run(bench).status == 2)

        let line = try Self.line(try Self.status(bench), "asl:ASL5")
        #expect(line.contains("asl5-dichiarazione-2019.csv") && line.contains("— poi «\(correction)» RIFIUTATO il ")
            && line.contains("vale ancora il precedente"), "\(line)")
        let row = try Self.pageRow(bench, "asl:ASL5")
        #expect(row.contains("accettato") && row.contains("poi «\(correction)» RIFIUTATO il "), "\(row)")
    }
}
