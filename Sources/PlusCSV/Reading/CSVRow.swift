/// One physical record as libcsv delivered it: raw field bytes, not yet decoded.
///
/// The bytes live in the reader's reused buffer; a row is valid only inside the
/// callback that receives it, which keeps the hot path free of allocations.
public struct CSVRow: ~Copyable {
    /// The 1-based line the row starts on.
    public let line: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<Int>

    /// The number of fields.
    public var count: Int { bounds.count / 2 }

    /// Whether every field is empty (a blank or `;;;` row).
    public var isBlank: Bool {
        var index = 0
        while index < bounds.count {
            if bounds[index + 1] > bounds[index] { return false }
            index += 2
        }
        return true
    }

    /// The raw bytes of field `index`.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = bounds[2 * index]
        let end = bounds[2 * index + 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    public func isEmpty(_ index: Int) -> Bool { bounds[2 * index] == bounds[2 * index + 1] }

    /// The bytes of all its fields together, as read.
    var byteCount: Int {
        var total = 0
        var index = 0
        while index < bounds.count {
            total += bounds[index + 1] - bounds[index]
            index += 2
        }
        return total
    }

    /// Hands `body` a row of these cells, as the reader would give it: a workbook's row, or a
    /// test's, read by the same code as a CSV's.
    static func withCells<Result>(_ cells: [String], line: Int, _ body: (borrowing CSVRow) throws -> Result) rethrows -> Result {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        for cell in cells {
            bounds.append(bytes.count)
            bytes += cell.utf8
            bounds.append(bytes.count)
        }
        return try bytes.withUnsafeBufferPointer { bytes in
            try bounds.withUnsafeBufferPointer { bounds in try body(CSVRow(line: line, bytes: bytes, bounds: bounds)) }
        }
    }
}
