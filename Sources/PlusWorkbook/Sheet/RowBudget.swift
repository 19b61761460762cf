import PlusCSV

/// The bytes of text one row of a sheet holds, charged as its cells are read: past
/// ``RowLimits/bytes`` the workbook is refused (`WBK004`) before more is made.
///
/// A sheet's XML is at most 256 MB, yet a row can hold far more: a cell naming a long shared
/// string, or an .ods cell repeated across 16,384 columns, is one reference in the file and a
/// copy in the row. A CSV row is held to the same limit (`CSV018`).
///
/// ```swift
/// var budget = RowBudget(part: "xl/worksheets/sheet1.xml", line: 3)
/// try budget.charge(cell.utf8.count)
/// ```
struct RowBudget {
    let part: String
    let line: Int
    private(set) var used = 0

    init(part: String, line: Int) {
        self.part = part
        self.line = line
    }

    /// Adds `bytes` to the row, `times` times (a repeated cell), refusing past the limit.
    mutating func charge(_ bytes: Int, times: Int = 1) throws {
        guard times > 0 else { return }
        used = Self.adding(bytes, times: times, to: used)
        guard used <= RowLimits.bytes else {
            let limit = "\(RowLimits.bytes >> 20) MB"
            throw WorkbookError(.workbookTooLarge, found: "\(part): riga \(line) oltre \(limit) / row \(line) over \(limit)", expected: limit)
        }
    }

    /// `total + bytes × times`, or `Int.max` where that overflows: a count that only grows to a limit.
    static func adding(_ bytes: Int, times: Int, to total: Int) -> Int {
        let (product, overflow) = bytes.multipliedReportingOverflow(by: times)
        let (sum, overflowed) = total.addingReportingOverflow(product)
        return overflow || overflowed ? Int.max : sum
    }
}
