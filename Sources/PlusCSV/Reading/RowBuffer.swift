import CByteScan
import Foundation

/// Receives libcsv's callbacks: fields of completed rows, their bounds and start lines.
///
/// Field bytes and bounds go into raw memory that grows by doubling and is reused from block
/// to block (``reset(line:)``): libcsv calls back once per field, tens of millions of times on a
/// large sheet, and an array's uniqueness and capacity checks on every append cost more than
/// copying the field. A copy of the buffer shares its memory; only one copy appends.
struct RowBuffer {
    private let storage: RowStorage
    private var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var byteCapacity: Int
    /// Start and end offsets in the bytes, two per field.
    private var bounds: UnsafeMutablePointer<Int>
    private var boundCount = 0
    private var boundCapacity: Int
    /// For each completed row: (index of its first bound, bound count, start line).
    var rows: [(firstBound: Int, boundCount: Int, line: Int)] = []
    private var currentFirstBound = 0
    /// The physical line the reader is on (1-based).
    private(set) var line: Int
    private(set) var rowStartLine: Int
    private var previousEndedWithCR = false
    let maxFieldBytes: Int
    private(set) var overflowLine: Int?
    /// The first row past ``maxRowFields`` or ``maxRowBytes``, and which it passed.
    private(set) var rowOverflow: (line: Int, fields: Bool)?
    static let maxRowFields = RowLimits.fields
    static let maxRowBytes = RowLimits.bytes
    private(set) var peakBytes = 0
    /// The block whose bytes the rows point into, when the tokenizer read it in place.
    private var lentBlock: [UInt8]?
    private var lentBytes: UnsafePointer<UInt8>?

    init(maxFieldBytes: Int, line: Int = 1, reservingBytes: Int = 1 << 16) {
        storage = RowStorage(byteCapacity: max(1 << 12, reservingBytes), boundCapacity: max(1 << 10, reservingBytes / 4))
        (bytes, byteCapacity) = (storage.bytes, storage.byteCapacity)
        (bounds, boundCapacity) = (storage.bounds, storage.boundCapacity)
        self.maxFieldBytes = maxFieldBytes
        self.line = line
        self.rowStartLine = line
        rows.reserveCapacity(max(64, reservingBytes / 32))
    }

    /// Empties the buffer for a new block starting at `line`, keeping its memory.
    mutating func reset(line: Int) {
        (lentBlock, lentBytes) = (nil, nil)
        byteCount = 0
        boundCount = 0
        rows.removeAll(keepingCapacity: true)
        currentFirstBound = 0
        self.line = line
        rowStartLine = line
        previousEndedWithCR = false
        overflowLine = nil
        rowOverflow = nil
    }

    /// The bytes held now: the figure behind ``CSVByteReader/read(from:_:)``'s memory proof.
    var heldBytes: Int { (lentBytes == nil ? byteCount : 0) + boundCount * MemoryLayout<Int>.stride }

