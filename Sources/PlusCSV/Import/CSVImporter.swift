import Foundation
import PlusModel

/// Imports a Comune's spreadsheet export through a ``CSVMapping``.
///
/// Encoding and delimiter are detected unless the mapping fixes them; rows stream
/// through libcsv, so memory stays flat whatever the file's size. Bad cells reject
/// their row, with every reason; a structurally broken file is rejected whole.
///
/// ```swift
/// let mapping = try CSVMapping.load(from: URL(fileURLWithPath: "Mappings/comune-scheda.yaml"))
/// let result = try CSVImporter(mapping: mapping).importFile(at: URL(fileURLWithPath: "cabras.csv"))
/// result.rowsAccepted   // rows that became declarations
/// ```
public struct CSVImporter: Importer {
    public var mapping: CSVMapping
    /// Overrides the mapping and the sniffer.
    public var delimiter: UInt8?
    /// Overrides the mapping and the detector.
    public var encoding: SourceEncoding?
    public var maxFieldBytes = RowLimits.fieldBytes
    /// How many diagnostics of one code are listed; the rest are counted.
    public var diagnosticsPerCode = 200
    /// How many rejected rows are listed and tolerated: past it the file is rejected whole
    /// (CSV032). Overrides the mapping's `max_rejected`; `nil` takes the mapping's, else
    /// ``CSVMapping/defaultMaxRejected``. The counts stay exact beyond it.
    public var maxRejected: Int?
    /// Threads parsing the file; `nil` chooses: one per core for files of 8 MB or more, else none
    /// (the calling thread reads). The result is the same either way.
    public var parallelism: Int?
    /// Whether plain rows are read straight from their bytes by the mapping's ``BytePlan``; off,
    /// every row goes through the general path (same results, slower). Defaults to on unless
    /// `PLUS_BYTE_PLAN=off` is set; the equivalence tests run both ways. A testing hook, not API:
    /// the libFuzzer target (a package of its own, so no `@testable import`) sets it through
    /// `@_spi(Testing) import PlusCSV`.
    @_spi(Testing) public var usesBytePlan = BytePlan.isEnabledByEnvironment
    /// Whether a parallel read's blocks are read by the tokenizer of `CByteScan` rather than by
    /// libcsv (``CSVByteReader/usesTokenizer``). On unless `PLUS_TOKENIZER=libcsv` is set; the
    /// equivalence tests run both ways. A testing hook, not API, like ``usesBytePlan``.
    @_spi(Testing) public var usesTokenizer = ReaderOverride.environment.usesTokenizer
    /// Whether a sheet whose header an earlier file of the process had takes that file's binding
    /// and byte plan (``BoundHeaders``). On unless `PLUS_BINDING_CACHE=off` is set; the equivalence
    /// tests run both ways. A testing hook, not API, like ``usesBytePlan``.
    @_spi(Testing) public var usesBindingCache = BoundHeaders.isEnabledByEnvironment
    /// The enti of the sheet's Ambito by name: a row that names an ente instead of giving its
    /// code (`Cabras` for `095018`) is read through them, with the warning CSV211; without them,
    /// or for a name they do not hold, the row is rejected (CSV209). The byte plan leaves such a
    /// row to the general path, which reads it so.
    public var enteNames: EnteNames?
    /// The codes a sheet's diagnostics carry when its rows named enti or gave enti that could
    /// not be read (CSV211, CSV209): the sheet read again with other ``enteNames`` may read
    /// otherwise. Any other sheet reads the same whatever the names.
    public static let codesOfEntiReadByName: Set<String> = [Problem.csvEnteByName.code, Problem.csvInvalidEnte.code]
    /// The block size of a parallel read (small in tests, so that small files span many blocks).
    public var blockSize = 1 << 19

    public init(mapping: CSVMapping, delimiter: UInt8? = nil, encoding: SourceEncoding? = nil) {
        self.mapping = mapping
        self.delimiter = delimiter
        self.encoding = encoding
    }

    public func importFile(at url: URL, displayName: String?) throws -> ImportResult {
        var records: [ImportedRecord] = []
        var rejected: [RejectedRow] = []
        // Kept records cite the file's checksum, so it is computed before reading: from the bytes the
        // import then reads, for a file of at most ``checksumFirstLimit`` bytes (reading it once more
        // took an Italy-year's ten thousand sheets eight system calls each).
        var result = try importFile(
            at: url, displayName: displayName, checksum: nil, citesChecksum: true, buildsRecords: true,
            onRecord: { records.append($0) }, onRejected: { rejected.append($0) })
        if result.status == .accepted {
            result.records = records
        }
        result.rejectedRows = rejected
        return result
    }

    /// Streams the file: each record and each rejected row goes to its callback as soon as it is read.
    ///
    /// At most ``maxRejected`` rejected rows reach `onRejected`, their personal data masked;
    /// the result counts every one.
    ///
    /// The file is read once: its checksum is computed while reading, so the records handed to
    /// `onRecord` cite the file and the line but leave ``Provenance/sha256`` empty; the returned
    /// result carries the checksum. The result has no records or rejected rows of its own. When
    /// its status is ``ImportStatus/rejected`` the records already delivered must be discarded.
    ///
    /// `onYear` is told the sheet's year as soon as it is fixed (the mapping's default, or the
    /// first row that states one), before the records that follow: the year the result states.
    public func importFile(
        at url: URL, displayName: String?, onYear: (Int) throws -> Void = { _ in },
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        try withoutActuallyEscaping(onYear) { onYear in
            try importFile(
                at: url, displayName: displayName, checksum: nil, buildsRecords: true, onYear: onYear,
                onRecord: onRecord, onRejected: onRejected)
        }
    }

