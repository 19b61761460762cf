import Foundation
import Testing
import PlusModel

/// An Ambito-year with more rows than the store holds in memory (`PLUS_AMBITO_YEAR_ROWS`) is named
/// as too large (R003) in its report, the run's summary and exit code, and is not exported; the
/// other Ambito-years of the run are validated and exported as usual.
@Suite("An Ambito-year past the row limit is named, not exported, and does not stop the run")
struct RowLimitCommandLineTests {
    /// Oristano holds 255 rows (123 cost shares, 123 declarations, 9 indicators), Castelfranco 83:
    /// 100 lets Castelfranco through and stops Oristano.
    static let limit = ["PLUS_AMBITO_YEAR_ROWS": "100"]

    static func bench() throws -> Workbench {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try EmiliaRomagnaCommandLineTests.dropCastelfranco(bench)
        return bench
    }

    @Test(arguments: [Language.it, .en])
    func theYearPastTheLimitIsNamedAndTheOthersAreExported(language: Language) throws {
        let bench = try Self.bench()
        let store = bench.root.appendingPathComponent("run.sqlite").path
        let result = try CommandLineTests.run(
            ["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store, "--lang", language.rawValue],
            environment: Self.limit)
        #expect(result.status == 1, "\(result.output)")
        let summary = try NoReferenceDataTests.summary(result.output)
        #expect(Set(summary["validated"] as? [String] ?? []).isSuperset(of: ["OR 2019", "CFE 2019"]))
        #expect(summary["withErrors"] as? [String] == ["OR 2019"])
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("CFE-2019/datapackage/datapackage.json").path))
        #expect(!FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("OR-2019/datapackage").path))
        let text = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/validazione.txt"), encoding: .utf8)
        switch language {
        case .it:
            #expect(text.contains("errore R003: L'Ambito OR ha per il 2019 più di 100 righe"), "\(text)")
            #expect(text.contains("«capofila-riparto-2019.csv», con 123 righe"))
            #expect(text.contains("Riepilogo: 1 errore, 0 avvisi"))
        case .en:
            #expect(text.contains("error R003: Ambito OR has more than 100 rows"), "\(text)")
            #expect(text.contains("“capofila-riparto-2019.csv”, with 123 rows"))
        }
        // The sender of the file that brought the most rows is told in its receipt, and the summary's line says so.
        let perFile = summary["perFile"] as? [[String: Any]] ?? []
        let split = try #require(perFile.first { $0["file"] as? String == "capofila-riparto-2019.csv" })
        #expect((split["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["R003"], "\(split)")
        #expect(summary["warnings"] as? Int == perFile.reduce(0) { $0 + (($1["warnings"] as? [Any])?.count ?? 0) })
        let receipt = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/capofila-riparto-2019.csv.ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("Avviso R003: L'Ambito OR ha per il 2019 più di 100 righe"), "\(receipt)")
        let receiptJSON = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/capofila-riparto-2019.csv.ricevuta.json"), encoding: .utf8)
        #expect(receiptJSON.contains("\"R003\""))
        // Only that file's: a Comune's sheet of the same year is not told.
        let sheet = try String(
            contentsOf: bench.inbox.appendingPathComponent("archive/comune-cabras-scheda-2019.csv.ricevuta.txt"), encoding: .utf8)
        #expect(!sheet.contains("R003"))
        // The page a person opens says it too.
        let page = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/report.html"), encoding: .utf8)
        #expect(page.contains("R003"))

        // Asked on their own, validation fails with R003 and the export refuses the year (EXP009).
        let validate = try CommandLineTests.run(
            ["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", language.rawValue], environment: Self.limit)
        #expect(validate.status == 1 && validate.output.contains("R003"), "\(validate.output)")
        let export = try CommandLineTests.run(
            ["export", "--ambito", "OR", "--year", "2019", "--store", store, "--out", bench.root.appendingPathComponent("export").path,
             "--lang", language.rawValue],
            environment: Self.limit)
        // Refused for its data, as a validation with errors: exit 1, not the 70 of a failed write.
        #expect(export.status == 1 && export.output.contains("EXP009"), "\(export.output)")
        #expect(export.output.contains(language == .it ? "non viene esportato" : "it is not exported"), "\(export.output)")
        #expect(!FileManager.default.fileExists(atPath: bench.root.appendingPathComponent("export/datapackage.json").path))

        // `plus status` says why the year has its one error, and who brought the rows; Castelfranco is as usual.
        let status = try CommandLineTests.run(
            ["status", "--store", store, "--lang", language.rawValue], environment: Self.limit)
        let oristano = try #require(status.output.components(separatedBy: "\n\n").first { $0.hasPrefix("OR ") }, "\(status.output)")
        switch language {
        case .it:
            #expect(oristano.contains("1 errore"), "\(oristano)")
            #expect(oristano.contains("R003: non validato né esportato, più di 100 righe"), "\(oristano)")
            #expect(oristano.contains("«capofila-riparto-2019.csv», con 123 righe"), "\(oristano)")
        case .en:
            #expect(oristano.contains("R003: neither validated nor exported, more than 100 rows"), "\(oristano)")
            #expect(oristano.contains("“capofila-riparto-2019.csv”, with 123 rows"), "\(oristano)")
        }
        #expect(!status.output.components(separatedBy: "\n\n").contains { $0.hasPrefix("CFE ") && $0.contains("R003") }, "\(status.output)")
        let statusJSON = try CommandLineTests.run(["status", "--store", store, "--format", "json"], environment: Self.limit)
        let listed = try JSONSerialization.jsonObject(with: Data(statusJSON.output.utf8)) as? [String: Any]
        let rows = try #require(listed?["items"] as? [[String: Any]], "\(statusJSON.output)")
        let excess = try #require(rows.first { $0["ambito"] as? String == "OR" }?["rowLimitExceeded"] as? [String: Any])
        #expect(excess["limit"] as? Int == 100 && excess["rowsOfLargestFile"] as? Int == 123, "\(excess)")
        #expect(rows.first { $0["ambito"] as? String == "CFE" }?["rowLimitExceeded"] == nil)

        // With the default limit the same store validates and exports Oristano.
        let whole = try CommandLineTests.run(
            ["export", "--ambito", "OR", "--year", "2019", "--store", store, "--out", bench.root.appendingPathComponent("export").path],
            environment: ["PLUS_AMBITO_YEAR_ROWS": nil])
        #expect(whole.status == 0, "\(whole.output)")
    }
}
