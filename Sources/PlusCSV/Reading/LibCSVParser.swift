import CByteScan
import CCSV
import Foundation

/// One libcsv parser and the ``RowBuffer`` its callbacks fill.
///
/// The callbacks reach the buffer through a raw pointer to a struct: no reference counting
/// and no dynamic exclusivity checks on the per-field path.
final class LibCSVParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    let buffer: UnsafeMutablePointer<RowBuffer>
    private let delimiter: UInt8
    /// Whether the bytes parsed last ended in a CR, or a CR and blanks (`plus_find_lf_after_cr_and_blanks`).
    private var crAndBlanks: Int32 = 0

    init(delimiter: UInt8, maxFieldBytes: Int, line: Int = 1, reservingBytes: Int = 1 << 16) throws {
        parser = .allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVReadError.io("csv_init failed")
        }
        csv_set_delim(parser, delimiter)
        self.delimiter = delimiter
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes, line: line, reservingBytes: reservingBytes))
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// Parses a chunk; completed rows wait in ``buffer``.
    func parse(_ bytes: UnsafeRawBufferPointer) throws {
        // The sequential reader cuts a chunk at a NUL and reports its exact line; a worker only
        // needs to know that its block cannot be read.
        if let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil {
            throw CSVReadError.binaryContent(line: buffer.pointee.line)
        }
        // libcsv skips the blanks of "CR, blanks, LF" without telling: the input is split before
        // such an LF, so that the buffer can learn that it ends a line of its own.
        var rest = bytes
        while let base = rest.baseAddress?.assumingMemoryBound(to: UInt8.self), !rest.isEmpty {
            let lineFeed = plus_find_lf_after_cr_and_blanks(base, rest.count, delimiter, &crAndBlanks)
            let consumed = csv_parse(parser, base, lineFeed, fieldCallback, rowCallback, UnsafeMutableRawPointer(buffer))
            try checkLimits()
            if consumed != lineFeed {
                throw CSVReadError.malformedQuoting(line: buffer.pointee.rowStartLine)
            }
            if lineFeed == rest.count { break }
            buffer.pointee.lineFeedAfterBlanks()
            rest = UnsafeRawBufferPointer(rebasing: rest[lineFeed...])
        }
    }

    /// Ends the input: the last row, if unterminated, is completed; the parser is ready for more.
    func finish() throws {
        crAndBlanks = 0
        if csv_fini(parser, fieldCallback, rowCallback, UnsafeMutableRawPointer(buffer)) != 0 {
            throw CSVReadError.unterminatedQuote(line: buffer.pointee.rowStartLine)
        }
        try checkLimits()
    }

    /// Throws for a field or a row past the reader's limits, once libcsv has handed it over.
    private func checkLimits() throws {
        if let overflow = buffer.pointee.overflowLine {
            throw CSVReadError.fieldTooLarge(line: overflow, limit: buffer.pointee.maxFieldBytes)
        }
        if let overflow = buffer.pointee.rowOverflow {
            throw overflow.fields
                ? CSVReadError.rowTooLarge(line: overflow.line, found: "> \(RowBuffer.maxRowFields) campi / fields", limit: "\(RowBuffer.maxRowFields) campi / fields")
                : CSVReadError.rowTooLarge(line: overflow.line, found: "> \(RowBuffer.maxRowBytes >> 20) MB", limit: "\(RowBuffer.maxRowBytes >> 20) MB")
        }
    }

    /// Starts the next block of a parallel read at `line`, in `recycled`'s memory when given.
    ///
    /// The current buffer has been handed over with its block, so it is never written again.
    func reset(line: Int, recycling recycled: RowBuffer?, reservingBytes: Int) {
        crAndBlanks = 0
        if var recycled {
            recycled.reset(line: line)
            buffer.pointee = recycled
        } else {
            buffer.pointee = RowBuffer(maxFieldBytes: buffer.pointee.maxFieldBytes, line: line, reservingBytes: reservingBytes)
        }
    }
}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    field, length, context in
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.appendField(field, length)
}

private let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.endRow(terminator)
}
