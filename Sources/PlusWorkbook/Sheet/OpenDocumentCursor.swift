import Foundation
import PlusCSV
import PlusModel

/// The rows of one table of an OpenDocument spreadsheet (.ods), read from `content.xml`.
///
/// Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) are expanded only
/// when they hold something: the million blank rows LibreOffice writes at a table's end cost
/// nothing. Numbers come from `office:value` as written, dates from `office:date-value`.
final class OpenDocumentCursor: RowSource {
    private let cursor: PartReader.Cursor
    private(set) var mergedRows: Set<Int> = []
    private(set) var roundedNumbers = RoundedNumbers()
    private(set) var hiddenRows = HiddenRows()
    private var line = 0
    /// A row still to be handed out again, for a repeated row that holds something.
    private var repeated: (cells: [SheetCell], remaining: Int)?
    /// Rows no sheet goes beyond.
    static let rowLimit = 1_048_576
    /// What the row being read holds so far, against ``RowLimits/bytes``.
    private var budget = RowBudget(part: "content.xml", line: 0)
    /// The bytes handed out again for repeated rows: a row repeated a million times is one element
    /// of the file and a million rows to import. At most the part limit's worth.
    private var repeatedBytes = 0
    static let repeatedBytesLimit = WorkbookArchive.partLimit

    /// Reads `content.xml`, as it is inflated, up to the table called `name`.
    init(_ content: PartStream, table name: String) throws {
        cursor = try PartReader.Cursor(content)
        while let node = try cursor.next() {
            if node.isStart, node.name == "table", node.attribute("table:name") == name { return }
        }
        throw WorkbookError(.workbookDamaged, found: "content.xml: table \(name)")
    }

    func next() throws -> (line: Int, cells: [SheetCell])? {
        if var pending = repeated {
            line += 1
            pending.remaining -= 1
            repeated = pending.remaining > 0 ? pending : nil
            return (line, pending.cells)
        }
        while let node = try cursor.next() {
            if node.name == "table", node.isEnd { return nil }
            guard node.isStart, node.name == "table-row" else { continue }
            let count = max(1, node.attribute("table:number-rows-repeated").flatMap(Int.init) ?? 1)
            budget = RowBudget(part: "content.xml", line: line + 1)
            let cells = node.isEmptyElement ? [] : try readRow()
            let first = line + 1
            guard first <= Self.rowLimit else { return nil }
            if cells.allSatisfy({ $0 == .empty }) {
                line += min(count, Self.rowLimit)
                continue
            }
            line = first
            // `collapse` is hidden by hand, `filter` by an autofilter: both are out of the person's sight.
            if let visibility = node.attribute("table:visibility"), visibility != "visible" {
                hiddenRows.note(line: first, times: min(count, Self.rowLimit - first + 1))
            }
            if count > 1 { repeated = (cells, min(count, Self.rowLimit - first) - 1) }
            if let again = repeated?.remaining {
                repeatedBytes = RowBudget.adding(budget.used, times: again, to: repeatedBytes)
                guard repeatedBytes <= Self.repeatedBytesLimit else {
                    throw WorkbookError(
                        .workbookTooLarge, found: "content.xml: righe ripetute oltre \(Self.repeatedBytesLimit >> 20) MB / repeated rows over \(Self.repeatedBytesLimit >> 20) MB",
                        expected: "\(Self.repeatedBytesLimit >> 20) MB")
                }
            }
            if repeated?.remaining == 0 { repeated = nil }
            return (line, cells)
        }
        return nil
    }