    mutating func appendField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if boundCount + 2 > boundCapacity { (bounds, boundCapacity) = storage.growBounds(to: boundCount + 2, keeping: boundCount) }
        let rowFields = (boundCount - currentFirstBound) / 2
        let rowBytes = rowFields == 0 ? 0 : byteCount - bounds[currentFirstBound]
        if rowFields >= Self.maxRowFields || rowBytes + length > Self.maxRowBytes {
            // The row is not kept: past the limits its fields are counted, not stored.
            rowOverflow = rowOverflow ?? (rowStartLine, rowFields >= Self.maxRowFields)
            return
        }
        if length > maxFieldBytes {
            overflowLine = overflowLine ?? rowStartLine
            bounds[boundCount] = byteCount
            bounds[boundCount + 1] = byteCount
            boundCount += 2
            return
        }
        let start = byteCount
        if let pointer, length > 0 {
            if byteCount + length > byteCapacity { (bytes, byteCapacity) = storage.growBytes(to: byteCount + length, keeping: byteCount) }
            let field = pointer.assumingMemoryBound(to: UInt8.self)
            (bytes + byteCount).update(from: field, count: length)
            byteCount += length
        }
        bounds[boundCount] = start
        bounds[boundCount + 1] = byteCount
        boundCount += 2
        previousEndedWithCR = false
    }

    /// Tells the buffer that spaces or tabs, which libcsv skips without a word, came between the
    /// last CR and the LF libcsv reads next: that LF ends a line of its own (as editors count
    /// lines), not the second half of a CRLF.
    mutating func lineFeedAfterBlanks() { previousEndedWithCR = false }

    mutating func endRow(_ terminator: Int32) {
        let rowBounds = boundCount - currentFirstBound
        // Quoted fields may span lines; count them so later rows keep their true line. One check
        // over the row's bytes, then field by field only when a byte may be a line break.
        if rowBounds > 0 {
            let rowStart = bounds[currentFirstBound]
            if plus_has_control_byte(bytes + rowStart, byteCount - rowStart) != 0 {
                var index = currentFirstBound
                while index < boundCount {
                    line += plus_count_line_breaks(bytes + bounds[index], bounds[index + 1] - bounds[index])
                    index += 2
                }
            }
        }
        let isLFOfCRLF = rowBounds == 0 && terminator == 0x0A && previousEndedWithCR
        if !isLFOfCRLF {
            rows.append((currentFirstBound, rowBounds, rowStartLine))
            if terminator == 0x0A || terminator == 0x0D { line += 1 }
        }
        previousEndedWithCR = terminator == 0x0D
        currentFirstBound = boundCount
        rowStartLine = line
    }

    /// Reads a whole block (ending at a row end, or the file's last bytes) with the tokenizer
    /// of `CByteScan`, which mirrors libcsv: returns `false`, leaving the block to libcsv, where
    /// libcsv would report an error.
    ///
    /// Fields are read where they lie in `block`, which the buffer keeps until ``reset(line:)``:
    /// nothing is copied field by field. Only a block with a doubled quote to unescape is copied,
    /// once, into the buffer; the block itself always stays as read, for libcsv.
    mutating func tokenize(_ block: [UInt8], delimiter: UInt8) -> Bool {
        let count = block.count
        storage.reserveTokenizedRows(max(64, count / 16))
        var inPlace = true
        while true {
            let outcome = block.withUnsafeBufferPointer { blockBytes in
                if !inPlace, let base = blockBytes.baseAddress {
                    if count > byteCapacity { (bytes, byteCapacity) = storage.growBytes(to: count, keeping: 0) }
                    bytes.update(from: base, count: count)
                }
                var state = plus_csv_block(
                    bytes: inPlace ? UnsafeMutablePointer(mutating: blockBytes.baseAddress) : bytes, count: count,
                    bounds: bounds, bound_capacity: boundCapacity, bound_count: 0,
                    rows: storage.tokenizedRows, row_capacity: storage.tokenizedRowCapacity, row_count: 0,
                    line: line, max_field_bytes: maxFieldBytes, max_row_fields: Self.maxRowFields, max_row_bytes: Self.maxRowBytes,
                    read_only: inPlace ? 1 : 0)
                return (plus_tokenize_block(&state, delimiter), state, blockBytes.baseAddress)
            }
            let (result, state, blockBase) = outcome
            switch result {
            case PLUS_TOKENIZED:
                // Read in place: the rows point into the block, whose storage stays put while the
                // buffer holds the array (no one changes it).
                (lentBlock, lentBytes) = inPlace ? (block, blockBase) : (nil, nil)
                byteCount = count
                boundCount = state.bound_count
                currentFirstBound = boundCount
                rows.removeAll(keepingCapacity: true)
                let tokenized = UnsafeBufferPointer(start: storage.tokenizedRows, count: state.row_count)
                for row in tokenized { rows.append((row.first_bound, row.bound_count, row.line)) }
                line = state.line
                rowStartLine = line
                return true
            case PLUS_TOKENIZER_FULL:
                // Too many fields or rows for the memory reserved: more, and the block again from its start.
                (bounds, boundCapacity) = storage.growBounds(to: 2 * boundCapacity, keeping: 0)
                storage.reserveTokenizedRows(2 * storage.tokenizedRowCapacity)
            case PLUS_TOKENIZER_NEEDS_COPY:
                inPlace = false
            default:
                return false
            }
        }
    }

    /// Calls `body` for each completed row, in order.
    func forEachRow(_ body: (Int, borrowing CSVRow) throws -> Void) rethrows {
        let byteBuffer = UnsafeBufferPointer(start: lentBytes ?? UnsafePointer(bytes), count: byteCount)
        for (index, row) in rows.enumerated() {
            let rowBounds = UnsafeBufferPointer(start: bounds + row.firstBound, count: row.boundCount)
            try body(index, CSVRow(line: row.line, bytes: byteBuffer, bounds: rowBounds))
        }
        withExtendedLifetime((storage, lentBlock)) {}
    }

    /// Hands completed rows to `body`, then keeps only the row still being read.
    mutating func drain(_ body: (borrowing CSVRow) throws -> Void) throws {
        guard !rows.isEmpty else { return }
        peakBytes = max(peakBytes, heldBytes)
        try forEachRow { _, row in try body(row) }
        rows.removeAll(keepingCapacity: true)
        let pendingBounds = boundCount - currentFirstBound
        let firstPendingByte = pendingBounds > 0 ? bounds[currentFirstBound] : byteCount
        if firstPendingByte > 0 {
            memmove(bytes, bytes + firstPendingByte, byteCount - firstPendingByte)
            byteCount -= firstPendingByte
        }
        for index in 0..<pendingBounds {
            bounds[index] = bounds[currentFirstBound + index] - firstPendingByte
        }
        boundCount = pendingBounds
        currentFirstBound = 0
    }
}

