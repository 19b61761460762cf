import PlusModel

/// Rows of ``ExportCell``s as compact bytes and back, for the sorted runs a ``SortedDataset``
/// keeps on disk.
///
/// A row is its cell count, then each cell: a kind byte and its value (integers as 8 bytes,
/// text as its UTF-8 length and bytes). Only this process reads what it wrote.
///
/// ```swift
/// var bytes: [UInt8] = []
/// RowCoding.append([.integer(2019), .text("OR")], to: &bytes)
/// var offset = 0
/// RowCoding.row(in: bytes, at: &offset)   // [.integer(2019), .text("OR")]
/// ```
enum RowCoding {
    private enum Kind: UInt8 {
        case null, text, integer, money, basisPoints, decimal, date, falseValue, trueValue
    }

    static func append(_ row: [ExportCell], to bytes: inout [UInt8]) {
        appendLength(row.count, to: &bytes)
        for cell in row {
            switch cell {
            case .null: bytes.append(Kind.null.rawValue)
            case .text(let text):
                bytes.append(Kind.text.rawValue)
                var text = text
                text.withUTF8 { utf8 in
                    appendLength(utf8.count, to: &bytes)
                    bytes.append(contentsOf: utf8)
                }
            case .integer(let value): append(.integer, value, to: &bytes)
            case .money(let value): append(.money, value.cents, to: &bytes)
            case .basisPoints(let value): append(.basisPoints, value, to: &bytes)
            case .decimal(let value):
                append(.decimal, value.units, to: &bytes)
                bytes.append(UInt8(value.scale))
            case .date(let date):
                append(.date, Int64(date.year) << 16 | Int64(date.month) << 8 | Int64(date.day), to: &bytes)
            case .bool(let value): bytes.append(value ? Kind.trueValue.rawValue : Kind.falseValue.rawValue)
            }
        }
    }

    /// The whole row starting at `offset` in `bytes`, with `offset` moved past it; `nil` (and
    /// `offset` unchanged) when `bytes` ends before the row does.
    static func row(in bytes: UnsafeRawBufferPointer, at offset: inout Int) -> [ExportCell]? {
        var position = offset
        guard let count = length(in: bytes, at: &position) else { return nil }
        var row: [ExportCell] = []
        row.reserveCapacity(count)
        for _ in 0..<count {
            guard position < bytes.count, let kind = Kind(rawValue: bytes[position]) else { return nil }
            position += 1
            switch kind {
            case .null: row.append(.null)
            case .falseValue: row.append(.bool(false))
            case .trueValue: row.append(.bool(true))
            case .text:
                guard let length = length(in: bytes, at: &position), position + length <= bytes.count else { return nil }
                row.append(.text(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)))
                position += length
            case .integer, .money, .basisPoints, .date:
                guard let value = int64(in: bytes, at: &position) else { return nil }
                switch kind {
                case .integer: row.append(.integer(value))
                case .money: row.append(.money(Money(cents: value)))
                case .basisPoints: row.append(.basisPoints(value))
                default:
                    guard let date = CivilDate(year: Int(value >> 16), month: Int(value >> 8 & 0xFF), day: Int(value & 0xFF)) else { return nil }
                    row.append(.date(date))
                }
            case .decimal:
                guard let units = int64(in: bytes, at: &position), position < bytes.count else { return nil }
                row.append(.decimal(ExactDecimal(units: units, scale: Int(bytes[position]))))
                position += 1
            }
        }
        offset = position
        return row
    }

    private static func append(_ kind: Kind, _ value: Int64, to bytes: inout [UInt8]) {
        bytes.append(kind.rawValue)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func int64(in bytes: UnsafeRawBufferPointer, at position: inout Int) -> Int64? {
        guard position + 8 <= bytes.count else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: Int64.self)
        position += 8
        return Int64(littleEndian: value)
    }

    /// A length as LEB128: seven bits a byte, the high bit set on all but the last.
    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var rest = UInt(length)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private static func length(in bytes: UnsafeRawBufferPointer, at position: inout Int) -> Int? {
        var value = 0, shift = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }
}
