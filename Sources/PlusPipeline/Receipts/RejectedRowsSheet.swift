import Foundation
import PlusExport
import PlusModel

/// The `NAME.scarti.csv` a sender opens in a spreadsheet: every rejected row as it was sent,
/// then its line, the column letter of its first bad cell and the reason in Italian.
///
/// The original cells come first, so each keeps its column letter; the sheet is written in the
/// Italian dialect (`;`, UTF-8 with BOM, CRLF) and every cell passes ``FormulaGuard``, since the
/// cells come from outside and a spreadsheet would run `=…` as a formula.
///
/// ```text
/// Codice ISTAT;Anno;Cod. servizio;Quota comunale (€);riga;colonna;motivo
/// 095018;2019;SAD;1234.56;3;D;«1234.56» non è un importo …
/// ```
public enum RejectedRowsSheet {
    /// The dataset for `rows`, under the sheet's `header` when it is known.
    public static func dataset(rows: [RejectedRow], header: [String]) -> ExportDataset {
        let width = max(header.count, rows.map(\.cells.count).max() ?? 0)
        let names = (0..<width).map { index in
            index < header.count && !header[index].isEmpty ? FormulaGuard.neutralised(header[index]) : SpreadsheetColumn.letters(index)
        }
        let columns = names.map { ExportColumn($0, .string, description: LocalizedText(it: $0, en: $0)) }
            + [
                ExportColumn("riga", .integer, description: LocalizedText(it: "Riga del file inviato", en: "Line in the file sent")),
                ExportColumn("colonna", .string, description: LocalizedText(it: "Colonna della prima cella errata", en: "Column of the first bad cell")),
                ExportColumn("motivo", .string, description: LocalizedText(it: "Perché la riga è stata scartata", en: "Why the row was rejected")),
            ]
        let cells = rows.map { row -> [ExportCell] in
            let first = row.reasons.first
            let column = SpreadsheetColumn.index(
                label: first?.location.column, header: header, cells: row.cells, found: first?.found)
            let original = (0..<width).map { index in ExportCell.text(index < row.cells.count ? row.cells[index] : "") }
            return original + [
                .integer(Int64(row.line)),
                .text(column.map(SpreadsheetColumn.letters) ?? ""),
                .text(row.reasons.map { "\($0.code): \($0.message.it)" }.joined(separator: " | ")),
            ]
        }
        return ExportDataset(
            name: "scarti", title: LocalizedText(it: "Righe scartate", en: "Rejected rows"), columns: columns,
            primaryKey: [], rows: cells)
    }

    /// The sheet's bytes, in the Italian dialect.
    public static func data(rows: [RejectedRow], header: [String]) throws -> Data {
        // CSVWriter writes to a file; a private temporary one, read back for the atomic write.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("plus-scarti-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try CSVWriter(dialect: .italian).write(dataset(rows: rows, header: header), to: temporary)
        return try Data(contentsOf: temporary)
    }
}