/// The raw memory behind a ``RowBuffer``, freed with the last buffer that uses it.
private final class RowStorage {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCapacity: Int
    private(set) var bounds: UnsafeMutablePointer<Int>
    private(set) var boundCapacity: Int
    /// Rows as the tokenizer hands them over; allocated only when a block is tokenized.
    private(set) var tokenizedRows: UnsafeMutablePointer<plus_csv_row>?
    private(set) var tokenizedRowCapacity = 0

    init(byteCapacity: Int, boundCapacity: Int) {
        self.byteCapacity = byteCapacity
        self.boundCapacity = boundCapacity
        bytes = .allocate(capacity: byteCapacity)
        bounds = .allocate(capacity: boundCapacity)
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
        tokenizedRows?.deallocate()
    }

    /// Makes room for at least `capacity` tokenized rows; what was there is not kept.
    func reserveTokenizedRows(_ capacity: Int) {
        guard capacity > tokenizedRowCapacity else { return }
        tokenizedRows?.deallocate()
        tokenizedRows = .allocate(capacity: capacity)
        tokenizedRowCapacity = capacity
    }

    /// Moves the first `count` bytes to memory that holds at least `needed`.
    func growBytes(to needed: Int, keeping count: Int) -> (UnsafeMutablePointer<UInt8>, Int) {
        (bytes, byteCapacity) = Self.grow(bytes, capacity: byteCapacity, to: needed, keeping: count)
        return (bytes, byteCapacity)
    }

    func growBounds(to needed: Int, keeping count: Int) -> (UnsafeMutablePointer<Int>, Int) {
        (bounds, boundCapacity) = Self.grow(bounds, capacity: boundCapacity, to: needed, keeping: count)
        return (bounds, boundCapacity)
    }

    private static func grow<Element>(
        _ old: UnsafeMutablePointer<Element>, capacity: Int, to needed: Int, keeping count: Int
    ) -> (UnsafeMutablePointer<Element>, Int) {
        var grownCapacity = max(capacity, 16)
        while grownCapacity < needed { grownCapacity *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: grownCapacity)
        grown.moveInitialize(from: old, count: count)
        old.deallocate()
        return (grown, grownCapacity)
    }
}
