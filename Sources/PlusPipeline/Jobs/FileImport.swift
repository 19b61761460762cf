import Foundation
import PlusCSV
import PlusModel
import PlusWorkbook
import PlusXML

/// Chooses the importer for a file by its content and the mappings' match rules, and runs it.
///
/// CSV files are matched by header signature and file name; XML files are tried against
/// each XML mapping, the first that reads the document cleanly wins. An Ambito's export
/// (`plus-export.xml`, a zipped Data Package) is read as one submission of its Ambito-year.
public struct FileImport: Sendable {
    public let library: MappingLibrary
    let csvMappings: [CSVMapping]
    /// The CSV mappings' match rules, prepared once for all the files of a run or an import.
    let csvMatcher: MappingMatcher
    let xmlMappings: [XMLMapping]
    /// Overrides the mappings' rejection limit (`--max-rejected`); `nil` keeps each mapping's.
    public var maxRejected: Int?
    /// The largest CSV sheet of a kind that is read whole (reference data, indicators: not
    /// ``streamingMapping(for:as:)``'s), refused past it with CSV017. Such a file takes some sixty
    /// times its size while it is stored (a 10 MB membership list, 640 MB); the largest real one,
    /// ISTAT's list of every Comune, is about 1.5 MB. Workbooks and XML have limits of their own.
    public var wholeFileLimit = Self.defaultWholeFileLimit
    public static let defaultWholeFileLimit = 16 << 20
    /// Each Ambito's enti by name, from the store's reference data (``EnteNames/byAmbito(_:)``): a sheet may
    /// name an ente where its code belongs when its Ambito is known, from its mapping
    /// (`defaults: { ambito: OR }`) or from the run (``ambito``).
    public var enteNames: [String: EnteNames] = [:]
    /// The one Ambito a run reads (`plus run --ambito`), for sheets whose mapping names none.
    public var ambito: String?

    /// The enti by name of the Ambito a sheet read with `mapping` belongs to, when it is known.
    func enteNames(for mapping: CSVMapping) -> EnteNames? {
        EnteNames.forSheet(readWith: mapping, among: enteNames, ambito: ambito)
    }

    /// A CSV sheet's importer with this job's settings: the rejection limit and the enti by name.
    func csvImporter(_ mapping: CSVMapping) -> CSVImporter {
        var importer = CSVImporter(mapping: mapping)
        importer.maxRejected = maxRejected
        importer.enteNames = enteNames(for: mapping)
        return importer
    }

    /// A workbook's importer with this job's settings, as ``csvImporter(_:)``.
    func workbookImporter(_ mapping: CSVMapping) -> WorkbookImporter {
        var importer = WorkbookImporter(mapping: mapping)
        importer.maxRejected = maxRejected
        importer.enteNames = enteNames(for: mapping)
        return importer
    }

    /// Loads every mapping of the library; a file that is neither a CSV nor an XML mapping
    /// stops the job with ``PipelineError/brokenMapping(file:asCSV:asXML:)``, since the files
    /// it was meant to read would otherwise be filed as unrecognised with no word of why.
    public init(library: MappingLibrary) throws {
        self.library = library
        var csv: [CSVMapping] = []
        var xml: [XMLMapping] = []
        // Read on the cores (each mapping costs some two million instructions of YAML, before any
        // file of the command is read), and taken in the library's order, so that the first broken
        // mapping by name is the one reported.
        let urls = try library.names().map { try library.url(named: $0) }
        let loaded = try ParallelMap.map(urls) { url in Result { () throws(MappingFile.Unreadable) in try MappingFile.load(from: url) } }
        for mapping in loaded {
            do throws(MappingFile.Unreadable) {
                switch try mapping.get() {
                case .csv(let mapping): csv.append(mapping)
                case .xml(let mapping): xml.append(mapping)
                }
            } catch {
                throw error.brokenMapping
            }
        }
        csvMappings = csv
        csvMatcher = MappingMatcher(mappings: csv)
        xmlMappings = xml
    }

    /// What became of one file: its result, or why no mapping could read it.
    public enum Outcome: Sendable {
        case imported(ImportResult, target: String)
        /// Refused before any row was read: why (with its code, `diagnostic`, when recognition
        /// gave one), and the mapping the file's name is that of, if any (`named`).
        case unrecognised(reason: LocalizedText, diagnostic: Diagnostic? = nil, named: CSVMapping? = nil)

        /// Refused for `diagnostic`, the reason being its text in each language.
        static func unrecognised(_ diagnostic: Diagnostic, named: CSVMapping?) -> Self {
            .unrecognised(reason: Recognition.reason(diagnostic), diagnostic: diagnostic, named: named)
        }
    }