    /// The cells up to the row's end tag.
    private func readRow() throws -> [SheetCell] {
        var cells: [SheetCell] = []
        var column = 0
        while let node = try cursor.next() {
            if node.name == "table-row", node.isEnd { break }
            guard node.isStart, node.name == "table-cell" || node.name == "covered-table-cell" else { continue }
            let count = max(1, node.attribute("table:number-columns-repeated").flatMap(Int.init) ?? 1)
            if (node.attribute("table:number-columns-spanned").flatMap(Int.init) ?? 1) > 1 { mergedRows.insert(line + 1) }
            let cell = try readCell(node, column: column, repeated: min(count, SheetCursor.columnLimit - column))
            // Columns end at the sheet's limit, however many a cell says it repeats.
            let width = min(count, SheetCursor.columnLimit - column)
            if cell != .empty, width > 0 {
                // One cell in the file, `width` copies in the row the import reads (its text's
                // first copy was charged as it was read).
                let charged = if case .text = cell { 1 } else { 0 }
                try budget.charge(cell.byteCount, times: width - charged)
                while cells.count < column { cells.append(.empty) }
                cells += Array(repeating: cell, count: width)
            }
            column += max(0, width)
        }
        return cells
    }

    /// One cell's value by its `office:value-type`; the cursor ends past the cell. A number is
    /// read with the decimals its text shows (``ShownNumber``).
    private func readCell(_ node: PartReader.Node, column: Int, repeated: Int) throws -> SheetCell {
        let type = node.attribute("office:value-type")
        let value: SheetCell?
        switch type {
        case "float", "currency", "percentage": value = node.attribute("office:value").map { .number($0) }
        case "date": value = node.attribute("office:date-value").map { Self.italianDate($0) }
        case "boolean": value = node.attribute("office:boolean-value").map { .boolean($0 == "true") }
        default: value = nil
        }
        let hasFormula = node.attribute("table:formula") != nil
        let text = node.isEmptyElement ? "" : try readText(of: node.name)
        if case .number(let number) = value, type == "percentage", let whole = ShownNumber.percentage(number, decimals: nil) {
            // Shown as a hundred times its value (`0.5` as `50 %`): read as shown, rounded as its text shows it.
            if let decimals = ShownNumber.decimals(of: whole.text, shown: text),
               let shown = ShownNumber.percentage(number, decimals: decimals), shown.changed {
                roundedNumbers.note(line: line + 1, column: column, stored: whole.text, shown: shown.text, percent: true, times: repeated)
                return .percentage(shown.text)
            }
            return .percentage(whole.text)
        }
        if case .number(let number) = value, type != "percentage", let decimals = ShownNumber.decimals(of: number, shown: text),
           let shown = ShownNumber.rounded(number, decimals: decimals), shown.changed {
            roundedNumbers.note(line: line + 1, column: column, stored: number, shown: shown.text, times: repeated)
            return .number(shown.text)
        }
        if let value { return value }
        if type == "string" { return .text(text) }
        if type == nil { return hasFormula ? .error("#N/D") : (text.isEmpty ? .empty : .text(text)) }
        return .text(text)
    }

    /// The text of a cell's paragraphs: spaces, tabs and line breaks as written, notes left out.
    private func readText(of element: String) throws -> String {
        var text = ""
        var paragraphs = 0
        var annotation = 0
        while let node = try cursor.next() {
            if node.name == element, node.isEnd { break }
            if node.name == "annotation" {
                if node.isStart && !node.isEmptyElement { annotation += 1 } else if node.isEnd { annotation -= 1 }
                continue
            }
            guard annotation == 0 else { continue }
            if node.isStart {
                switch node.name {
                case "p", "h":
                    if paragraphs > 0 { text += "\n" }
                    paragraphs += 1
                case "s":
                    let spaces = max(1, min(1000, node.attribute("text:c").flatMap(Int.init) ?? 1))
                    try budget.charge(spaces)
                    text += String(repeating: " ", count: spaces)
                case "tab": text += "\t"
                case "line-break": text += "\n"
                default: break
                }
            } else if node.isText || node.type == 13 || node.type == 14 {
                let value = node.value
                try budget.charge(value.utf8.count)
                text += value
            }
        }
        return text
    }

    /// `2019-03-14` or `2019-03-14T00:00:00` as `.text("14/03/2019")`; anything else as written.
    static func italianDate(_ value: String) -> SheetCell {
        let parts = value.prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return .text(value) }
        return .text("\(parts[2])/\(parts[1])/\(parts[0])")
    }
}
