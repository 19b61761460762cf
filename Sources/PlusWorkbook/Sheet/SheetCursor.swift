import Foundation
import PlusCSV
import PlusModel

/// One cell as the sheet stores it, before it becomes text for a mapping.
public enum SheetCell: Sendable, Equatable {
    case empty
    case text(String)
    /// A number as written in the file (`1234.5`, `1E-3`): never passed through a `Double`.
    case number(String)
    /// A number whose format shows a date: days since 1899-12-30, as written.
    case date(String)
    /// A number whose format shows a percentage, as shown: a hundred times the value, in plain
    /// decimal text (`41.27` for a cell of `0.4127` shown `41,27%`), read with its `%`.
    case percentage(String)
    case boolean(Bool)
    /// An error value (`#DIV/0!`), or a formula saved without its computed value.
    case error(String)

    /// The bytes of what the cell holds, as the import will copy them.
    var byteCount: Int {
        switch self {
        case .empty, .boolean: 1
        case .text(let value), .number(let value), .date(let value), .error(let value): value.utf8.count
        case .percentage(let value): value.utf8.count + 1
        }
    }
}

/// The rows of one sheet, read one at a time from the sheet's XML.
///
/// Rows the file leaves out (blank ones) are skipped; each row's cells stand at their column,
/// blanks in between.
public final class SheetCursor {
    private let cursor: PartReader.Cursor
    private let sharedStrings: SharedStrings
    private let styles: CellStyles
    /// Rows covered by a merged range of more than one column: title rows, when at the top.
    public private(set) var mergedRows: Set<Int> = []
    /// Number cells read as their format shows them, with fewer decimals than stored.
    public private(set) var roundedNumbers = RoundedNumbers()
    public private(set) var hiddenRows = HiddenRows()
    /// Whether the row being read is hidden (`hidden="1"`).
    private var rowHidden = false
    private var nextRowNumber = 1
    /// What the row being read holds so far, against ``RowLimits/bytes``.
    private var budget = RowBudget(part: "", line: 0)
    /// The most columns a sheet has (XFD): the fields a CSV row may have too.
    static let columnLimit = RowLimits.fields

    /// `open` starts inflating the sheet's part afresh, for each pass over it; the pass over the
    /// rows checks the archive's CRC-32, those looking for merged cells before it need not.
    init(open: (_ checkingCRC: Bool) throws -> PartStream, sharedStrings: SharedStrings, styles: CellStyles) throws {
        self.sharedStrings = sharedStrings
        self.styles = styles
        // Merged ranges follow the cells in the file: one pass over the part finds them first,
        // when it has any (a sheet without the word has none, and is parsed once, not twice).
        var merged: Set<Int> = []
        if try open(false).contains("mergeCell") { try PartReader.read(open(false)) { node in
            guard node.isStart, node.name == "mergeCell", let range = node.attribute("ref") else { return }
            let corners = range.split(separator: ":").compactMap { CellReference(String($0)) }
            guard corners.count == 2, corners[1].column > corners[0].column, corners[1].row >= corners[0].row else { return }
            for row in corners[0].row...min(corners[1].row, corners[0].row + 100) { merged.insert(row) }
        } }
        mergedRows = merged
        cursor = try PartReader.Cursor(open(true))
    }

