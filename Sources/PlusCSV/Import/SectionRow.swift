/// A heading inside a sheet's data (`AREA ANZIANI`, `Servizi per minori`, `Nota: importi IVA
/// inclusa`): a row holding one label and nothing else, neither imported nor rejected.
///
/// Offices group their services under such headings. Read as data, each was a rejected row
/// ("cella vuota in Codice ISTAT"), the file "accepted with rejections" and the Ambito-year
/// kept out of order (R304) for a row that holds no service and no amount. It is passed over
/// with a warning naming it (CSV044), as a totals row is (``TotalsRow``, CSV042).
///
/// A row is one when its service cell (``MappingTarget/serviceField``) is blank, exactly one of
/// its cells is not, and that cell has a letter: a row holding only an amount or only a code is
/// still data gone wrong, and is rejected as before.
///
/// ```swift
/// SectionRow.labelColumn(["", "", "", "AREA ANZIANI", ""], serviceColumn: 2)   // 3
/// SectionRow.labelColumn(["", "", "", "", "1.234,56"], serviceColumn: 2)       // nil
/// ```
enum SectionRow {
    /// The column of the label of the heading row `row`, or `nil` when it is no heading.
    static func labelColumn(_ row: borrowing CSVRow, serviceColumn: Int) -> Int? {
        guard serviceColumn >= row.count || isBlank(row.field(serviceColumn)) else { return nil }
        var label: Int?
        for index in 0..<row.count where !isBlank(row.field(index)) {
            guard label == nil else { return nil }
            label = index
        }
        guard let label, hasLetter(row.field(label)) else { return nil }
        return label
    }

    /// The same test on cells already text.
    static func labelColumn(_ cells: [String], serviceColumn: Int) -> Int? {
        CSVRow.withCells(cells, line: 1) { labelColumn($0, serviceColumn: serviceColumn) }
    }

    /// Whether a cell is empty or spaces and tabs only.
    private static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        cell.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Whether a cell holds a letter: ASCII, or any byte of a non-ASCII character (accented
    /// letters in every encoding read).
    private static func hasLetter(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        cell.contains { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || $0 >= 0x80 }
    }
}