    /// Checks the file as ``importFile(at:displayName:onRecord:onRejected:)`` would import it,
    /// without building the records: for a caller that only wants the verdict.
    ///
    /// Every cell is read and checked exactly as on import, so the result, its diagnostics and
    /// each rejected row are those an import gives; only the text of accepted rows is never
    /// copied out of the file's bytes.
    ///
    /// ```swift
    /// let result = try CSVImporter(mapping: mapping).checkFile(at: url, displayName: nil) { rejected in
    ///     print(rejected.line, rejected.reasons)
    /// }
    /// ```
    public func checkFile(
        at url: URL, displayName: String?, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        try importFile(at: url, displayName: displayName, checksum: nil, buildsRecords: false, onRecord: { _ in }, onRejected: onRejected)
    }

    /// Streams the file; records cite `checksum` when it is known beforehand. Unless `buildsRecords`
    /// the rows are only checked.
    private func importFile(
        at url: URL, displayName: String?, checksum known: String?, citesChecksum: Bool = false, buildsRecords: Bool,
        onYear: ((Int) throws -> Void)? = nil,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        let file = displayName ?? url.lastPathComponent
        // Opened first: its size is read from the open descriptor, where Foundation's attributes of
        // the name cost more than checking a small sheet's header.
        var checksum = known
        let source = try FileByteSource(url: url, computingChecksum: checksum == nil && !citesChecksum)
        if citesChecksum, checksum == nil {
            // A larger file is hashed first as it is: holding it whole would take its size in memory.
            checksum = try source.checksumIfWhole(atMost: Self.checksumFirstLimit) ?? Checksum.sha256(fileAt: url)
        }
        let byteCount = source.byteCount
        let threads = parallelism ?? ReaderOverride.environment.parallelism ?? (byteCount >= Self.parallelThreshold ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1)
        source.chunkSize = threads > 1 ? 1 << 19 : 1 << 16
        let preparation = threads > 1 ? RowPreparation<PreparedRow>() : nil
        var session = ImportSession(
            mapping: mapping, file: file, checksum: checksum, byteCount: byteCount, diagnosticsPerCode: diagnosticsPerCode,
            enteNames: enteNames, maxRejected: maxRejected ?? mapping.maxRejected ?? CSVMapping.defaultMaxRejected,
            buildsRecords: buildsRecords, usesBytePlan: usesBytePlan, usesBindingCache: usesBindingCache, preparation: preparation)
        session.onYear = onYear
        var result = try read(source, into: &session, threads: threads, onRecord: onRecord, onRejected: onRejected)
        if checksum == nil, let computed = try source.finishChecksum() {
            result.sha256 = computed
        }
        return result
    }

    private func read(
        _ source: FileByteSource, into session: inout ImportSession, threads: Int,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        let file = session.file
        let preparation = session.preparation
        let head = try source.peek(1 << 16)
        guard !head.isEmpty else {
            return session.reject(Problem.csvEmptyFile.at(SourceLocation(file: file), expected: "un'intestazione e almeno una riga"))
        }
        if let format = ForeignDocument.format(of: head) {
            return session.reject(Problem.csvForeignDocument.at(SourceLocation(file: file), found: format))
        }
        let detected = EncodingDetector.detect(head: head)
        let chosenEncoding = encoding ?? (detected.bomLength > 0 ? detected.encoding : SourceEncoding(rawValue: mapping.format.encoding) ?? detected.encoding)
        try source.skip(detected.bomLength)
        let textHead = Self.utf8Head(Array(head.dropFirst(detected.bomLength)), encoding: chosenEncoding)
        let chosenDelimiter = delimiter ?? mapping.delimiterByte ?? DelimiterSniffer.sniff(textHead) ?? UInt8(ascii: ";")
        session.start(encoding: chosenEncoding, delimiter: chosenDelimiter)

        var reader = CSVByteReader(delimiter: chosenDelimiter, maxFieldBytes: maxFieldBytes)
        reader.parallelism = threads
        reader.blockSize = ReaderOverride.environment.blockSize ?? blockSize
        reader.usesTokenizer = usesTokenizer
        let consume = { (row: borrowing CSVRow, prepared: borrowing PreparedRow?) in
            try session.consume(row, prepared: prepared, onRecord: onRecord, onRejected: onRejected)
        }
        do {
            switch chosenEncoding {
            case .utf16LE, .utf16BE:
                var transcoder = UTF16TranscodingSource(base: source, bigEndian: chosenEncoding == .utf16BE)
                try reader.read(from: &transcoder, preparation: preparation, consume)
            default:
                var plain = source
                try reader.read(from: &plain, preparation: preparation, consume)
            }
        } catch let error as CSVReadError {
            return session.reject(session.diagnostic(for: error))
        } catch let stop as ImportSession.Stop {
            return session.reject(stop.diagnostics)
        }
        return session.finish()
    }

    /// The largest file whose checksum the records cite is computed from the bytes the import reads
    /// (held whole first), not by reading the file once more.
    static let checksumFirstLimit = 1 << 20

    /// Files from this size on are read in parallel when ``parallelism`` is `nil`.
    public static let parallelThreshold = 8 << 20

    /// The head as UTF-8 bytes, for the delimiter sniffer and the mapping matcher.
    static func utf8Head(_ head: [UInt8], encoding: SourceEncoding) -> [UInt8] {
        switch encoding {
        case .utf16LE, .utf16BE:
            var source = UTF16TranscodingSource(base: MemoryByteSource(Array(head.prefix(head.count & ~1))), bigEndian: encoding == .utf16BE)
            var bytes: [UInt8] = []
            while let chunk = try? source.nextChunk() { bytes += chunk }
            return bytes
        default:
            return head
        }
    }
}
