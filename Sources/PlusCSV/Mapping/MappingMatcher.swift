import Foundation
import PlusModel

/// Picks the CSV mapping whose `match` rule fits a file: its header signature and name pattern.
///
/// Each signature entry may list alternatives, `Codice ISTAT|COD_ISTAT`. A mapping that
/// fits both header and name beats one that fits only one of them;
/// two equally good candidates are an ambiguity the caller must report, not resolve.
///
/// ```swift
/// let chosen = try MappingMatcher(mappings: all).candidates(for: url).first
/// ```
public struct MappingMatcher: Sendable {
    public var mappings: [CSVMapping] {
        didSet { signatures = mappings.map(Self.signature) }
    }

    /// Each mapping's header signature as keys, an entry's alternatives apart: made once, not
    /// once per file, since every file of an inbox is matched against every mapping.
    private var signatures: [[[HeaderName]]?]

    public init(mappings: [CSVMapping]) {
        self.mappings = mappings
        signatures = mappings.map(Self.signature)
    }

    private static func signature(of mapping: CSVMapping) -> [[HeaderName]]? {
        guard let entries = mapping.match?.headers, !entries.isEmpty else { return nil }
        return entries.map { entry in entry.split(separator: "|").map { HeaderName(header: String($0)) } }
    }

    /// Mappings that fit the file, best first; several with the same best score mean ambiguity.
    public func candidates(for url: URL) throws -> [(mapping: CSVMapping, score: Int)] {
        let start = try FileHead.Start(url)
        let head = try FileHead.read(start)
        return candidates(header: head.header, fileName: url.lastPathComponent, delimiter: head.delimiter) { FileHead.header(start, delimiter: $0) }
    }

