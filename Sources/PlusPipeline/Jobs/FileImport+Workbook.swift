import Foundation
import PlusCSV
import PlusModel
import PlusWorkbook

extension FileImport {
    /// The mappings that fit a workbook, matched by the header row of the sheet each one reads
    /// (its `sheet`, else the first visible one) and by its name with `.csv` for `.xlsx`; or why the
    /// workbook is refused whole (WBK0xx).
    func workbookCandidates(_ url: URL) -> (header: [String], fatal: Diagnostic?, candidates: [(mapping: CSVMapping, score: Int)]) {
        let heads: [String?: [[String]]]
        do {
            heads = try WorkbookHeader.read(url, sheets: Set(csvMappings.map(\.sheet)).union([nil]))
        } catch let error as WorkbookError {
            return ([], error.diagnostic(file: url.lastPathComponent), [])
        } catch {
            return ([], WorkbookError(.workbookDamaged, found: "\(error)").diagnostic(file: url.lastPathComponent), [])
        }
        // A mapping's file-name rule names the CSV (`comune-*.csv`): the workbook of the same name fits it too.
        let fileName = Self.nameMatched(url)
        var candidates: [(mapping: CSVMapping, score: Int)] = []
        for (sheet, mappings) in Dictionary(grouping: csvMappings, by: \.sheet) {
            candidates += MappingMatcher(mappings: mappings).candidates(rows: heads[sheet] ?? [[]], fileName: fileName).candidates
        }
        candidates.sort { left, right in
            left.score != right.score ? left.score > right.score : left.mapping.name < right.mapping.name
        }
        return (heads[nil]?.first ?? [], nil, candidates)
    }

    /// Imports a workbook's sheet with the CSV mapping it was recognised by.
    func importWorkbook(_ url: URL, mapping: CSVMapping) throws -> ImportResult {
        var importer = WorkbookImporter(mapping: mapping)
        importer.maxRejected = maxRejected
        return try importer.importFile(at: url)
    }
}
