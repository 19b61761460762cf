import Foundation
import PlusModel

/// A workbook opened for reading, an .xlsx (sheets, shared strings, cell styles) or an .ods.
///
/// Sheets are read one row at a time (``SheetCursor``) as their part is inflated, never held whole;
/// only the parts the reading needs are inflated, each within the archive's limits.
///
/// ```swift
/// var workbook = try Workbook(data: try Data(contentsOf: url))
/// workbook.sheets.map(\.name)        // ["Servizi", "Riparto"]
/// let cursor = try workbook.cursor(for: workbook.firstVisibleSheet!)
/// while let row = try cursor.next() { print(row.line, row.cells) }
/// ```
public struct Workbook {
    /// One sheet as the workbook lists it.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        /// Hidden sheets (`hidden`, `veryHidden`) are never chosen by default.
        public var isHidden: Bool
        /// The part holding its cells, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
    }

    public private(set) var sheets: [Sheet] = []
    var archive: WorkbookArchive
    private(set) var sharedStrings = SharedStrings()
    private(set) var styles = CellStyles()
    /// Opens the `content.xml` of an OpenDocument spreadsheet (.ods) to be read as it is inflated;
    /// `nil` for an .xlsx. A 100 MB `content.xml` was held whole, and copied for libxml2.
    private var openDocument: ((_ checkingCRC: Bool) throws -> PartStream)?

    public init(data: Data) throws {
        try self.init(data: data, sharedStringsLimit: SharedStrings.limit)
    }

    /// A workbook whose shared strings may take at most `sharedStringsLimit` bytes (a test's smaller limit).
    init(data: Data, sharedStringsLimit: Int) throws {
        archive = try WorkbookArchive(data: data)
        guard let workbookXML = try archive.partStream("xl/workbook.xml") else {
            guard let content = try archive.partStream("content.xml") else {
                throw WorkbookError(.workbookDamaged, found: "xl/workbook.xml, content.xml mancanti / missing")
            }
            openDocument = content
            sheets = try Self.openDocumentTables(content(true))
            return
        }
        var targets: [String: String] = [:]
        if let rels = try archive.partStream("xl/_rels/workbook.xml.rels") {
            try PartReader.read(rels(true)) { node in
                if node.isStart, node.name == "Relationship", let id = node.attribute("Id"), let target = node.attribute("Target") {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                    try Self.checkEntries(targets.count, in: "xl/_rels/workbook.xml.rels")
                }
            }
        }
        var listed: [Sheet] = []
        try PartReader.read(workbookXML(true)) { node in
            guard node.isStart, node.name == "sheet", let name = node.attribute("name") else { return }
            try Self.checkEntries(listed.count + 1, in: "xl/workbook.xml")
            let state = node.attribute("state") ?? "visible"
            let part = node.attribute(local: "id").flatMap { targets[$0] } ?? "xl/worksheets/sheet\(listed.count + 1).xml"
            listed.append(Sheet(name: name, isHidden: state != "visible", part: part))
        }
        sheets = listed
        if let open = try archive.partStream("xl/sharedStrings.xml") {
            sharedStrings = try SharedStrings.read(open(true), limit: sharedStringsLimit)
        }
        if let styles = try archive.partStream("xl/styles.xml") {
            self.styles = try CellStyles(styles(true))
        }
    }

    /// The most entries a workbook's own parts may list: sheets, relationships, number and cell
    /// formats, an .ods's tables and hidden table styles. Excel allows 64,000 cell formats; a part
    /// listing millions, all held while the sheet is read, is refused (`WBK004`).
    static let entryLimit = 65_536

    /// Refuses a part once it lists more than ``entryLimit`` entries of one kind.
    static func checkEntries(_ count: Int, in part: String) throws {
        guard count > entryLimit else { return }
        throw WorkbookError(.workbookTooLarge, found: "\(part): > \(entryLimit) voci / entries", expected: String(entryLimit))
    }

    /// Whether the workbook is an OpenDocument spreadsheet (.ods) rather than an .xlsx.
    public var isOpenDocument: Bool { openDocument != nil }

    /// The sheet read when a mapping names none: the first one not hidden.
    public var firstVisibleSheet: Sheet? { sheets.first { !$0.isHidden } }

    /// The sheet called `name` (compared ignoring case), or the first visible one for `nil`.
    public func sheet(named name: String?) throws -> Sheet {
        let found = name.map { wanted in sheets.first { $0.name.lowercased() == wanted.lowercased() } } ?? firstVisibleSheet
        guard let found else {
            throw WorkbookError(
                .workbookNoSheet, found: sheets.map { "«\($0.name)»" }.joined(separator: ", "),
                expected: name.map { "«\($0)»" } ?? "visibile / visible")
        }
        return found
    }

    /// A row-at-a-time reader over the sheet's cells.
    public mutating func cursor(for sheet: Sheet) throws -> any RowSource {
        if let openDocument { return try OpenDocumentCursor(openDocument(true), table: sheet.name) }
        guard let open = try archive.partStream(sheet.part) else {
            throw WorkbookError(.workbookDamaged, found: "\(sheet.part) mancante / missing")
        }
        return try SheetCursor(open: open, sharedStrings: sharedStrings, styles: styles)
    }

    /// The tables of an .ods `content.xml`, hidden when their table style says `display="false"`.
    private static func openDocumentTables(_ content: PartStream) throws -> [Sheet] {
        var hiddenStyles: Set<String> = []
        var style: String?
        var tables: [(name: String, style: String?)] = []
        try PartReader.read(content) { node in
            guard node.isStart else { return }
            switch node.name {
            case "style": style = node.attribute("style:name")
            case "table-properties":
                if let style, node.attribute("table:display") == "false" {
                    hiddenStyles.insert(style)
                    try checkEntries(hiddenStyles.count, in: "content.xml")
                }
            case "table":
                if let name = node.attribute("table:name") {
                    tables.append((name, node.attribute("table:style-name")))
                    try checkEntries(tables.count, in: "content.xml")
                }
            default: break
            }
        }
        return tables.map { Sheet(name: $0.name, isHidden: $0.style.map(hiddenStyles.contains) ?? false, part: "content.xml") }
    }
}

