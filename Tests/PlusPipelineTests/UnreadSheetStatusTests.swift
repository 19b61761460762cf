import Foundation
import Testing
import PlusModel

/// A Comune's sheet refused before its rows said whose it was — a header its mapping lacks
/// columns of, a PDF of the sheet, a quote never closed — is named beside that Comune, by its
/// file's name: it once went to `rejected/` with a receipt, while `plus status` and the page went
/// on showing the version before it as if nothing had come.
@Suite("plus run: a sheet no mapping reads is named beside the Comune its name states", .serialized)
struct UnreadSheetStatusTests {
    typealias Scene = RefusedSheetStatusTests

    /// Milis's sample sheet with its header's columns renamed, as an officer's own template has them.
    static func renamedHeader() throws -> String {
        let text = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/comune-milis-scheda-2019.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines[0] = "Codice Comune;Anno;Servizio;Descrizione;Spesa;Note"
        return lines.joined(separator: "\n")
    }

    @Test func aCorrectionWhoseHeaderNoMappingKnowsIsNamedBesideItsComune() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Scene.run(bench).status == 0)
        let correction = "comune-milis-scheda-2019-rettifica.csv"
        try Self.renamedHeader().write(to: bench.inbox.appendingPathComponent(correction), atomically: true, encoding: .utf8)
        let result = try Scene.run(bench)
        #expect(result.status == 2, "\(result.output.suffix(1_000))")

        // The reason has its code, and the receipt says whose sheet the name made it.
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/\(correction).ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("non riconosciuto") && receipt.contains("\(correction):1 errore MAP001: nessuna mappatura riconosce il file"), "\(receipt)")
        #expect(receipt.contains("Dal nome del file, la scheda di Milis (comune:095027) per il 2019: registrata come rifiutata."), "\(receipt)")
        let json = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: bench.inbox.appendingPathComponent("rejected/\(correction).ricevuta.json"))) as? [String: Any])
        #expect(json["verdict"] as? String == "unrecognised" && json["ente"] as? String == "comune:095027" && json["year"] as? Int == 2019)

        let line = try Scene.line(try Scene.status(bench), "comune:095027")
        #expect(line.contains("comune-milis-scheda-2019.csv") && line.contains("— poi «\(correction)» RIFIUTATO il ")
            && line.contains("vale ancora il precedente"), "\(line)")
        let row = try Scene.pageRow(bench, "comune:095027")
        #expect(row.contains("accettato") && row.contains("data-refused") && row.contains("poi «\(correction)» RIFIUTATO il "), "\(row)")

        // The same bytes again: refused again, recorded once.
        try Self.renamedHeader().write(to: bench.inbox.appendingPathComponent(correction), atomically: true, encoding: .utf8)
        #expect(try Scene.run(bench).status == 2)
        let history = try Scene.status(bench, ["--history"])
        #expect(history.components(separatedBy: "\(correction) [respinta]").count == 2, "\(history)")
    }

    @Test func aPrintOfTheSheetIsNamedInsteadOfNotYetSubmitted() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let milis = bench.inbox.appendingPathComponent("comune-milis-scheda-2019.csv")
        try FileManager.default.removeItem(at: milis)
        let print = "comune-milis-scheda-2019.pdf"
        try Data("%PDF-1.4\n%\u{e2}\u{e3}\n1 0 obj\n<<>>\nendobj\n".utf8).write(to: bench.inbox.appendingPathComponent(print))
        #expect(try Scene.run(bench).status == 2)

        let line = try Scene.line(try Scene.status(bench), "comune:095027")
        #expect(line.contains("nessuna scheda accettata; «\(print)» RIFIUTATO il ") && !line.contains("non ancora inviato"), "\(line)")
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/\(print).ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("CSV019") && receipt.contains("la scheda di Milis (comune:095027) per il 2019"), "\(receipt)")
    }

    @Test func aSheetRefusedBeforeItsFirstRowIsNamedByItsName() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Scene.run(bench).status == 0)
        // The header is the mapping's; the first data row opens a quote never closed (CSV011): no row says whose it is.
        let sample = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/comune-ollastra-scheda-2019.csv"), encoding: .utf8)
        // The sample's lines end in CRLF, one Character: split on any line break, not on "\n".
        let header = try #require(sample.split(whereSeparator: \.isNewline).first)
        let broken = header + "\r\n\"095037;2019;SAD;Servizio;1.000,00;\r\n"
        let correction = "comune-ollastra-scheda-2019-bis.csv"
        try broken.write(to: bench.inbox.appendingPathComponent(correction), atomically: true, encoding: .utf8)
        #expect(try Scene.run(bench).status == 2)
        let line = try Scene.line(try Scene.status(bench), "comune:095037")
        #expect(line.contains("— poi «\(correction)» RIFIUTATO il "), "\(line)")
        // Its receipt says that the name, not a row, told whose sheet it was.
        let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/\(correction).ricevuta.txt"), encoding: .utf8)
        #expect(receipt.contains("Dal nome del file, la scheda di Ollastra (comune:095037) per il 2019: registrata come rifiutata."), "\(receipt)")
        let json = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: bench.inbox.appendingPathComponent("rejected/\(correction).ricevuta.json"))) as? [String: Any])
        #expect(json["verdict"] as? String == "rejected" && json["enteFromFileName"] as? Bool == true, "\(json)")
    }

    @Test func aFileWhoseNameStatesNoComuneAndYearStaysUnrecorded() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        #expect(try Scene.run(bench).status == 0)
        // No Comune in the name; a Comune and no year: refused, receipt and summary only, as before.
        for name in ["scheda-comunale.csv", "comune-milis-scheda.csv"] {
            try Self.renamedHeader().write(to: bench.inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(try Scene.run(bench).status == 2)
        for name in ["scheda-comunale.csv", "comune-milis-scheda.csv"] {
            let receipt = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/\(name).ricevuta.txt"), encoding: .utf8)
            #expect(receipt.contains("non riconosciuto") && !receipt.contains("Invio n.") && !receipt.contains("Dal nome"), "\(receipt)")
        }
        #expect(!(try Scene.status(bench)).contains("RIFIUTATO"))
    }
}
