/// Streams CSV records through libcsv's `csv_parse`, one reused buffer, no per-field allocation.
///
/// libcsv's callbacks only append bytes and bounds to a row buffer; the completed rows are
/// handed to Swift in file order. Memory is a few chunks plus the longest row, whatever
/// the file's size.
///
/// With a ``parallelism`` above one, the file is cut into blocks at row ends (see
/// ``BlockBoundary``) that worker threads parse, each with its own libcsv parser, while the
/// calling thread reads ahead and delivers the rows in order. The rows, their lines and every
/// error are those of a sequential read.
///
/// ```swift
/// var reader = CSVByteReader(delimiter: UInt8(ascii: ";"))
/// try reader.read(from: &source) { row in print(row.line, row.count) }
/// ```
public struct CSVByteReader {
    public var delimiter: UInt8
    /// The largest field accepted, in bytes: a guard against hostile files.
    public var maxFieldBytes: Int
    /// Worker threads parsing blocks; 1 reads sequentially on the calling thread.
    public var parallelism = 1
    /// The size of a block handed to a worker (parallel reading only).
    public var blockSize = 1 << 19
    /// Whether blocks are read by the tokenizer of `CByteScan` (libcsv's rules in one pass,
    /// unquoted fields not copied) rather than by libcsv; a block it declines, libcsv reads.
    public var usesTokenizer = true

    public init(delimiter: UInt8, maxFieldBytes: Int = RowLimits.fieldBytes) {
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
        try read(from: &source, preparation: RowPreparation<Never>?.none) { row, _ in try body(row) }
    }

    /// Reads every record, handing each to `body` with what `preparation` made of it on a worker thread.
    ///
    /// Rows read before the preparer is installed, and all rows of a sequential read, come with `nil`.
    @discardableResult
    public func read<Prepared: ~Copyable>(
        from source: inout some ByteSource, preparation: RowPreparation<Prepared>?,
        _ body: (borrowing CSVRow, borrowing Prepared?) throws -> Void
    ) throws -> Int {
        if parallelism > 1 {
            return try readInBlocks(from: &source, preparation: preparation, body)
        }
        var sequential = SequentialRead(parser: try LibCSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes))
        while let chunk = try source.nextChunk() {
            try sequential.feed(chunk) { row in try body(row, nil) }
        }
        return try sequential.finish { row in try body(row, nil) }
    }

    private func readInBlocks<Prepared: ~Copyable>(
        from source: inout some ByteSource, preparation: RowPreparation<Prepared>?,
        _ body: (borrowing CSVRow, borrowing Prepared?) throws -> Void
    ) throws -> Int {
        let workers = BlockWorkers(
            count: parallelism, delimiter: delimiter, maxFieldBytes: maxFieldBytes, usesTokenizer: usesTokenizer,
            preparation: preparation)
        defer { workers.stop() }
        var blocks: [ParsedBlock<Prepared>] = []   // submitted, not yet delivered, in file order
        var pending: [UInt8] = []                  // read, not yet in a block; starts outside quotes
        var pendingOddQuotes = false
        var nextLine = 1
        var sourceEnded = false
        var sourceError: (any Error)?
        var peak = 0
        let maxInFlight = 2 * parallelism + 2

        func submit(_ count: Int) {
            // The block takes the pending bytes whole; only the short tail after the cut is copied.
            var bytes: [UInt8] = []
            swap(&bytes, &pending)
            pending = Array(bytes[count...])
            bytes.removeSubrange(count...)
            let block = ParsedBlock<Prepared>(bytes: bytes, line: nextLine)
            nextLine += bytes.withUnsafeBytes { LineBreaks.count(in: $0) }
            workers.submit(block)
            blocks.append(block)
        }

        // Bytes of a chunk that did not fit the block being filled (sources that only read in chunks).
        var overflow: [UInt8] = []
        var overflowStart = 0
        func readSome(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            if overflowStart == overflow.count, let direct = try source.read(into: buffer) { return direct }
            if overflowStart == overflow.count {
                guard let chunk = try source.nextChunk() else { return 0 }
                (overflow, overflowStart) = (chunk, 0)
            }
            let count = min(buffer.count, overflow.count - overflowStart)
            overflow.withUnsafeBufferPointer { buffer.baseAddress!.update(from: $0.baseAddress! + overflowStart, count: count) }
            overflowStart += count
            return count
        }

        while true {
            // Read ahead until enough blocks are in flight.
            while blocks.count < maxInFlight && !sourceEnded {
                // A new block: the bytes carried over, then new bytes read straight into it.
                let carried = pending.count
                // A row longer than a block doubles what is read, so that carrying it costs linear time.
                // Assigned straight to `pending`: a second reference would make `submit` copy the block.
                pending = [UInt8](unsafeUninitializedCapacity: carried + max(blockSize, carried)) { buffer, count in
                    if carried > 0 {
                        pending.withUnsafeBufferPointer { buffer.baseAddress!.initialize(from: $0.baseAddress!, count: carried) }
                    }
                    count = carried
                    while count < buffer.count {
                        let read: Int
                        do {
                            read = try readSome(into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
                        } catch {
                            // Rows before the unreadable bytes are still delivered, as a sequential read would.
                            sourceError = error
                            sourceEnded = true
                            return
                        }
                        if read == 0 {
                            sourceEnded = true
                            return
                        }
                        count += read
                    }
                }
                if pending.withUnsafeBytes({ BlockBoundary.hasOddQuotes(UnsafeRawBufferPointer(rebasing: $0[carried...])) }) {
                    pendingOddQuotes.toggle()
                }
                if sourceEnded {
                    if sourceError == nil && !pending.isEmpty { submit(pending.count) }
                    break
                }
                let odd = pendingOddQuotes
                // The carried bytes hold no row end (bar a CR at their end), so only the new ones are searched.
                if let cut = pending.withUnsafeBytes({ BlockBoundary.lastCut(in: $0, oddQuotes: odd, from: max(0, carried - 1)) }) {
                    // The bytes before the cut hold an even number of quotes: the rest keeps the parity.
                    submit(cut)
                } else if pending.count > 4 * max(blockSize, maxFieldBytes) {
                    break  // no row end in sight: read on sequentially
                }
            }
            guard let block = blocks.first else {
                if pending.isEmpty && sourceError == nil { return peak }
                break
            }
            workers.wait(for: block)
            peak = max(peak, blocks.reduce(pending.count) { $0 + $1.heldBytes })
            guard !block.failed, let rows = block.rows else { break }
            blocks.removeFirst()
            // Lent, not copied: the values are destroyed on a worker once the block is recycled.
            if let prepared = block.prepared {
                try rows.forEachRow { index, row in try prepared.withElement(at: index) { try body(row, $0) } }
            } else {
                try rows.forEachRow { _, row in try body(row, nil) }
            }
            workers.recycle(block)
        }

        // A block failed (or no row end was found): read sequentially from the first undelivered byte,
        // so that rows, lines and the error are exactly those of a sequential read.
        let line = blocks.first?.line ?? nextLine
        var sequential = SequentialRead(
            parser: try LibCSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes, line: line), line: line)
        for block in blocks {
            try sequential.feed(block.bytes) { row in try body(row, nil) }
        }
        if !pending.isEmpty {
            try sequential.feed(pending) { row in try body(row, nil) }
        }
        if overflowStart < overflow.count {
            try sequential.feed(Array(overflow[overflowStart...])) { row in try body(row, nil) }
        }
        while !sourceEnded, let chunk = try source.nextChunk() {
            try sequential.feed(chunk) { row in try body(row, nil) }
        }
        if let sourceError { throw sourceError }
        return max(peak, try sequential.finish { row in try body(row, nil) })
    }
}

