import Foundation
import PlusModel

/// The start of a file as the importer reads it: the header row, and any problem there that
/// rejects the file whatever the mapping (binary content, broken quoting, an empty file).
///
/// Recognition (`plus run`, and `plus import` without `--mapping`) reads the head through
/// the same encoding detection and CSV reader as the import itself, so a header cell with a
/// line break inside quotes is one cell, and a workbook saved as `.xlsx` is told as such
/// (CSV013) rather than as a sheet of unknown columns.
///
/// ```swift
/// let head = try FileHead.read(URL(fileURLWithPath: "comuni.csv"))
/// head.header      // ["codice_istat", "denominazione", …]
/// head.fatal       // nil, or the diagnostic that rejects the file
/// ```
public struct FileHead: Sendable {
    /// The cells of the first row, decoded and trimmed; empty when there is none.
    public var header: [String]
    /// The first rows of the head, the header first: the rows a header below title rows may be
    /// found in (``MappingMatcher/candidates(rows:fileName:)``); only the header when the head
    /// was read up to it alone (``readHeader(_:)``).
    public var rows: [[String]] = []
    /// The delimiter the rows were split by: the one sniffed from the head, else `;`.
    public var delimiter = UInt8(ascii: ";")
    /// What in the head rejects the whole file, with its code and line.
    public var fatal: Diagnostic?

    /// How much of a file is read to recognise it.
    public static let length = 1 << 16

    public static func read(_ url: URL) throws -> FileHead {
        try read(Start(url), wholeHead: true)
    }

    /// The header row alone: the reading stops once the first row is read, so `fatal` tells only
    /// a problem met before it. ``read(_:)`` gives the same header; it also reads the rest of the
    /// head, which recognition needs only when no mapping takes the header (and costs most of
    /// recognising a small sheet, which is all head).
    public static func readHeader(_ url: URL) throws -> FileHead {
        try read(Start(url), wholeHead: false)
    }

    /// ``read(_:)`` of a head read already.
    public static func read(_ start: Start) throws -> FileHead {
        try read(start, wholeHead: true)
    }

    /// ``readHeader(_:)`` of a head read already.
    public static func readHeader(_ start: Start) throws -> FileHead {
        try read(start, wholeHead: false)
    }

    /// The first ``FileHead/length`` bytes of a file, read once: recognition tells an export, an
    /// XML document, a workbook and a sheet's header from the same bytes, where each test opened
    /// and read the file again.
    public struct Start: Sendable {
        /// The head's bytes; empty when the file is empty or could not be read.
        public let bytes: [UInt8]
        /// The file's name, which diagnostics cite.
        let file: String
        /// Why the file could not be read: the diagnostic that rejects it.
        let unreadable: Diagnostic?

        public init(_ url: URL) throws {
            file = url.lastPathComponent
            do {
                bytes = try FileByteSource(url: url).peek(FileHead.length)
                unreadable = nil
            } catch let error as CSVReadError {
                // An unreadable file is that file's problem (CSV016, naming it), not the caller's.
                (bytes, unreadable) = ([], error.diagnostic(file: file))
            } catch let error as SafeFileError {
                // So is an entry that is not a regular file (a folder, a FIFO): it is never read.
                (bytes, unreadable) = ([], CSVReadError.io(error.message.en).diagnostic(file: file))
            }
        }
    }

    /// The chunks ``readHeader(_:)`` parses the head in: about a header's length, since the parser
    /// takes each chunk whole before the first row is handed over, and a sheet's header is read
    /// three times (sniffed, then split by each other delimiter a mapping fixes). Chunks of 4 KB
    /// parsed most of a small sheet thrice to read its first line.
    static let headerChunk = 512

    /// Thrown out of the CSV reader once the header is read, by ``readHeader(_:)``.
    private struct HeaderRead: Error {}

    /// The first row as `delimiter` splits it: the header a mapping that fixes its delimiter reads.
    public static func header(_ start: Start, delimiter: UInt8) -> [String] {
        (try? read(start, wholeHead: false, forcedDelimiter: delimiter).header) ?? []
    }

    private static func read(_ start: Start, wholeHead: Bool, forcedDelimiter: UInt8? = nil) throws -> FileHead {
        let (file, head) = (start.file, start.bytes)
        if let unreadable = start.unreadable { return FileHead(header: [], fatal: unreadable) }
        guard !head.isEmpty else {
            return FileHead(header: [], fatal: Problem.csvEmptyFile.at(SourceLocation(file: file), expected: "un'intestazione e almeno una riga"))
        }
        if let format = ForeignDocument.format(of: head) {
            return FileHead(header: [], fatal: Problem.csvForeignDocument.at(SourceLocation(file: file), found: format))
        }
        let detected = EncodingDetector.detect(head: head)
        let bytes = CSVImporter.utf8Head(Array(head.dropFirst(detected.bomLength)), encoding: detected.encoding)
        let decoder = CellDecoder(encoding: detected.encoding)
        // The header alone is read in small chunks: the parser takes a chunk whole before its rows
        // are handed over, and the header is a sheet's first line.
        var source = wholeHead ? MemoryByteSource(bytes) : MemoryByteSource(bytes, chunkSize: headerChunk)
        var rows: [[String]] = []
        let delimiter = forcedDelimiter ?? DelimiterSniffer.sniff(bytes) ?? UInt8(ascii: ";")
        let made = { (fatal: Diagnostic?) in FileHead(header: rows.first ?? [], rows: rows, delimiter: delimiter, fatal: fatal) }
        do {
            try CSVByteReader(delimiter: delimiter).read(from: &source) { row in
                if rows.count < MappingMatcher.rowsTriedAsHeader { rows.append((0..<row.count).map { decoder.decode(row.field($0)).text.trimmed }) }
                if !wholeHead { throw HeaderRead() }
            }
        } catch is HeaderRead {
            return made(nil)
        } catch let error as CSVReadError {
            // A head that stops inside a quoted field is only cut short, unless it is the whole file.
            if case .unterminatedQuote = error, head.count >= length {
                return made(nil)
            }
            return made(error.diagnostic(file: file))
        }
        return made(nil)
    }
}

extension CSVReadError {
    /// The diagnostic that rejects the whole file `file`.
    func diagnostic(file: String) -> Diagnostic {
        let location = { (line: Int) in SourceLocation(file: file, line: line) }
        switch self {
        case .unterminatedQuote(let line): return Problem.csvUnterminatedQuote.at(location(line))
        case .malformedQuoting(let line): return Problem.csvMalformedQuoting.at(location(line))
        case .binaryContent(let line): return Problem.csvBinary.at(location(line))
        case .fieldTooLarge(let line, let limit): return Problem.csvFieldTooLarge.at(location(line), expected: String(limit))
        case .rowTooLarge(let line, let found, let limit): return Problem.csvRowTooLarge.at(location(line), found: found, expected: limit)
        case .invalidUTF16(let line): return Problem.csvInvalidUTF16.at(location(line))
        case .io(let message): return Problem.csvUnreadable.at(SourceLocation(file: file), found: message)
        }
    }
}
