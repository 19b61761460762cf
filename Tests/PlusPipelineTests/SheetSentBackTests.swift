import Foundation
import Testing
import PlusModel

/// A Comune that sends its first sheet back after a second one takes the second back: the
/// latest sheet sent is the current one. It was called "already imported" (`duplicate`) and the
/// second stayed current, the sender told that nothing had changed.
@Suite("plus run: a replaced sheet sent back is current again")
struct SheetSentBackTests {
    @Test func aReplacedSheetSentBackReplacesTheOneThatReplacedIt() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("run.sqlite").path
        let arguments = ["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store]
        #expect(try CommandLineTests.run(arguments).status == 0)
        let name = "comune-cabras-scheda-2019.csv"
        // The file's own bytes (its BOM too): the same bytes as the sheet stored first.
        let firstBytes = try Data(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/\(name)"))
        let first = String(decoding: firstBytes, as: UTF8.self)
        try #require(first.contains("18.226,71"))
        try RunReceiptTests.put(first.replacingOccurrences(of: "18.226,71", with: "19.000,00"), "comune-cabras-scheda-2019-bis.csv", in: bench)
        _ = try CommandLineTests.run(arguments)
        func declared() throws -> String {
            let rows = try String(contentsOf: bench.out.appendingPathComponent("OR-2019/datapackage/dichiarato_vs_pianificato.csv"), encoding: .utf8)
            return try #require(rows.split(separator: "\n").first { $0.contains("comune:095018,SAD,") }.map(String.init))
        }
        let second = try declared()
        #expect(second.contains(",19000.00,"), "\(second)")

        // The first sheet again, under its own name (archived already, with these bytes).
        try firstBytes.write(to: bench.inbox.appendingPathComponent(name))
        let sentBack = try CommandLineTests.run(arguments)
        let summary = try RunReceiptTests.json(sentBack.output)
        let outcome = try RunReceiptTests.perFile(summary, name)
        #expect(outcome["verdict"] as? String == "accepted", "\(outcome)")
        #expect(summary["duplicates"] as? Int == 0)
        #expect((outcome["supersedes"] as? [[String: Any]])?.map { $0["file"] as? String } == ["comune-cabras-scheda-2019-bis.csv"])
        let filedAs = try #require(outcome["filedAs"] as? String)
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent(filedAs + ".ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("accettato") && receipt.contains("Sostituisce «comune-cabras-scheda-2019-bis.csv»"), "\(receipt)")
        // The plan and the datasets are the first sheet's again; the history has the three versions.
        let back = try declared()
        #expect(back.contains(",18226.71,18226.71,"), "\(back)")
        let history = try CommandLineTests.run(["status", "--store", store, "--ambito", "OR", "--year", "2019", "--history"]).output
        let cabras = history.split(separator: "\n").drop { !$0.contains("comune:095018") }.prefix(4).joined(separator: "\n")
        #expect(cabras.components(separatedBy: "[accettata]").count == 2 && cabras.components(separatedBy: "[sostituita]").count == 3, "\(cabras)")

        // The same bytes once more, now current: a duplicate, nothing changes.
        try firstBytes.write(to: bench.inbox.appendingPathComponent("comune-cabras-scheda-2019-ter.csv"))
        let again = try RunReceiptTests.json(try CommandLineTests.run(arguments).output)
        #expect(again["duplicates"] as? Int == 1)
        #expect(try RunReceiptTests.perFile(again, "comune-cabras-scheda-2019-ter.csv")["verdict"] as? String == "duplicate")
    }
}
