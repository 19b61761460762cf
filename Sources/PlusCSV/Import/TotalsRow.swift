/// A sheet's totals row (`TOTALE`, `Totale generale`, `Totali:`): the sum of the rows above, not
/// a service, and so neither imported nor rejected.
///
/// Offices end their sheets with one, and a sheet with it is the same sheet as without: imported
/// as a service `TOTALE` it would count every amount twice, rejected it would keep the Ambito-year
/// out of order (R304) for a row nobody needs. It is passed over with a warning naming it
/// (CSV042); the totals are computed from the rows.
///
/// A row is one when its service cell (``MappingTarget/serviceField``) is empty or is the label,
/// and one of its cells is the label: a cell whose first word is *totale*, *totali*, *total* or
/// *tot.* A description such as "Totale ore di assistenza" beside a service code is a service.
///
/// ```swift
/// TotalsRow.labelColumn(["", "", "", "Totale", "34.749,40"], serviceColumn: 2)   // 3
/// TotalsRow.labelColumn(["095018", "2019", "SAD", "Totale ore", "1,00"], serviceColumn: 2)   // nil
/// ```
enum TotalsRow {
    /// The column of the label of the totals row `row`, or `nil` when it is no totals row.
    static func labelColumn(_ row: borrowing CSVRow, serviceColumn: Int) -> Int? {
        guard serviceColumn < row.count else { return nil }
        if !row.isEmpty(serviceColumn) {
            // The usual row: its service code is no label (one byte looked at for most).
            return isLabel(row.field(serviceColumn)) ? serviceColumn : nil
        }
        return (0..<row.count).first { isLabel(row.field($0)) }
    }

    /// The same test on cells already text.
    static func labelColumn(_ cells: [String], serviceColumn: Int) -> Int? {
        CSVRow.withCells(cells, line: 1) { labelColumn($0, serviceColumn: serviceColumn) }
    }

    /// Whether a cell's first word, past blanks, is a totals word (ASCII in every encoding read).
    static func isLabel(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < cell.count, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        guard start < cell.count, cell[start] | 0x20 == UInt8(ascii: "t") else { return false }
        var end = start
        while end < cell.count, (cell[end] | 0x20) >= UInt8(ascii: "a"), (cell[end] | 0x20) <= UInt8(ascii: "z") { end += 1 }
        let word = String(decoding: cell[start..<end].map { $0 | 0x20 }, as: UTF8.self)
        switch word {
        case "totale", "totali", "total": return true
        case "tot": return end < cell.count && (cell[end] == UInt8(ascii: ".") || cell[end] == UInt8(ascii: ":"))
        default: return false
        }
    }
}
