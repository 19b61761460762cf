import Foundation
import PlusCSV
import PlusModel
import PlusWorkbook

extension FileImport {
    /// The mappings that fit a workbook, matched by the header row of the sheet each one reads
    /// (its `sheet`, else the first visible one) and by its name with `.csv` for `.xlsx`; or why the
    /// workbook is refused whole (WBK0xx).
    func workbookCandidates(_ url: URL) -> SheetHead {
        var heads: [String?: [[String]]]
        do {
            heads = try WorkbookHeader.read(url, sheets: Set(csvMappings.map(\.sheet)).union([nil]))
            // A first visible sheet that no mapping naming no sheet takes may be a template's
            // instructions: such mappings are matched by the sheet of their layout after it.
            let unnamed = csvMappings.filter { $0.sheet == nil }
            if let first = heads[nil], !unnamed.contains(where: { WorkbookHeader.fits($0, first) }) {
                let visible = try WorkbookHeader.visibleHeads(url)
                for mapping in unnamed {
                    guard let sheet = try WorkbookHeader.sheet(for: mapping, heads: visible), sheet != visible.first?.sheet else { continue }
                    heads[nil] = visible.first { $0.sheet == sheet }?.rows
                    break
                }
            }
        } catch let error as WorkbookError {
            return SheetHead(header: [], fatal: error.diagnostic(file: url.lastPathComponent), candidates: [])
        } catch {
            return SheetHead(header: [], fatal: WorkbookError(.workbookDamaged, found: "\(error)").diagnostic(file: url.lastPathComponent), candidates: [])
        }
        // A mapping's file-name rule names the CSV (`comune-*.csv`): the workbook of the same name fits it too.
        let fileName = Self.nameMatched(url, isWorkbook: true)
        var candidates: [(mapping: CSVMapping, score: Int)] = []
        var headerIndex: [String?: Int] = [:]
        for (sheet, mappings) in Dictionary(grouping: csvMappings, by: \.sheet) {
            let found = MappingMatcher(mappings: mappings).candidates(rows: heads[sheet] ?? [[]], fileName: fileName)
            candidates += found.candidates
            headerIndex[sheet] = found.row
        }
        candidates.sort { left, right in
            left.score != right.score ? left.score > right.score : left.mapping.name < right.mapping.name
        }
        var head = SheetHead(header: heads[nil]?.first ?? [], fatal: nil, candidates: candidates)
        // Mappings that fit equally are told apart by the rows of the sheet they read, when it is one.
        let sheets = Set(candidates.prefix { $0.score == candidates.first?.score }.map(\.mapping.sheet))
        if sheets.count == 1, let sheet = sheets.first, let rows = heads[sheet] {
            (head.rows, head.headerIndex) = (rows, headerIndex[sheet] ?? 0)
        }
        return head
    }

    /// Imports a workbook's sheet with the CSV mapping it was recognised by.
    func importWorkbook(_ url: URL, mapping: CSVMapping) throws -> ImportResult {
        try workbookImporter(mapping).importFile(at: url)
    }
}
