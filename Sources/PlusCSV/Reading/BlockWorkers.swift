import Foundation
import PlusModel

/// A block of a file cut at a row end, and what a worker made of it.
final class ParsedBlock<Prepared: ~Copyable & Sendable>: @unchecked Sendable {
    /// The raw bytes, kept until delivery in case the reader must fall back to reading them sequentially.
    let bytes: [UInt8]
    /// The line the block starts on.
    let line: Int
    // Set by the worker, read by the delivering thread after `isDone` (under the workers' lock).
    var rows: RowBuffer?
    /// `nil` when no preparer was installed yet; else one element per row.
    var prepared: PreparedRows<Prepared>?
    var failed = false
    var isDone = false

    init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    var heldBytes: Int { bytes.count + (rows?.heldBytes ?? 0) + (prepared?.heldBytes ?? 0) }
}

/// Threads that parse blocks, with the tokenizer or their own libcsv parser, and prepare their rows.
final class BlockWorkers<Prepared: ~Copyable & Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ParsedBlock<Prepared>] = []
    /// Row buffers of delivered blocks, for the next blocks: their memory is already mapped.
    private var spareBuffers: [RowBuffer] = []
    /// What was prepared for delivered blocks' rows: emptied, and so destroyed, on a worker thread.
    private var sparePrepared: [PreparedRows<Prepared>] = []
    private let maxSpareBuffers: Int
    private var stopping = false
    private var running = 0
    private let delimiter: UInt8
    private let maxFieldBytes: Int
    private let preparation: RowPreparation<Prepared>?
    /// Whether blocks are read by the tokenizer of `CByteScan` rather than by libcsv.
    private let usesTokenizer: Bool

    init(count: Int, delimiter: UInt8, maxFieldBytes: Int, usesTokenizer: Bool, preparation: RowPreparation<Prepared>?) {
        self.usesTokenizer = usesTokenizer
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.preparation = preparation
        running = count
        maxSpareBuffers = 2 * count + 2
        for index in 0..<count {
            BackgroundThread.start(named: "plus-csv-\(index)") { [self] in work() }
        }
    }

    func submit(_ block: ParsedBlock<Prepared>) {
        condition.withLock {
            queue.append(block)
            condition.broadcast()
        }
    }

    /// Waits until `block` is parsed.
    func wait(for block: ParsedBlock<Prepared>) {
        condition.withLock {
            while !block.isDone { condition.wait() }
        }
    }

    /// Takes back a delivered block's row buffer and prepared rows.
    func recycle(_ block: ParsedBlock<Prepared>) {
        let (rows, prepared) = (block.rows, block.prepared)
        (block.rows, block.prepared) = (nil, nil)
        condition.withLock {
            if let rows, spareBuffers.count < maxSpareBuffers { spareBuffers.append(rows) }
            if let prepared, sparePrepared.count < maxSpareBuffers { sparePrepared.append(prepared) }
        }
    }

    /// Stops the threads once the blocks already taken are done, and waits for them.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
            while running > 0 { condition.wait() }
        }
    }

    private func work() {
        let parser = try? LibCSVParser(delimiter: delimiter, maxFieldBytes: maxFieldBytes, reservingBytes: 0)
        while let block = next() {
            if let parser {
                parse(block, with: parser)
            } else {
                block.failed = true
            }
            condition.withLock {
                block.isDone = true
                condition.broadcast()
            }
        }
        condition.withLock {
            running -= 1
            condition.broadcast()
        }
    }

    private func next() -> ParsedBlock<Prepared>? {
        condition.withLock {
            while queue.isEmpty && !stopping { condition.wait() }
            guard !queue.isEmpty, !stopping else { return nil }
            // The queue holds a few blocks at most: dropping a taken block at once frees it on delivery.
            return queue.removeFirst()
        }
    }

    private func parse(_ block: ParsedBlock<Prepared>, with parser: LibCSVParser) {
        let spare = condition.withLock { spareBuffers.popLast() }
        let reserving = block.bytes.count + block.bytes.count / 8
        let rows: RowBuffer
        if usesTokenizer {
            var tokenized = spare ?? RowBuffer(maxFieldBytes: maxFieldBytes, line: block.line, reservingBytes: reserving)
            tokenized.reset(line: block.line)
            // Whatever the tokenizer declines, libcsv would fail on: the sequential reader reports it exactly.
            guard tokenized.tokenize(block.bytes, delimiter: delimiter) else {
                block.failed = true
                return
            }
            rows = tokenized
        } else {
            parser.reset(line: block.line, recycling: spare, reservingBytes: reserving)
            do {
                try block.bytes.withUnsafeBytes { bytes in try parser.parse(bytes) }
                try parser.finish()
            } catch {
                // Any trouble is left to the sequential reader, which reports it exactly.
                block.failed = true
                return
            }
            rows = parser.buffer.pointee
        }
        if let makePreparer = preparation?.current {
            let prepare = makePreparer()
            let prepared = condition.withLock { sparePrepared.popLast() } ?? PreparedRows(capacity: rows.rows.count)
            prepared.removeAll()
            rows.forEachRow { _, row in prepared.append(prepare(row)) }
            block.prepared = prepared
        }
        block.rows = rows
    }
}
