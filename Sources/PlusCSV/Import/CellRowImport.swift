import PlusModel

/// One row of cells already decoded to text, as a workbook sheet gives it.
///
/// ```swift
/// let row = CellRow(line: 3, cells: ["095038", "2019", "SAD", "746,67"])
/// ```
public struct CellRow: Sendable, Equatable {
    /// The 1-based row number in its sheet.
    public var line: Int
    public var cells: [String]

    public init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}

extension CSVImporter {
    /// Imports rows that are already cells (a workbook's sheet) through the same session as a
    /// CSV file: one mapping, one header binding, one cell reader and the same verdicts.
    ///
    /// `next` hands the rows in order and `nil` at the end; `file` is the name diagnostics and
    /// provenance cite (e.g. `piano.xlsx[Servizi]`), `checksum` the whole file's. `onHeader` is
    /// told the line the header was bound on (below title rows, it is not the first row given).
    public func importRows(
        file: String, checksum: String, byteCount: Int, next: () throws -> CellRow?,
        onHeader: (Int) -> Void = { _ in },
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        var session = ImportSession(
            mapping: mapping, file: file, checksum: checksum, byteCount: byteCount, diagnosticsPerCode: diagnosticsPerCode,
            enteNames: enteNames, maxRejected: maxRejected ?? mapping.maxRejected ?? CSVMapping.defaultMaxRejected)
        var headerTold = false
        do {
            while let row = try next() {
                // A sheet's row is held to the limits a CSV row is read within, before it is copied.
                try Self.checkLimits(of: row, file: file, maxFieldBytes: maxFieldBytes)
                try CSVRow.withCells(row.cells, line: row.line) { cells in
                    try session.consume(cells, onRecord: onRecord, onRejected: onRejected)
                }
                if !headerTold && session.hasBinding {
                    headerTold = true
                    onHeader(row.line)
                }
            }
        } catch let stop as ImportSession.Stop {
            return session.reject(stop.diagnostics)
        }
        return session.finish()
    }

    /// Refuses a row with a field over `maxFieldBytes` (CSV014), or of more fields or bytes than
    /// ``RowLimits`` allow (CSV018), as the CSV reader refuses such a file.
    static func checkLimits(of row: CellRow, file: String, maxFieldBytes: Int) throws {
        var total = 0
        for cell in row.cells {
            let count = cell.utf8.count
            if count > maxFieldBytes {
                throw ImportSession.Stop(diagnostics: [CSVReadError.fieldTooLarge(line: row.line, limit: maxFieldBytes).diagnostic(file: file)])
            }
            total += count
        }
        if row.cells.count > RowLimits.fields || total > RowLimits.bytes {
            let found = row.cells.count > RowLimits.fields ? "\(row.cells.count) campi / fields" : "> \(RowLimits.bytes >> 20) MB"
            let limit = row.cells.count > RowLimits.fields ? "\(RowLimits.fields) campi / fields" : "\(RowLimits.bytes >> 20) MB"
            throw ImportSession.Stop(diagnostics: [CSVReadError.rowTooLarge(line: row.line, found: found, limit: limit).diagnostic(file: file)])
        }
    }
}
