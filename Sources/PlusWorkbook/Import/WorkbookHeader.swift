import Foundation
import PlusCSV
import PlusModel

/// The header rows of a workbook's sheets, for recognition: what a CSV's first lines are to
/// ``MappingMatcher``.
///
/// ```swift
/// let heads = try WorkbookHeader.read(url, sheets: [nil, "Riparto"])
/// heads[nil]?.first   // the first visible sheet's header cells (its first row that is not a merged title)
/// ```
public enum WorkbookHeader {
    /// The first rows of each sheet asked for (`nil`: the first visible one), merged title rows
    /// skipped: the header and the rows below it that may hold it when unmerged title rows sit
    /// above (``MappingMatcher/rowsTriedAsHeader`` in all). A named sheet the workbook lacks gets
    /// no entry. A workbook refused whole, or one with no visible sheet, throws ``WorkbookError``.
    public static func read(_ url: URL, sheets: Set<String?>) throws -> [String?: [[String]]] {
        var workbook = try Workbook(data: try WorkbookFile.bytes(of: url))
        var heads: [String?: [[String]]] = [:]
        let text = CellText(decimal: .comma)
        for name in sheets {
            // A workbook with no visible sheet has nothing to recognise: told as such (WBK007).
            guard let sheet = name == nil ? try workbook.sheet(named: nil) : try? workbook.sheet(named: name) else { continue }
            let cursor = try workbook.cursor(for: sheet)
            var rows: [[String]] = []
            while rows.count < MappingMatcher.rowsTriedAsHeader, let row = try cursor.next() {
                if rows.isEmpty, cursor.mergedRows.contains(row.line), row.cells.filter({ $0 != .empty }).count <= 1 { continue }
                rows.append(row.cells.map { text.text($0).trimmingCharacters(in: .whitespacesAndNewlines) })
            }
            if !rows.isEmpty { heads[name] = rows }
        }
        return heads
    }
}
