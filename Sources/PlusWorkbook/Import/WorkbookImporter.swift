import Foundation
import PlusCSV
import PlusModel

/// Imports one sheet of an .xlsx or .ods through a ``CSVMapping``, exactly as the CSV of that sheet.
///
/// The sheet is the mapping's `sheet`, else the first visible one. Its rows go through the CSV
/// importer's own session (``CSVImporter/importRows(file:checksum:byteCount:next:onRecord:onRejected:)``),
/// so header binding, cell reading, verdicts and codes are the same. Diagnostics and provenance
/// cite `file.xlsx[Foglio]`, the sheet's row number and the column's header with its letter.
///
/// ```swift
/// let result = try WorkbookImporter(mapping: mapping).importFile(at: URL(fileURLWithPath: "piano.xlsx"))
/// result.rowsAccepted
/// ```
public struct WorkbookImporter: Importer {
    public var mapping: CSVMapping
    /// Overrides the mapping's sheet.
    public var sheet: String?
    /// Overrides the mapping's rejection limit.
    public var maxRejected: Int?
    /// The enti of the sheet's Ambito by name, as ``PlusCSV/CSVImporter/enteNames``.
    public var enteNames: EnteNames?

    public init(mapping: CSVMapping, sheet: String? = nil) {
        self.mapping = mapping
        self.sheet = sheet
    }

    public func importFile(at url: URL, displayName: String?) throws -> ImportResult {
        var records: [ImportedRecord] = []
        var rejected: [RejectedRow] = []
        var result = try importFile(at: url, displayName: displayName, onRecord: { records.append($0) }, onRejected: { rejected.append($0) })
        if result.status == .accepted { result.records = records }
        result.rejectedRows = rejected
        return result
    }

