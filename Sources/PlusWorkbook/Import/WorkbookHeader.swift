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
        for name in sheets {
            // A workbook with no visible sheet has nothing to recognise: told as such (WBK007).
            guard let sheet = name == nil ? try workbook.sheet(named: nil) : try? workbook.sheet(named: name) else { continue }
            let rows = try head(of: sheet, in: &workbook)
            if !rows.isEmpty { heads[name] = rows }
        }
        return heads
    }

    /// The first rows of a sheet as ``read(_:sheets:)`` gives them.
    public static func head(of sheet: Workbook.Sheet, in workbook: inout Workbook) throws -> [[String]] {
        let text = CellText(decimal: .comma)
        let cursor = try workbook.cursor(for: sheet)
        var rows: [[String]] = []
        while rows.count < MappingMatcher.rowsTriedAsHeader, let row = try cursor.next() {
            if rows.isEmpty, cursor.mergedRows.contains(row.line), row.cells.filter({ $0 != .empty }).count <= 1 { continue }
            rows.append(row.cells.map { text.text($0).trimmingCharacters(in: .whitespacesAndNewlines) })
        }
        return rows
    }

    /// The sheet a mapping that names none reads: the first visible one, unless its first rows
    /// are not of the mapping's layout (its `match` headers) and those of exactly one later
    /// visible sheet are. So a template whose first sheet holds instructions (`Istruzioni`, then
    /// `Scheda`) is read where its data are, by recognition and import alike.
    ///
    /// Several later sheets of the layout are refused (`WBK008`, naming them): which one holds
    /// the data is for the sender to say, not to guess; hiding or deleting the others does it.
    ///
    /// ```swift
    /// var workbook = try Workbook(data: data)
    /// try WorkbookHeader.sheet(for: comuneScheda, in: &workbook).name   // "Scheda"
    /// ```
    public static func sheet(for mapping: CSVMapping, in workbook: inout Workbook) throws -> Workbook.Sheet {
        let first = try workbook.sheet(named: nil)
        // Later sheets are read only when the first is not of the layout.
        guard mapping.match?.headers?.isEmpty == false, try !fits(mapping, head(of: first, in: &workbook)) else { return first }
        return try sheet(for: mapping, heads: visibleHeads(in: &workbook)) ?? first
    }

    /// ``sheet(for:in:)`` from the first rows of every visible sheet, read once (``visibleHeads(in:)``).
    public static func sheet(for mapping: CSVMapping, heads: [(sheet: Workbook.Sheet, rows: [[String]])]) throws -> Workbook.Sheet? {
        guard let first = heads.first else { return nil }
        guard mapping.match?.headers?.isEmpty == false, !fits(mapping, first.rows) else { return first.sheet }
        let later = heads.dropFirst().filter { fits(mapping, $0.rows) }.map(\.sheet)
        guard later.count <= 1 else {
            throw WorkbookError(.workbookSheetsOfOneLayout, found: later.map { "«\($0.name)»" }.joined(separator: ", "), expected: mapping.name)
        }
        return later.first ?? first.sheet
    }

    /// The first rows of every visible sheet of the workbook at `url`, in its order.
    public static func visibleHeads(_ url: URL) throws -> [(sheet: Workbook.Sheet, rows: [[String]])] {
        var workbook = try Workbook(data: try WorkbookFile.bytes(of: url))
        return try visibleHeads(in: &workbook)
    }

    /// The first rows of every visible sheet, in the workbook's order.
    public static func visibleHeads(in workbook: inout Workbook) throws -> [(sheet: Workbook.Sheet, rows: [[String]])] {
        try workbook.sheets.filter { !$0.isHidden }.map { sheet in (sheet, try head(of: sheet, in: &workbook)) }
    }

    /// Whether a sheet's first rows hold the header of a mapping's layout.
    public static func fits(_ mapping: CSVMapping, _ rows: [[String]]) -> Bool {
        MappingMatcher(mappings: [mapping]).candidates(rows: rows, fileName: "").candidates.contains { $0.score >= 2 }
    }
}