    /// What a file is before it is read: the CSV mapping that fits it, a deliberation for the XML
    /// mappings to try, or why no mapping fits.
    public enum Recognition: Sendable {
        case csv(CSVMapping)
        case xml
        /// An Ambito's export, received by the Region (``ExportSubmission``).
        case export(ExportSubmission.Form)
        /// No mapping reads it: why (with its code, `diagnostic`, when there is one), and the
        /// mapping the file's name is that of, if any (`named`), which `plus run` records it as.
        case unrecognised(reason: LocalizedText, diagnostic: Diagnostic? = nil, named: CSVMapping? = nil)

        /// Refused for `diagnostic`, the reason being its text in each language.
        static func unrecognised(_ diagnostic: Diagnostic, named: CSVMapping?) -> Self {
            .unrecognised(reason: reason(diagnostic), diagnostic: diagnostic, named: named)
        }

        /// A refusal's reason: its diagnostic as each language writes it, with file, line and code.
        static func reason(_ diagnostic: Diagnostic) -> LocalizedText {
            LocalizedText(it: diagnostic.rendered(.it), en: diagnostic.rendered(.en))
        }

        /// The mapping target the file will be read as, if any.
        public var target: String? {
            switch self {
            case .csv(let mapping): mapping.target.rawValue
            case .xml: Self.deliberationTarget
            case .export: ExportSubmission.target
            case .unrecognised: nil
            }
        }

        static let deliberationTarget = "deliberazione"
    }

    /// Recognises the file by its head only (a CSV header, the XML prolog): cheap enough to sort
    /// a whole inbox before reading any file in full.
    ///
    /// This is the one recognition of `plus run` and of `plus import` without `--mapping`: the
    /// head is read with the importer's own encoding detection and CSV reader (``FileHead``), so
    /// both commands give a file the same verdict, and a file that is no CSV at all (a workbook,
    /// broken quoting) is told with the importer's code rather than as an unknown header.
    public func recognise(_ url: URL) throws -> Recognition {
        // The head is read once for every test below (each read the file again).
        let start = try FileHead.Start(url)
        // An Ambito's export is told by its root element or its zip, before any mapping is tried.
        if let form = ExportSubmission.form(head: Data(start.bytes.prefix(ExportSubmission.headLength)), url: url) {
            return .export(form)
        }
        if Self.looksLikeXML(url, head: start.bytes) {
            return xmlMappings.isEmpty ? .unrecognised(Self.noXMLMapping(url), named: nil) : .xml
        }
        // A workbook is matched by the header row of its sheet (FileImport+Workbook.swift).
        var head: SheetHead
        // Told from the head in hand: asking ``WorkbookFile/kind(of:)`` opened the file once more.
        let isWorkbook = WorkbookFile.kind(head: start.bytes.prefix(8), url: url) != nil
        if isWorkbook {
            head = workbookCandidates(url)
        } else {
            // The header is all a mapping is matched by; the rest of the head only tells why a file no
            // mapping takes is refused (``FileHead/readHeader(_:)`` gives the same header).
            let header = try FileHead.readHeader(start)
            let name = Self.nameMatched(url, isWorkbook: false)
            // A mapping that fixes another delimiter than the sniffed one reads the header as it splits it.
            let split = { (delimiter: UInt8) in FileHead.header(start, delimiter: delimiter) }
            let candidates = csvMatcher.candidates(header: header.header, fileName: name, delimiter: header.delimiter, split: split)
            if candidates.isEmpty || Self.isTied(candidates) {
                // Title rows may sit above the header: the rows below the first are tried as the
                // importer tries them. Mappings that fit equally are told apart by the rows.
                let text = try FileHead.read(start)
                let found = candidates.isEmpty
                    ? csvMatcher.candidates(rows: text.rows, fileName: name, delimiter: text.delimiter, split: split)
                    : (candidates: candidates, row: 0)
                head = SheetHead(header: text.header, fatal: text.fatal, candidates: found.candidates, rows: text.rows, headerIndex: found.row)
            } else {
                head = SheetHead(header: header.header, fatal: header.fatal, candidates: candidates)
            }
        }
        if Self.isTied(head.candidates), let rows = head.rows {
            // A sheet of one ente and year is that ente's own; one of many is a collection.
            let best = head.candidates[0].score
            let tied = head.candidates.prefix { $0.score == best }.map(\.mapping)
            let kept = Set(MappingMatcher.byRows(tied, rows: rows, headerIndex: head.headerIndex).map(\.name))
            head.candidates.removeAll { $0.score == best && !kept.contains($0.mapping.name) }
        }
        let candidates = head.candidates
        let file = url.lastPathComponent
        // The mapping the name is that of: `plus run` records a file it refuses as that sheet, of
        // the ente and year the name states, so that the sender's status names it.
        let nameMatched = Self.nameMatched(url, isWorkbook: isWorkbook)
        guard let best = candidates.first else {
            if let fatal = head.fatal {
                // A print or a scan of the sheet (`comune-milis-scheda-2019.pdf`) was meant to be the sheet its name says.
                let asSheet = url.deletingPathExtension().lastPathComponent + ".csv"
                return .unrecognised(fatal, named: csvMatcher.named(nameMatched) ?? csvMatcher.named(asSheet))
            }
            let header = head.header.joined(separator: " | ")
            let location = SourceLocation(file: file, line: head.headerIndex + 1)
            if let nearest = csvMatcher.nearest(header: head.header, fileName: nameMatched) {
                let wanted = nearest.missing.map { $0.replacingOccurrences(of: "|", with: " | ") }
                return .unrecognised(Problem.mapHeaderNotOfNamedMapping.at(
                    location, found: header, details: ["mapping": nearest.mapping.name, "title": nearest.mapping.title.map { " («\($0)»)" } ?? ""],
                    localizedDetails: ["columns": LocalizedText(
                        it: wanted.map { "«\($0)»" }.joined(separator: " e fra "), en: wanted.map { "'\($0)'" }.joined(separator: " nor among "))]),
                    named: nearest.mapping)
            }
            return .unrecognised(Problem.mapNoMapping.at(location, found: header), named: nil)
        }
        if Self.isTied(candidates) {
            let tied = candidates.filter { $0.score == best.score }.map(\.mapping)
            return .unrecognised(Problem.mapSeveralMappings.at(
                SourceLocation(file: file), localizedDetails: ["candidates": Self.ambiguity(tied)]), named: nil)
        }
        return .csv(best.mapping)
    }

