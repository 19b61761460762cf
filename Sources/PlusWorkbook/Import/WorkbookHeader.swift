import Foundation
import PlusModel

/// The header rows of a workbook's sheets, for recognition: what a CSV's first line is to
/// ``MappingMatcher``.
///
/// ```swift
/// let headers = try WorkbookHeader.read(url, sheets: [nil, "Riparto"])
/// headers[nil]        // the first visible sheet's header cells
/// ```
public enum WorkbookHeader {
    /// The header cells of each sheet asked for (`nil`: the first visible one), merged title rows
    /// skipped; a named sheet the workbook lacks gets no entry. A workbook refused whole, or one
    /// with no visible sheet, throws ``WorkbookError``.
    public static func read(_ url: URL, sheets: Set<String?>) throws -> [String?: [String]] {
        var workbook = try Workbook(data: try WorkbookFile.bytes(of: url))
        var headers: [String?: [String]] = [:]
        let text = CellText(decimal: .comma)
        for name in sheets {
            // A workbook with no visible sheet has nothing to recognise: told as such (WBK007).
            guard let sheet = name == nil ? try workbook.sheet(named: nil) : try? workbook.sheet(named: name) else { continue }
            let cursor = try workbook.cursor(for: sheet)
            while let row = try cursor.next() {
                if cursor.mergedRows.contains(row.line), row.cells.filter({ $0 != .empty }).count <= 1 { continue }
                headers[name] = row.cells.map { text.text($0).trimmingCharacters(in: .whitespacesAndNewlines) }
                break
            }
        }
        return headers
    }
}
