import Foundation
import PlusModel

/// The order of a dataset's rows by their key cells, found by comparing bytes: each row's key
/// is written once as bytes that sort as ``ExportCell/ordering(_:_:at:)`` orders the cells, and
/// rows are sorted by `memcmp` of those, ties keeping the order they were added in.
///
/// Comparing the cells themselves copied and released each cell's text at every comparison: a
/// sort of an Ambito-year's few thousand rows spent more time in that than in comparing.
/// A key with an exact decimal has no byte form here: then there is no order (`nil`) and the
/// caller compares the cells.
///
/// ```swift
/// let order = RowSortKeys.order(of: rows, at: [0, 1])   // [2, 0, 1]: rows[2] first
/// ```
enum RowSortKeys {
    /// The rows' indices in key order, stable; `nil` when a key cell is an exact decimal.
    static func order(of rows: [[ExportCell]], at positions: [Int]) -> [Int]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * positions.count * 12)
        var keys: [Key] = []
        keys.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            let start = bytes.count
            for position in positions {
                guard append(row[position], to: &bytes) else { return nil }
            }
            keys.append(Key(start: start, count: bytes.count - start, index: index))
        }
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            keys.sort { lhs, rhs in
                let common = min(lhs.count, rhs.count)
                if common > 0, let base {
                    let ordering = memcmp(base + lhs.start, base + rhs.start, common)
                    if ordering != 0 { return ordering < 0 }
                }
                if lhs.count != rhs.count { return lhs.count < rhs.count }
                return lhs.index < rhs.index
            }
        }
        return keys.map(\.index)
    }

    /// Where one row's key is in the bytes of all, and the row.
    private struct Key {
        var start: Int
        var count: Int
        var index: Int
    }

    /// Appends `cell` as bytes that sort as cells do: the kind's rank first (cells of different
    /// kinds sort by it), then the value. Returns `false` for an exact decimal.
    private static func append(_ cell: ExportCell, to bytes: inout [UInt8]) -> Bool {
        switch cell {
        case .null:
            bytes.append(0)
        case .bool(let value):
            bytes.append(1)
            bytes.append(value ? 1 : 0)
        case .integer(let value):
            bytes.append(2)
            append(value, to: &bytes)
        case .money(let value):
            bytes.append(3)
            append(value.cents, to: &bytes)
        case .basisPoints(let value):
            bytes.append(4)
            append(value, to: &bytes)
        case .date(let value):
            bytes.append(5)
            append(Int64(value.year), to: &bytes)
            append(Int64(value.month), to: &bytes)
            append(Int64(value.day), to: &bytes)
        case .text(let value):
            bytes.append(6)
            // The bytes, then an end that sorts before any byte: a text sorts before the longer
            // ones it begins. A zero byte in the text is written 0 1, so that it sorts after the end (0 0).
            var value = value
            value.withUTF8 { utf8 in
                // Whole, unless it holds a zero byte (never, in any text of a real plan).
                guard utf8.contains(0) else { return bytes.append(contentsOf: utf8) }
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == 0 { bytes.append(1) }
                }
            }
            bytes.append(0)
            bytes.append(0)
        case .decimal:
            return false
        }
        return true
    }

    /// Big-endian with the sign bit flipped: the bytes sort as the signed numbers do.
    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        let flipped = UInt64(bitPattern: value) ^ (1 << 63)
        withUnsafeBytes(of: flipped.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
