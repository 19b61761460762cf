import Foundation
import PlusModel
@testable import PlusCSV

/// Test helpers: fixtures, the repository's own mappings and sample data, quick imports.
enum Support {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    static func mapping(_ name: String) throws -> CSVMapping {
        try CSVMapping.load(from: repository.appendingPathComponent("Mappings/\(name).yaml"))
    }

    /// The Comune sheet mapping with other format settings.
    static func comuneMapping(decimal: String = "comma", encoding: String = "auto", headerRow: Int = 1) throws -> CSVMapping {
        try CSVMapping.parse("""
            name: test-scheda
            version: 3
            target: dichiarazione
            format: { encoding: \(encoding), delimiter: auto, decimal: \(decimal), header_row: \(headerRow) }
            fields:
              ente_istat:    { headers: ["Codice ISTAT"], required: true }
              anno:          { headers: ["Anno"], required: true }
              servizio:      { headers: ["Cod. servizio"], required: true }
              importo:       { headers: ["Quota comunale (€)"], required: true }
              descrizione:   { headers: ["Descrizione intervento"] }
              note:          { headers: ["Note"] }
              data_delibera: { headers: ["Data delibera"] }
            """)
    }

    /// A Comune sheet of 3,000 rows with mistakes far apart: bad amounts, another ente or year,
    /// cells to trim, multi-line quoted notes.
    static func sheetWithMistakes() -> [UInt8] {
        var text = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Note\r\n"
        for index in 0..<3_000 {
            let amount = index % 997 == 0 ? "12,3,4" : "\(index),\(index % 100 < 10 ? "0" : "")\(index % 100)"
            let istat = index % 1_499 == 0 ? "095999" : "095018"
            let year = index % 1_201 == 600 ? "2020" : "2019"
            let note = index % 5 == 0 ? "\"nota su\r\ndue righe; con \"\"virgolette\"\"\"" : (index % 7 == 0 ? " nota " : "")
            let service = index % 11 == 0 ? "S\(index % 30)\t" : "S\(index % 30)"
            text += "\(istat);\(year);\(service);Servizio;\(amount);\(note)\r\n"
        }
        return Array(text.utf8)
    }

    static func importing(_ fixture: String, _ mapping: CSVMapping? = nil, configure: (inout CSVImporter) -> Void = { _ in }) throws -> ImportResult {
        var importer = CSVImporter(mapping: try mapping ?? Support.mapping("comune-scheda"))
        configure(&importer)
        return try importer.importFile(at: Support.fixture(fixture))
    }
}

extension ImportResult {
    var declarations: [Declaration] {
        records.compactMap { if case .declaration(let declaration) = $0.record { declaration } else { nil } }
    }

    var costShares: [CostShare] {
        records.compactMap { if case .costShare(let share) = $0.record { share } else { nil } }
    }

    func codes(_ severity: Severity? = nil) -> [String] {
        diagnostics.filter { severity == nil || $0.severity == severity }.map(\.code)
    }

    var errorLines: [Int: [String]] {
        Dictionary(grouping: diagnostics.filter { $0.severity == .error }, by: { $0.location.line ?? 0 }).mapValues { $0.map(\.code) }
    }
}
