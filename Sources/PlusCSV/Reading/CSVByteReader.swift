import CCSV

/// Streams CSV records through libcsv's `csv_parse`, one reused buffer, no per-field allocation.
///
/// libcsv's callbacks only append bytes and bounds to the ``RowBuffer``; after each chunk the
/// completed rows are handed to Swift. Memory is one chunk plus the longest row, whatever
/// the file's size.
///
/// ```swift
/// var reader = CSVByteReader(delimiter: UInt8(ascii: ";"))
/// try reader.read(from: &source) { row in print(row.line, row.count) }
/// ```
public struct CSVByteReader {
    public var delimiter: UInt8
    /// The largest field accepted, in bytes: a guard against hostile files.
    public var maxFieldBytes: Int

    public init(delimiter: UInt8, maxFieldBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    /// Reads every record from `source`, calling `body` for each, blank rows included.
    ///
    /// Returns the largest number of bytes the reader held at once: the proof that memory
    /// does not grow with the file.
    @discardableResult
    public func read(
        from source: inout some ByteSource, _ body: (borrowing CSVRow) throws -> Void
    ) throws -> Int {
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            throw CSVReadError.io("csv_init failed")
        }
        defer { csv_free(&parser) }
        csv_set_delim(&parser, delimiter)

        // The callbacks reach the buffer through a raw pointer to a struct: no reference counting
        // and no dynamic exclusivity checks on the per-field path.
        let buffer = UnsafeMutablePointer<RowBuffer>.allocate(capacity: 1)
        buffer.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
        defer { buffer.deinitialize(count: 1); buffer.deallocate() }
        let context = UnsafeMutableRawPointer(buffer)

        while let chunk = try source.nextChunk() {
            if chunk.contains(0) {
                throw CSVReadError.binaryContent(line: buffer.pointee.line)
            }
            let consumed = chunk.withUnsafeBytes { raw in
                csv_parse(&parser, raw.baseAddress, raw.count, fieldCallback, rowCallback, context)
            }
            if let overflow = buffer.pointee.overflowLine {
                throw CSVReadError.fieldTooLarge(line: overflow, limit: maxFieldBytes)
            }
            if consumed != chunk.count {
                throw CSVReadError.malformedQuoting(line: buffer.pointee.rowStartLine)
            }
            try buffer.pointee.drain(body)
        }
        if csv_fini(&parser, fieldCallback, rowCallback, context) != 0 {
            throw CSVReadError.unterminatedQuote(line: buffer.pointee.rowStartLine)
        }
        if let overflow = buffer.pointee.overflowLine {
            throw CSVReadError.fieldTooLarge(line: overflow, limit: maxFieldBytes)
        }
        try buffer.pointee.drain(body)
        return buffer.pointee.peakBytes
    }
}

/// Receives libcsv's callbacks: fields of completed rows, their bounds and start lines.
struct RowBuffer {
    var bytes: [UInt8] = []
    /// Start and end offsets in `bytes`, two per field.
    var bounds: [Int] = []
    /// For each completed row: (index of its first bound, bound count, start line).
    var rows: [(firstBound: Int, boundCount: Int, line: Int)] = []
    var currentFirstBound = 0
    /// The physical line the reader is on (1-based).
    var line = 1
    var rowStartLine = 1
    var previousEndedWithCR = false
    let maxFieldBytes: Int
    var overflowLine: Int?
    private(set) var peakBytes = 0

    init(maxFieldBytes: Int) {
        self.maxFieldBytes = maxFieldBytes
        bytes.reserveCapacity(1 << 16)
        bounds.reserveCapacity(1 << 10)
    }

    mutating func appendField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if length > maxFieldBytes {
            overflowLine = overflowLine ?? rowStartLine
            bounds.append(bytes.count)
            bounds.append(bytes.count)
            return
        }
        let start = bytes.count
        if let pointer, length > 0 {
            let field = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: length)
            bytes.append(contentsOf: field)
            // Quoted fields may span lines; count them so later rows keep their true line.
            var index = 0
            while index < length {
                let byte = field[index]
                if byte == 0x0A || (byte == 0x0D && (index + 1 == length || field[index + 1] != 0x0A)) { line += 1 }
                index += 1
            }
        }
        bounds.append(start)
        bounds.append(bytes.count)
        previousEndedWithCR = false
    }

    mutating func endRow(_ terminator: Int32) {
        let boundCount = bounds.count - currentFirstBound
        let isLFOfCRLF = boundCount == 0 && terminator == 0x0A && previousEndedWithCR
        if !isLFOfCRLF {
            rows.append((currentFirstBound, boundCount, rowStartLine))
            if terminator == 0x0A || terminator == 0x0D { line += 1 }
        }
        previousEndedWithCR = terminator == 0x0D
        currentFirstBound = bounds.count
        rowStartLine = line
    }

    /// Hands completed rows to `body`, then keeps only the row still being read.
    mutating func drain(_ body: (borrowing CSVRow) throws -> Void) throws {
        guard !rows.isEmpty else { return }
        peakBytes = max(peakBytes, bytes.count + bounds.count * MemoryLayout<Int>.stride)
        try bytes.withUnsafeBufferPointer { byteBuffer in
            try bounds.withUnsafeBufferPointer { boundBuffer in
                for row in rows {
                    let rowBounds = UnsafeBufferPointer(rebasing: boundBuffer[row.firstBound..<(row.firstBound + row.boundCount)])
                    try body(CSVRow(line: row.line, bytes: byteBuffer, bounds: rowBounds))
                }
            }
        }
        rows.removeAll(keepingCapacity: true)
        let pendingBounds = Array(bounds[currentFirstBound...])
        let firstPendingByte = pendingBounds.first ?? bytes.count
        if firstPendingByte > 0 {
            bytes.removeSubrange(0..<firstPendingByte)
        }
        bounds.removeAll(keepingCapacity: true)
        bounds.append(contentsOf: pendingBounds.map { $0 - firstPendingByte })
        currentFirstBound = 0
    }
}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
    field, length, context in
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.appendField(field, length)
}

private let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.endRow(terminator)
}