/// What the workbook's cell formats say about a value: a date, or text whatever it looks like.
struct CellStyles: Sendable {
    /// Per `cellXfs` index: whether its number format shows a date.
    private(set) var isDate: [Bool] = []
    /// Per `cellXfs` index: whether its number format is text (`@`).
    private(set) var isText: [Bool] = []
    /// Per `cellXfs` index: the decimals its number format shows, -1 for none fixed (``ShownNumber``).
    private(set) var shownDecimals: [Int8] = []
    /// Per `cellXfs` index: the decimals its percentage format shows, -1 when it is no percentage.
    private(set) var percentDecimals: [Int8] = []

    init() {}

    init(_ stream: PartStream) throws {
        var custom: [Int: String] = [:]
        var inCellXfs = false
        var dates: [Bool] = []
        var texts: [Bool] = []
        var decimals: [Int8] = []
        var percents: [Int8] = []
        try PartReader.read(stream) { node in
            if node.name == "numFmt", node.isStart, let id = node.attribute("numFmtId").flatMap(Int.init) {
                custom[id] = node.attribute("formatCode") ?? ""
                try Workbook.checkEntries(custom.count, in: "xl/styles.xml")
            } else if node.name == "cellXfs" {
                inCellXfs = node.isStart && !node.isEmptyElement
            } else if node.name == "xf", node.isStart, inCellXfs {
                try Workbook.checkEntries(dates.count + 1, in: "xl/styles.xml")
                let id = node.attribute("numFmtId").flatMap(Int.init) ?? 0
                dates.append(Self.showsDate(id: id, code: custom[id]))
                texts.append(id == 49 || custom[id] == "@")
                decimals.append(ShownNumber.decimals(formatId: id, code: custom[id]).map { Int8(min($0, 30)) } ?? -1)
                percents.append(ShownNumber.percentDecimals(formatId: id, code: custom[id]).map { Int8(min($0, 30)) } ?? -1)
            }
        }
        (isDate, isText, shownDecimals, percentDecimals) = (dates, texts, decimals, percents)
    }

    func date(_ style: Int?) -> Bool { style.map { $0 >= 0 && $0 < isDate.count && isDate[$0] } ?? false }
    func text(_ style: Int?) -> Bool { style.map { $0 >= 0 && $0 < isText.count && isText[$0] } ?? false }
    /// The decimals a cell of this style shows its percentage with, `nil` when its format is no percentage.
    func percentDecimals(_ style: Int?) -> Int? {
        guard let style, style >= 0, style < percentDecimals.count, percentDecimals[style] >= 0 else { return nil }
        return Int(percentDecimals[style])
    }

    /// The decimals a cell of this style shows its number with, `nil` when its format fixes none.
    func decimals(_ style: Int?) -> Int? {
        guard let style, style >= 0, style < shownDecimals.count, shownDecimals[style] >= 0 else { return nil }
        return Int(shownDecimals[style])
    }

    /// Whether a number format shows a date: the built-in date formats, or a code with day or
    /// year letters outside quoted text and `[…]` sections.
    static func showsDate(id: Int, code: String?) -> Bool {
        if (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case "d", "y": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }
}