    /// What recognition learns from a sheet's first rows: its header, what rejects it whole, the
    /// mappings that fit it (best first) and, to tell apart mappings that fit it equally, the
    /// rows read with the index of the header among them.
    struct SheetHead {
        var header: [String]
        var fatal: Diagnostic?
        var candidates: [(mapping: CSVMapping, score: Int)]
        var rows: [[String]]? = nil
        var headerIndex = 0
    }

    /// Whether the best mappings of a file fit it equally well.
    static func isTied(_ candidates: [(mapping: CSVMapping, score: Int)]) -> Bool {
        candidates.count > 1 && candidates[1].score == candidates[0].score
    }

    /// The name a mapping's file-name rule is matched against: a workbook fits the rule its CSV would (`comune-*.csv`).
    /// A text sheet saved as `.txt` or `.tsv` (Excel's "Testo delimitato da tabulazione") fits it too.
    static func nameMatched(_ url: URL, isWorkbook: Bool) -> String {
        let asCSV = isWorkbook || ["txt", "tsv"].contains(url.pathExtension.lowercased())
        return asCSV ? url.deletingPathExtension().lastPathComponent + ".csv" : url.lastPathComponent
    }

    /// The mappings a file fits equally well (``Problem/mapSeveralMappings``), each named with its
    /// title and the file name it asks for, since renaming the file is what the person can do (a
    /// sheet sent by e-mail keeps whatever name its sender gave it).
    static func ambiguity(_ mappings: [CSVMapping]) -> LocalizedText {
        func described(_ mapping: CSVMapping, files: String) -> String {
            let parts = [mapping.title.map { "«\($0)»" }, mapping.match?.filename.map { "\(files) \($0)" }].compactMap { $0 }
            return parts.isEmpty ? mapping.name : "\(mapping.name) (\(parts.joined(separator: ", ")))"
        }
        return LocalizedText(
            it: mappings.map { described($0, files: "file") }.joined(separator: "; "),
            en: mappings.map { described($0, files: "files") }.joined(separator: "; "))
    }

    /// Reads the file as recognised. XML files are read by each XML mapping: the first that reads
    /// the document cleanly wins, with a warning for any other form of the act that has errors or
    /// says otherwise (``DeliberationForms``), else the first mapping's result tells what is wrong.
    public func run(_ url: URL, as recognition: Recognition) throws -> Outcome {
        switch recognition {
        case .unrecognised(let reason, let diagnostic, let named):
            return .unrecognised(reason: reason, diagnostic: diagnostic, named: named)
        case .export(let form):
            return .imported(try ExportSubmission(form: form).importFile(at: url), target: ExportSubmission.target)
        case .csv(let mapping) where WorkbookFile.kind(of: url) != nil:
            return .imported(try importWorkbook(url, mapping: mapping), target: mapping.target.rawValue)
        case .csv(let mapping):
            if streamingMapping(for: url, as: recognition) == nil, let refused = try refusedAsTooLarge(url, mapping: mapping) {
                return .imported(refused, target: mapping.target.rawValue)
            }
            return .imported(try csvImporter(mapping).importFile(at: url), target: mapping.target.rawValue)
        case .xml:
            // Every form is read: an act's data block with errors used to give way to its table in silence.
            let forms = DeliberationForms(try xmlMappings.map { try DeliberationImporter(mapping: $0).importFile(at: url) })
            guard let used = forms.used else { return .unrecognised(Self.noXMLMapping(url), named: nil) }
            return .imported(used, target: Recognition.deliberationTarget)
        }
    }