    /// Streams the sheet's records and rejected rows to the callbacks; a workbook refused whole
    /// gives a rejected result with its WBK code.
    public func importFile(
        at url: URL, displayName: String?,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        let file = displayName ?? url.lastPathComponent
        let data: Data
        do {
            data = try WorkbookFile.bytes(of: url)
        } catch let error as WorkbookError {
            return Self.refused(error.diagnostic(file: file), file: file, mapping: mapping)
        }
        let checksum = try Checksum.sha256(fileAt: url)
        var importer = CSVImporter(mapping: mapping)
        importer.maxRejected = maxRejected
        importer.enteNames = enteNames
        var result: ImportResult
        var header: [String: String] = [:]
        var oddCells: (count: Int, first: String?) = (0, nil)
        var skippedTitles = 0
        var sheetName = ""
        var format = "xlsx"
        var rounded = RoundedNumbers()
        var hidden = HiddenRows()
        do {
            var workbook = try Workbook(data: data)
            // A mapping that names no sheet reads the first visible one, or the one sheet of its layout after it.
            let named = sheet ?? mapping.sheet
            let chosen = try named.map { try workbook.sheet(named: $0) } ?? WorkbookHeader.sheet(for: mapping, in: &workbook)
            sheetName = chosen.name
            format = workbook.isOpenDocument ? "ods" : "xlsx"
            let cursor = try workbook.cursor(for: chosen)
            let cellText = CellText(decimal: mapping.format.decimal)
            var seenHeader = false
            var headerBound = false
            var rowsBeforeHeader: [Int: [String: String]] = [:]
            var width = 0
            result = try importer.importRows(
                file: "\(file)[\(chosen.name)]", checksum: checksum, byteCount: data.count,
                next: {
                    while let row = try cursor.next() {
                        // Merged title rows above the header are not the sheet's data.
                        if !seenHeader, mapping.format.headerRow == 1, cursor.mergedRows.contains(row.line),
                           row.cells.filter({ $0 != .empty }).count <= 1 {
                            skippedTitles += 1
                            continue
                        }
                        var cells = row.cells.map { cellText.text($0) }
                        // A sheet leaves trailing blank cells out; a CSV row has them all.
                        if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
                        if !seenHeader {
                            seenHeader = true
                            width = cells.count
                        }
                        // The header is one of the first rows (title rows may sit above it): each keeps its letters until it is known.
                        if !headerBound && rowsBeforeHeader.count < MappingMatcher.rowsTriedAsHeader {
                            rowsBeforeHeader[row.line] = Self.letters(of: cells)
                        }
                        for (index, cell) in row.cells.enumerated() {
                            guard case .error = cell else { continue }
                            oddCells.count += 1
                            oddCells.first = oddCells.first ?? "\(chosen.name)!\(CellReference.letters(index))\(row.line)"
                        }
                        return CellRow(line: row.line, cells: cells)
                    }
                    return nil
                },
                onHeader: { line in
                    headerBound = true
                    header = rowsBeforeHeader[line] ?? [:]
                    rowsBeforeHeader = [:]
                },
                onRecord: onRecord,
                onRejected: { row in try onRejected(Self.lettered(row, header: header)) })
            rounded = cursor.roundedNumbers
            hidden = cursor.hiddenRows
        } catch let error as WorkbookError {
            return Self.refused(error.diagnostic(file: file), file: file, mapping: mapping)
        }
        result.file = file
        result.sha256 = checksum
        result.diagnostics = result.diagnostics.map { Self.lettered($0, header: header) }
        if skippedTitles > 0 {
            result.diagnostics.append(Problem.workbookTitleRows.at(SourceLocation(file: "\(file)[\(sheetName)]"), found: String(skippedTitles), expected: "«\(sheetName)»"))
        }
        if let first = rounded.first {
            let cellText = CellText(decimal: mapping.format.decimal)
            let cell = "\(sheetName)!\(CellReference.letters(first.column))\(first.line)"
            result.diagnostics.append(Problem.workbookNumbersRounded.at(
                SourceLocation(file: "\(file)[\(sheetName)]", line: first.line), found: String(rounded.count),
                expected: "\(cell) \(cellText.text(.number(first.stored)))\(first.percent ? "%" : "") → \(cellText.text(first.percent ? .percentage(first.shown) : .number(first.shown)))"))
        }
        if let first = hidden.first {
            result.diagnostics.append(Problem.workbookHiddenRows.at(
                SourceLocation(file: "\(file)[\(sheetName)]", line: first), found: String(hidden.count), expected: "\(sheetName)!\(first)"))
        }
        if oddCells.count > 0 {
            result.diagnostics.append(Problem.workbookFormulaWithoutValue.at(
                SourceLocation(file: "\(file)[\(sheetName)]"), found: String(oddCells.count), expected: oddCells.first))
        }
        // A workbook has no encoding or delimiter: the summary names its format and sheet instead.
        result.details["sheet"] = sheetName
        result.details.removeValue(forKey: "delimiter")
        result.details.removeValue(forKey: "encoding")
        result.details["format"] = "\(format) [\(sheetName)]"
        return result
    }

    /// The result of a workbook refused whole.
    static func refused(_ diagnostic: Diagnostic, file: String, mapping: CSVMapping) -> ImportResult {
        ImportResult(
            file: file, sha256: "", byteCount: 0, mapping: mapping.name, mappingVersion: mapping.version,
            status: .rejected, subject: SubmissionSubject(), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0,
            rejectedRows: [], diagnostics: [diagnostic], details: [:])
    }

    /// Each header label of a row with its column's letter; labels of a header are short, and
    /// longer cells (a title, a note) are left out.
    static func letters(of cells: [String]) -> [String: String] {
        var letters: [String: String] = [:]
        for (index, cell) in cells.enumerated() where cell.utf8.count <= 256 {
            letters[cell.trimmingCharacters(in: .whitespaces)] = CellReference.letters(index)
        }
        return letters
    }

    /// The diagnostic with its column named by header and letter, `Costo totale (H)`.
    static func lettered(_ diagnostic: Diagnostic, header: [String: String]) -> Diagnostic {
        guard let column = diagnostic.location.column, let letter = header[column] else { return diagnostic }
        var copy = diagnostic
        copy.location.column = "\(column) (\(letter))"
        return copy
    }

    static func lettered(_ row: RejectedRow, header: [String: String]) -> RejectedRow {
        var copy = row
        copy.reasons = row.reasons.map { lettered($0, header: header) }
        return copy
    }
}