    /// Mappings that fit a file with this header row and name, best first.
    ///
    /// `cells` is the header as split by `delimiter`; a mapping that fixes another delimiter is
    /// matched against the header as its own import splits it (`split`), or, without `split`, not
    /// at all: an ASL's comma-separated layout must not take a semicolon sheet whose columns it
    /// names, then refuse it for a header it reads as one cell.
    public func candidates(
        header cells: [String], fileName: String, delimiter: UInt8? = nil, split: ((UInt8) -> [String])? = nil
    ) -> [(mapping: CSVMapping, score: Int)] {
        let sniffed = Set(cells.map { HeaderName(header: $0) })
        var otherwiseSplit: [UInt8: Set<HeaderName>] = [:]
        return zip(mappings, signatures).compactMap { mapping, signature -> (CSVMapping, Int)? in
            guard let rule = mapping.match else { return nil }
            var header = sniffed
            if let delimiter, let own = mapping.delimiterByte, own != delimiter {
                guard let split else { return nil }
                if otherwiseSplit[own] == nil { otherwiseSplit[own] = Set(split(own).map { HeaderName(header: $0) }) }
                header = otherwiseSplit[own]!
            }
            // A stated header signature must fit; the file name then only adds confidence,
            // so a renamed sheet is still recognised by its columns.
            var score = 0
            if let signature {
                let fits = signature.allSatisfy { alternatives in alternatives.contains { header.contains($0) } }
                guard fits else { return nil }
                score += 2
            }
            if let pattern = rule.filename {
                if Self.nameFits(pattern, fileName) {
                    score += 1
                } else if score == 0 {
                    return nil
                }
            }
            return score > 0 ? (mapping, score) : nil
        }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.name < $1.0.name) }
    }

    /// Mappings that fit a file by its first row, else by a row below title rows: the first of
    /// `rows` (a sheet's first rows, ``FileHead/rows``) that some mapping fits, with its index.
    ///
    /// A mapping fits a row below its `header_row` only within the rows the importer tries as
    /// header (``rowsTriedAsHeader``), where it finds the header too and passes over the title
    /// above it with a warning (CSV041); recognition and import so agree on every file.
    ///
    /// ```swift
    /// let (fits, row) = matcher.candidates(rows: head.rows, fileName: "comune-cabras-2019.csv")
    /// // row == 2 for a sheet with a title and an empty line above its header
    /// ```
    public func candidates(
        rows: [[String]], fileName: String, delimiter: UInt8? = nil, split: ((UInt8) -> [String])? = nil
    ) -> (candidates: [(mapping: CSVMapping, score: Int)], row: Int) {
        for (index, cells) in rows.prefix(Self.rowsTriedAsHeader).enumerated() {
            let line = index + 1
            // A mapping of another delimiter is tried on its own first row only.
            let fits = candidates(header: cells, fileName: fileName, delimiter: delimiter, split: index == 0 ? split : nil).filter { candidate in
                let expected = candidate.mapping.format.headerRow
                return line == 1 || (expected > 0 && line >= expected && line - expected < Self.rowsTriedAsHeader)
            }
            if !fits.isEmpty { return (fits, index) }
        }
        return ([], 0)
    }

    /// The mapping whose file-name rule fits a file that no mapping takes, with the columns of its
    /// header signature the file's first row lacks (each entry's alternatives as the mapping writes
    /// them): what to tell the person, since the name says which layout the sender meant.
    public func nearest(header cells: [String], fileName: String) -> (mapping: CSVMapping, missing: [String])? {
        let header = Set(cells.map { HeaderName(header: $0) })
        for (mapping, signature) in zip(mappings, signatures) {
            guard let pattern = mapping.match?.filename, let signature, Self.nameFits(pattern, fileName),
                  let written = mapping.match?.headers else { continue }
            let missing = zip(written, signature).filter { _, alternatives in !alternatives.contains { header.contains($0) } }.map(\.0)
            if !missing.isEmpty { return (mapping, missing) }
        }
        return nil
    }

    /// The first mapping whose `filename` rule the name fits, whatever the file holds: what a file
    /// refused before its header was read was meant to be.
    public func named(_ fileName: String) -> CSVMapping? {
        mappings.first { $0.match?.filename.map { Self.nameFits($0, fileName) } ?? false }
    }

    /// Whether a file's name fits a mapping's `filename` glob, letters compared without case:
    /// `COMUNE-CABRAS-SCHEDA-2019.CSV`, as some offices' software names a file, fits
    /// `comune-*.csv`, and the file is not left to its header alone (which may fit two mappings).
    ///
    /// ```swift
    /// MappingMatcher.nameFits("comune-*.csv", "Comune-Cabras-Scheda-2019.CSV")   // true
    /// ```
    public static func nameFits(_ pattern: String, _ fileName: String) -> Bool {
        fnmatch(pattern.lowercased(), fileName.lowercased(), 0) == 0
    }

    /// Of mappings that fit a sheet equally well, those of the kind its first rows show: a sheet
    /// whose data rows all name one ente and one year is that ente's own (`single_subject`, as a
    /// Comune's sheet), one naming several is a collection (`single_subject: false`). Mappings all
    /// of one kind, or rows that show no subject, are returned as they are: still an ambiguity.
    ///
    /// Why: a Comune's sheet renamed by its sender (`Scheda Cabras 2019.csv`) has the columns of
    /// the Region's collection as well, and was refused as ambiguous although its rows say what it
    /// is. A collection whose first rows are one Comune's is read as a Comune's sheet, and its
    /// other rows then tell it is a collection (CSV043), with the fix.
    ///
    /// ```swift
    /// // rows: the header, then ten rows of 095018, 2019
    /// MappingMatcher.byRows([comuneScheda, dichiarazioniRegione], rows: rows, headerIndex: 0)   // [comuneScheda]
    /// ```
    public static func byRows(_ tied: [CSVMapping], rows: [[String]], headerIndex: Int) -> [CSVMapping] {
        let own = tied.filter(\.singleSubject)
        guard !own.isEmpty, own.count < tied.count, headerIndex < rows.count else { return tied }
        let header = rows[headerIndex]
        let data = rows.dropFirst(headerIndex + 1)
        // How many subjects each single-subject mapping reads in the rows: nil when it binds no ente.
        let counts = own.map { mapping -> Int? in
            var ignored = DiagnosticCollector(limitPerCode: 1)
            let binding = ColumnBinding(mapping: mapping, header: header, file: "", line: 1, diagnostics: &ignored)
            guard let ente = (binding.columns["ente_istat"] ?? binding.columns["ente"])?.index else { return nil }
            let year = binding.columns["anno"]?.index
            var subjects = Set<[String]>()
            for row in data where ente < row.count {
                // Codes only: a totals row's label or an empty cell names no subject.
                guard let code = subjectCode(row[ente]) else { continue }
                let stated = year.flatMap { $0 < row.count ? subjectCode(row[$0]) : nil }
                subjects.insert([code, stated ?? ""])
            }
            return subjects.count
        }
        if counts.allSatisfy({ $0 == 1 }) { return own }
        if counts.allSatisfy({ ($0 ?? 0) > 1 }) { return tied.filter { !$0.singleSubject } }
        return tied
    }

    /// A cell's code, digits without leading zeros (`095018` and `95018` are one Comune), or nil
    /// when the cell is no code: empty, a label without digits (a totals row's), or long text.
    private static func subjectCode(_ cell: String) -> String? {
        let code = cell.trimmingCharacters(in: .whitespaces).uppercased()
        let bytes = code.utf8
        guard (1...16).contains(bytes.count), bytes.contains(where: { (0x30...0x39).contains($0) }),
              bytes.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") })
        else { return nil }
        guard bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return code }
        let trimmed = code.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// How many rows of a sheet may hold its header: the mapping's `header_row` and the ten
    /// below it (title rows above the header are passed over).
    public static let rowsTriedAsHeader = ImportSession.rowsSearchedForHeader + 1

    /// The first row of the file, decoded as the importer would (see ``FileHead``).
    public static func header(of url: URL) throws -> [String] {
        try FileHead.read(url).header
    }
}
