import Foundation
import PlusModel

/// How a CSV export spells its cells: for machines or for Italian spreadsheets.
///
/// ```swift
/// CSVDialect.machine.delimiter   // ","
/// CSVDialect.italian.delimiter   // ";"  (with decimal comma and a BOM)
/// ```
public struct CSVDialect: Hashable, Sendable {
    public var delimiter: UInt8
    /// Whether money and percentages use a decimal comma.
    public var decimalComma: Bool
    /// Whether the file starts with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
    public var byteOrderMark: Bool
    /// Dates as `gg/mm/aaaa` instead of ISO.
    public var italianDates: Bool
    public var trueText: String
    public var falseText: String
    /// Whether every text cell is quoted, so that a spreadsheet told to read quoted fields as
    /// text keeps `095038` and `20/9` as written instead of `95038` and a date.
    ///
    /// Quoting alone changes nothing in a spreadsheet's default import: LibreOffice Calc needs
    /// "Format quoted field as text" ticked in its Text Import dialog, Excel needs the xlsx
    /// export or *Data ▸ From Text/CSV* with the column typed as text (see README, Exports).
    /// Numbers, dates and booleans stay unquoted, so they still arrive as numbers and dates.
    public var quotesText: Bool

    /// RFC 4180: `,`, dot decimals, ISO dates, `true`/`false`, CRLF, UTF-8 without BOM.
    public static let machine = CSVDialect(
        delimiter: UInt8(ascii: ","), decimalComma: false, byteOrderMark: false, italianDates: false,
        trueText: "true", falseText: "false", quotesText: false)

    /// Italian spreadsheets: `;`, decimal comma without grouping, `gg/mm/aaaa`, `sì`/`no`, BOM,
    /// text cells always quoted.
    public static let italian = CSVDialect(
        delimiter: UInt8(ascii: ";"), decimalComma: true, byteOrderMark: true, italianDates: true,
        trueText: "sì", falseText: "no", quotesText: true)

    /// The cell as this dialect writes it, before quoting; `""` for null.
    ///
    /// Only text cells pass through ``FormulaGuard``: numbers such as `-12.50` stay numbers.
    public func text(of cell: ExportCell) -> String {
        switch cell {
        case .text(let value): FormulaGuard.neutralised(value)
        case .money, .basisPoints, .decimal:
            decimalComma ? Self.withDecimalComma(cell.plainText!) : cell.plainText!
        case .date(let date): italianDates ? date.italian : date.description
        case .bool(let value): value ? trueText : falseText
        case .integer, .null: cell.plainText ?? ""
        }
    }

    /// `-1234.56` as `-1234,56`; byte by byte, since Foundation's search-and-replace costs more
    /// than the whole rest of a CSV export.
    private static func withDecimalComma(_ plain: String) -> String {
        var bytes = Array(plain.utf8)
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) { bytes[dot] = UInt8(ascii: ",") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
