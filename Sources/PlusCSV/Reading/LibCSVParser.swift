import CCSV
import Foundation

/// One libcsv parser and the ``RowBuffer`` its callbacks fill.
///
/// The callbacks reach the buffer through a raw pointer to a struct: no reference counting
/// and no dynamic exclusivity checks on the per-field path.
final class LibCSVParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    let buffer: UnsafeMutablePointer<RowBuffer>

    init(delimiter: UInt8, maxFieldBytes: Int, line: Int = 1, reservingBytes: Int = 1 << 16) throws {
        parser = .allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVReadError.io("csv_init failed")
        }
        csv_set_delim(parser, delimiter)
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
        let consumed = csv_parse(parser, bytes.baseAddress, bytes.count, fieldCallback, rowCallback, UnsafeMutableRawPointer(buffer))
        if let overflow = buffer.pointee.overflowLine {
            throw CSVReadError.fieldTooLarge(line: overflow, limit: buffer.pointee.maxFieldBytes)
        }
        if consumed != bytes.count {
            throw CSVReadError.malformedQuoting(line: buffer.pointee.rowStartLine)
        }
    }

    /// Ends the input: the last row, if unterminated, is completed; the parser is ready for more.
    func finish() throws {
        if csv_fini(parser, fieldCallback, rowCallback, UnsafeMutableRawPointer(buffer)) != 0 {
            throw CSVReadError.unterminatedQuote(line: buffer.pointee.rowStartLine)
        }
        if let overflow = buffer.pointee.overflowLine {
            throw CSVReadError.fieldTooLarge(line: overflow, limit: buffer.pointee.maxFieldBytes)
        }
    }

    /// Starts the next block of a parallel read at `line`, in `recycled`'s memory when given.
    ///
    /// The current buffer has been handed over with its block, so it is never written again.
    func reset(line: Int, recycling recycled: RowBuffer?, reservingBytes: Int) {
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