/// A sequential read in progress: chunks in, completed rows out.
///
/// What it delivers does not depend on how the bytes are chunked: rows completed before an
/// error are delivered before the error is thrown, and a NUL byte is reported on its own line.
private struct SequentialRead {
    let parser: LibCSVParser
    /// The physical line at the start of the next chunk.
    private var line: Int
    private var endedWithCR = false

    init(parser: LibCSVParser, line: Int = 1) {
        self.parser = parser
        self.line = line
    }

    mutating func feed(_ chunk: [UInt8], _ body: (borrowing CSVRow) throws -> Void) throws {
        let nul = chunk.firstIndex(of: 0)
        do {
            try chunk.withUnsafeBytes { bytes in try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[..<(nul ?? bytes.count)])) }
        } catch {
            try deliverRowsBefore(error, body)
            throw error
        }
        try parser.buffer.pointee.drain(body)
        let counted = chunk.withUnsafeBytes { bytes in
            LineBreaks.count(in: UnsafeRawBufferPointer(rebasing: bytes[..<(nul ?? bytes.count)]))
        }
        let splitPair = endedWithCR && chunk.first == 0x0A ? 1 : 0
        if nul != nil {
            // A CR right before the NUL ends its line (the NUL is no LF), as when the chunk or a
            // parallel block is cut between them: the NUL is on the next line, however it is read.
            throw CSVReadError.binaryContent(line: line + counted - splitPair)
        }
        line += counted - splitPair
        endedWithCR = chunk.last == 0x0D
    }

    func finish(_ body: (borrowing CSVRow) throws -> Void) throws -> Int {
        do {
            try parser.finish()
        } catch {
            try deliverRowsBefore(error, body)
            throw error
        }
        try parser.buffer.pointee.drain(body)
        return parser.buffer.pointee.peakBytes
    }

    /// Delivers the rows completed before `error`; a row over a limit (a field's, or a row's) is not one of them.
    private func deliverRowsBefore(_ error: any Error, _ body: (borrowing CSVRow) throws -> Void) throws {
        switch error as? CSVReadError {
        case .fieldTooLarge(let line, _)?, .rowTooLarge(let line, _, _)?:
            parser.buffer.pointee.rows.removeAll { $0.line >= line }
        default: break
        }
        try parser.buffer.pointee.drain(body)
    }
}