    /// The next row with its 1-based number, or `nil` after the last.
    public func next() throws -> (line: Int, cells: [SheetCell])? {
        var row: (line: Int, cells: [SheetCell])?
        var column = 0
        var kind: String?
        var style: Int?
        var value: String?
        var inlineText: String?
        var hasFormula = false
        var reading: String?  // "v" or "t" while inside one
        func finishCell() throws {
            guard row != nil else { return }
            let cell = try makeCell(
                kind: kind, style: style, value: value, inlineText: inlineText, hasFormula: hasFormula, line: row!.line, column: column)
            if cell != .empty {
                while row!.cells.count < column { row!.cells.append(.empty) }
                if row!.cells.count == column { row!.cells.append(cell) } else { row!.cells[column] = cell }
            }
        }
        while let node = try cursor.next() {
            switch node.name {
            case "row" where node.isStart:
                let number = node.attribute("r").flatMap(Int.init) ?? nextRowNumber
                guard number >= 1 else { throw WorkbookError(.workbookDamaged, found: "\(cursor.part): row r=\(number)") }
                nextRowNumber = number + 1
                row = (number, [])
                budget = RowBudget(part: cursor.part, line: number)
                column = 0
                rowHidden = ["1", "true"].contains(node.attribute("hidden"))
                if node.isEmptyElement { return row }
            case "row" where node.isEnd:
                if rowHidden, let read = row, read.cells.contains(where: { $0 != .empty }) { hiddenRows.note(line: read.line) }
                return row
            case "c" where node.isStart:
                if let reference = node.attribute("r") {
                    guard let parsed = CellReference(reference), parsed.column < Self.columnLimit else {
                        throw WorkbookError(.workbookDamaged, found: "\(cursor.part): cell \(reference)")
                    }
                    column = parsed.column
                }
                kind = node.attribute("t")
                style = node.attribute("s").flatMap(Int.init)
                (value, inlineText, hasFormula) = (nil, nil, false)
                if node.isEmptyElement {
                    column += 1
                }
            case "c" where node.isEnd:
                try finishCell()
                column += 1
            case "f" where node.isStart:
                hasFormula = true
            case "v" where node.isStart && !node.isEmptyElement:
                reading = "v"
                value = ""
            case "t" where node.isStart && !node.isEmptyElement:
                reading = "t"
                inlineText = inlineText ?? ""
            case "rPh" where node.isStart && !node.isEmptyElement:
                reading = nil
            case "v" where node.isEnd, "t" where node.isEnd:
                reading = nil
            default:
                guard node.isText || node.type == 13 || node.type == 14 else { break }
                let text = node.value
                try budget.charge(text.utf8.count)
                if reading == "v" { value! += text } else if reading == "t" { inlineText! += text }
            }
        }
        return row
    }

    /// `value` without the white space around it, as `trimmingCharacters(in: .whitespaces)` gives
    /// it; a value beginning and ending with ASCII other than a space or a tab (nearly every
    /// cell's) is returned as it is, without Foundation's bridging (6 % of reading a sheet).
    static func trimmed(_ value: String) -> String {
        func isPlain(_ byte: UInt8?) -> Bool { byte.map { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 } ?? false }
        if isPlain(value.utf8.first) && isPlain(value.utf8.last) { return value }
        return value.trimmingCharacters(in: .whitespaces)
    }

    private func makeCell(
        kind: String?, style: Int?, value: String?, inlineText: String?, hasFormula: Bool, line: Int, column: Int
    ) throws -> SheetCell {
        switch kind {
        case "s":
            guard let index = value.flatMap({ Int(Self.trimmed($0)) }), index >= 0, index < sharedStrings.count else {
                return value == nil ? .empty : .error("#REF!")
            }
            // Charged before it is made: a row naming one long string 16,384 times held a copy each.
            try budget.charge(sharedStrings.byteCount(at: index))
            return .text(sharedStrings[index])
        case "inlineStr":
            return inlineText.map { .text($0) } ?? .empty
        case "str":
            if let value { return .text(value) }
        case "b":
            if let value { return .boolean(Self.trimmed(value) == "1") }
        case "e":
            if let value { return .error(value) }
        default:
            if let value {
                let number = Self.trimmed(value)
                if styles.text(style) { return .text(number) }
                if styles.date(style) { return .date(number) }
                if let percent = styles.percentDecimals(style), let shown = ShownNumber.percentage(number, decimals: percent) {
                    if shown.changed, let stored = ShownNumber.percentage(number, decimals: nil) {
                        roundedNumbers.note(line: line, column: column, stored: stored.text, shown: shown.text, percent: true)
                    }
                    return .percentage(shown.text)
                }
                // Read as the sheet shows it, as a CSV saved from it would hold it.
                if let decimals = styles.decimals(style), let shown = ShownNumber.rounded(number, decimals: decimals), shown.changed {
                    roundedNumbers.note(line: line, column: column, stored: number, shown: shown.text)
                    return .number(shown.text)
                }
                return .number(number)
            }
        }
        return hasFormula ? .error("#N/D") : .empty
    }
}

/// A cell reference such as `B12`: 0-based column, 1-based row.
struct CellReference: Equatable {
    var column: Int
    var row: Int

    init?(_ text: String) {
        var column = 0
        var digits = Substring(text)
        for character in text {
            guard let ascii = character.asciiValue, (65...90).contains(ascii) || (97...122).contains(ascii) else { break }
            column = column * 26 + Int((ascii & 0xDF) - 64)
            guard column <= SheetCursor.columnLimit else { return nil }
            digits = digits.dropFirst()
        }
        guard column > 0, let row = Int(digits), row >= 1 else { return nil }
        self.column = column - 1
        self.row = row
    }

    /// The column's letters: 0 → `A`, 27 → `AB`.
    static func letters(_ column: Int) -> String {
        var number = column + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}