    /// The file refused whole (CSV017) when it is larger than ``wholeFileLimit``; `nil` to read it.
    /// Its checksum is computed as usual (reading it in blocks), so that the same file sent again
    /// is known as such.
    private func refusedAsTooLarge(_ url: URL, mapping: CSVMapping) throws -> ImportResult? {
        let handle = try SafeFile.handle(url)
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        guard size > wholeFileLimit else { return nil }
        let file = url.lastPathComponent
        var result = ImportResult(
            file: file, sha256: try Checksum.sha256(fileAt: url), byteCount: size, mapping: mapping.name,
            mappingVersion: mapping.version, status: .rejected, details: ["target": mapping.target.rawValue])
        result.diagnostics = [Problem.csvTooLargeToReadWhole.at(
            SourceLocation(file: file), found: String(size), expected: String(wholeFileLimit),
            details: ["target": mapping.target.rawValue])]
        return result
    }

    /// The mapping a file is streamed with (``stream(_:mapping:onRecord:onRejected:)``): a sheet
    /// of plan data, CSV or workbook, not reference data, which is merged whole.
    public func streamingMapping(for url: URL, as recognition: Recognition) -> CSVMapping? {
        guard case .csv(let mapping) = recognition,
              !Self.isReferenceTarget(mapping.target.rawValue),
              // Indicators have a table of their own, which the streaming sink does not write; their sheets are small.
              mapping.target != .indicatori else { return nil }
        return mapping
    }

    /// Reads a CSV file or a workbook as ``run(_:as:)`` does, handing each record and each listed
    /// rejected row over as it is read; the result has neither (see ``CSVImporter``'s streaming
    /// import). A workbook's records cite `file.xlsx[Foglio]` and its year is fixed by them.
    public func stream(
        _ url: URL, mapping: CSVMapping, onYear: (Int) throws -> Void = { _ in },
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        if WorkbookFile.kind(of: url) != nil {
            return try workbookImporter(mapping).importFile(at: url, displayName: nil, onRecord: onRecord, onRejected: onRejected)
        }
        return try csvImporter(mapping).importFile(at: url, displayName: nil, onYear: onYear, onRecord: onRecord, onRejected: onRejected)
    }

    private static func noXMLMapping(_ url: URL) -> Diagnostic {
        Problem.mapNoXMLMapping.at(SourceLocation(file: url.lastPathComponent))
    }

    /// Recognises and reads one file.
    public func run(_ url: URL) throws -> Outcome {
        try run(url, as: try recognise(url))
    }

    /// Whether a CSV mapping of a reference-data target would read this target.
    public static func isReferenceTarget(_ target: String) -> Bool {
        target == MappingTarget.comuni.rawValue || target == MappingTarget.enti.rawValue || target == MappingTarget.piani.rawValue
    }

    static func looksLikeXML(_ url: URL) -> Bool {
        guard let handle = try? SafeFile.handle(url) else { return url.pathExtension.lowercased() == "xml" }
        defer { try? handle.close() }
        return looksLikeXML(url, head: [UInt8]((try? handle.read(upToCount: xmlHeadLength)) ?? Data()))
    }

    /// How much of a file's head ``looksLikeXML(_:)`` looks at.
    static let xmlHeadLength = 64

    /// ``looksLikeXML(_:)`` of a head read already (the file's first bytes; empty when unreadable).
    static func looksLikeXML(_ url: URL, head: [UInt8]) -> Bool {
        if url.pathExtension.lowercased() == "xml" { return true }
        let content = head.prefix(xmlHeadLength).drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        // A first byte that is ASCII and no blank, followed by ASCII, is a character of its own and
        // answers at once; any other head goes through the text, whose blanks (Unicode's whitespace
        // and line ends) and combining marks (`<` with U+0338 is `≮`) the text's rules know.
        let plain = { (byte: UInt8) in byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }
        if let first = content.first, plain(first), content.dropFirst().first.map({ $0 < 0x80 }) ?? true {
            return first == UInt8(ascii: "<")
        }
        return startsWithATag(content)
    }

    /// Whether the bytes, as text with the blanks at its start trimmed, start with `<`: the rule,
    /// which ``looksLikeXML(_:head:)`` answers from the first bytes when they are plain ASCII
    /// (the tests compare the two on drawn heads).
    static func startsWithATag(_ content: some Collection<UInt8>) -> Bool {
        String(decoding: content, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<")
    }
}
