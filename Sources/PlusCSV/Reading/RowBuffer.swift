/// Receives libcsv's callbacks: fields of completed rows, their bounds and start lines.
struct RowBuffer {
    var bytes: [UInt8] = []
    /// Start and end offsets in `bytes`, two per field.
    var bounds: [Int] = []
    /// For each completed row: (index of its first bound, bound count, start line).
    var rows: [(firstBound: Int, boundCount: Int, line: Int)] = []
    var currentFirstBound = 0
    /// The physical line the reader is on (1-based).
    var line: Int
    var rowStartLine: Int
    var previousEndedWithCR = false
    let maxFieldBytes: Int
    var overflowLine: Int?
    private(set) var peakBytes = 0

    init(maxFieldBytes: Int, line: Int = 1, reservingBytes: Int = 1 << 16) {
        self.maxFieldBytes = maxFieldBytes
        self.line = line
        self.rowStartLine = line
        bytes.reserveCapacity(reservingBytes)
        bounds.reserveCapacity(max(1 << 10, reservingBytes / 4))
        rows.reserveCapacity(max(64, reservingBytes / 32))
    }

    /// The bytes held now: the figure behind ``CSVByteReader/read(from:_:)``'s memory proof.
    var heldBytes: Int { bytes.count + bounds.count * MemoryLayout<Int>.stride }

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
                if byte <= 0x0D && (byte == 0x0A || (byte == 0x0D && (index + 1 == length || field[index + 1] != 0x0A))) { line += 1 }
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

    /// Calls `body` for each completed row, in order.
    func forEachRow(_ body: (Int, borrowing CSVRow) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { byteBuffer in
            try bounds.withUnsafeBufferPointer { boundBuffer in
                for (index, row) in rows.enumerated() {
                    let rowBounds = UnsafeBufferPointer(rebasing: boundBuffer[row.firstBound..<(row.firstBound + row.boundCount)])
                    try body(index, CSVRow(line: row.line, bytes: byteBuffer, bounds: rowBounds))
                }
            }
        }
    }

    /// Hands completed rows to `body`, then keeps only the row still being read.
    mutating func drain(_ body: (borrowing CSVRow) throws -> Void) throws {
        guard !rows.isEmpty else { return }
        peakBytes = max(peakBytes, heldBytes)
        try forEachRow { _, row in try body(row) }
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
