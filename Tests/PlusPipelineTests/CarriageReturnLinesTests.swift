import Foundation
import Testing

/// `plus import` names the same line for a diagnostic after "CR, blanks, LF" whether the file is
/// read sequentially or in parallel (`PLUS_READER`), by the tokenizer or by libcsv (`PLUS_TOKENIZER`).
@Suite("CR, blanks, LF through the binary")
struct CarriageReturnLinesTests {
    @Test("A diagnostic after CR, blanks, LF names line 4 in every reader")
    func diagnosticLineInEveryReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-cr-blanks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = folder.appendingPathComponent("cabras.csv")
        // Line 1 ends with a lone CR, line 2 with a CR, line 3 holds a space and a tab.
        try Data(("Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\r"
            + "095018;2019;SAD;Servizio;1,00;\r \t\n"
            + "095018;2019;SAD;Servizio;12,3,4;\r\n").utf8).write(to: sheet)
        let readers: [[String: String?]] = [
            ["PLUS_READER": "sequential"],
            ["PLUS_READER": "parallel", "PLUS_READER_BLOCK": "7", "PLUS_TOKENIZER": nil],
            ["PLUS_READER": "parallel", "PLUS_READER_BLOCK": "7", "PLUS_TOKENIZER": "libcsv"],
        ]
        for environment in readers {
            let result = try CommandLineTests.run(
                ["import", sheet.path, "--mapping", "comune-scheda", "--lang", "en"], environment: environment)
            #expect(result.status == 1, "\(environment)")
            #expect(result.output.contains("cabras.csv:4 [Quota comunale (€)] error CSV202"), "\(environment): \(result.output)")
        }
    }
}
