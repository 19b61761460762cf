import GRDB

/// A row of `records` made ready on a streamed file's reading thread as bytes, bound on the
/// store's thread straight from them.
///
/// A row handed over as an ``EncodedRecord`` held a dozen texts: the store's thread retained
/// them as the row waited for its statement, SQLite copied each as it was bound, and the last
/// release freed them there, a fifth of that thread's time on a plan table. Packed, the row's
/// values are bytes in a chunk the reading thread fills (``RecordPacker``), bound where they lie
/// (``StatementBinder/bind(stableUTF8:count:)``); the store's thread frees a chunk, not a row.
///
/// ```swift
/// var packer = RecordPacker()                    // on the reading thread
/// let row = packer.pack(try EncodedRecord(imported, source: source))
/// try batch.append(row, ordinal: n, in: db)      // RowBatch<PackedRecord>, on the store's thread
/// ```
struct PackedRecord: ValueBoundRow, @unchecked Sendable {
    /// The chunk holding the row's bytes: kept alive by every row in it.
    let chunk: PackedChunk
    /// Where the row's first value starts in the chunk.
    let offset: Int
    /// The year bound in place of the packed one, once the row is given another
    /// (``ContentRows/dated(_:)``); `nil` binds the packed year.
    private var yearGiven: Int64??

    init(chunk: PackedChunk, offset: Int) {
        (self.chunk, self.offset) = (chunk, offset)
    }

    /// The position of the year among the values ``EncodedRecord/writeColumns(to:)`` writes.
    private static let yearPosition = 3

    /// The year the row is bound with: the one given it, else the packed one.
    var year: Int64? {
        get {
            if let yearGiven { return yearGiven }
            var year: Int64?
            forEachValue { position, value in
                if position == Self.yearPosition, case .integer(let packed) = value { year = packed }
            }
            return year
        }
        set { yearGiven = .some(newValue) }
    }

    /// The insert of ``EncodedRecord``: the same columns in the same order.
    static func insertSQL(rows: Int) -> String {
        EncodedRecord.insertSQL(rows: rows)
    }

    /// Binds the submission, the ordinal and the row's values as ``EncodedRecord/writeColumns(to:)`` wrote them.
    func bind(submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        binder.bind(submission)
        binder.bind(Int64(ordinal))
        forEachValue { position, value in
            if position == Self.yearPosition, let yearGiven { return binder.bind(yearGiven) }
            switch value {
            case .null: binder.bind(nil as Int64?)
            case .integer(let integer): binder.bind(integer)
            case .text(let start, let count): binder.bind(stableUTF8: start, count: count)
            }
        }
    }

    /// One packed value: a text's bytes stay in the chunk.
    private enum Value {
        case null
        case integer(Int64)
        case text(UnsafeRawPointer, count: Int)
    }

    /// Calls `body` with each packed value and its position, in order.
    private func forEachValue(_ body: (Int, Value) -> Void) {
        var cursor = UnsafeRawPointer(chunk.start + offset)
        var position = 0
        while true {
            let tag = cursor.load(as: UInt8.self)
            cursor += 1
            switch tag {
            case PackedValue.null:
                body(position, .null)
            case PackedValue.integer:
                body(position, .integer(cursor.loadUnaligned(as: Int64.self)))
                cursor += MemoryLayout<Int64>.size
            case PackedValue.text:
                let count = Int(cursor.loadUnaligned(as: UInt32.self))
                cursor += MemoryLayout<UInt32>.size
                body(position, .text(cursor, count: count))
                cursor += count
            default:
                return
            }
            position += 1
        }
    }
}

/// The tags that open each packed value (``PackedRecord``).
enum PackedValue {
    static let null: UInt8 = 0
    /// Followed by 8 bytes, the integer as the machine keeps it.
    static let integer: UInt8 = 1
    /// Followed by 4 bytes of length and the UTF-8 bytes.
    static let text: UInt8 = 2
    /// After the row's last value.
    static let end: UInt8 = 0xFF
}

/// Memory that packed rows are written into by one thread, then read and freed by another once
/// the last row in it is gone (``PackedRecord``).
final class PackedChunk: @unchecked Sendable {
    let start: UnsafeMutableRawPointer
    let capacity: Int
    /// The bytes written so far; only the packing thread writes, before the rows are handed over.
    fileprivate(set) var used = 0

    init(capacity: Int) {
        start = .allocate(byteCount: capacity, alignment: 8)
        self.capacity = capacity
    }

    deinit { start.deallocate() }
}

/// A row of `records` as the values of its columns, in ``EncodedRecord/columnNames`` order but
/// the submission and ordinal: what ``RecordPacker`` packs (an ``EncodedRecord``, or a service
/// written from itself, ``ServiceColumns``).
protocol RecordColumns {
    func writeColumns(to writer: inout some ColumnWriter)
}

extension EncodedRecord: RecordColumns {}

/// Packs rows of `records` into chunks (``PackedRecord``), on the thread that makes them ready.
struct RecordPacker {
    /// A chunk's bytes, unless a row needs more: below the size from which `malloc` maps and
    /// unmaps memory for each block, a system call per chunk.
    static let chunkSize = 64 * 1024

    private var chunk: PackedChunk?

    init() {}

    /// The row's values written into the current chunk, or a new one when they do not fit.
    mutating func pack(_ row: borrowing some RecordColumns) -> PackedRecord {
        var measure = PackedSize()
        row.writeColumns(to: &measure)
        let size = measure.bytes + 1
        if chunk.map({ $0.capacity - $0.used < size }) ?? true {
            chunk = PackedChunk(capacity: max(Self.chunkSize, size))
        }
        let chunk = chunk!
        var writer = PackedWriter(at: chunk.start + chunk.used)
        row.writeColumns(to: &writer)
        writer.end()
        precondition(writer.written == size, "a packed row takes the bytes measured for it")
        let packed = PackedRecord(chunk: chunk, offset: chunk.used)
        chunk.used += size
        return packed
    }
}

/// Measures the bytes a row's values take packed.
private struct PackedSize: ColumnWriter {
    var bytes = 0

    mutating func bind(_ value: Int64?) {
        bytes += value == nil ? 1 : 1 + MemoryLayout<Int64>.size
    }

    mutating func bind(_ value: String?) {
        bytes += value.map { 1 + MemoryLayout<UInt32>.size + $0.utf8.count } ?? 1
    }
}

/// Writes a row's values packed at an address with room for them (measured by ``PackedSize``).
private struct PackedWriter: ColumnWriter {
    let start: UnsafeMutableRawPointer
    private(set) var written = 0

    init(at start: UnsafeMutableRawPointer) {
        self.start = start
    }

    mutating func bind(_ value: Int64?) {
        guard let value else { return tag(PackedValue.null) }
        tag(PackedValue.integer)
        start.storeBytes(of: value, toByteOffset: written, as: Int64.self)
        written += MemoryLayout<Int64>.size
    }

    mutating func bind(_ value: String?) {
        guard var value else { return tag(PackedValue.null) }
        tag(PackedValue.text)
        value.withUTF8 { bytes in
            start.storeBytes(of: UInt32(bytes.count), toByteOffset: written, as: UInt32.self)
            written += MemoryLayout<UInt32>.size
            if let base = bytes.baseAddress { (start + written).copyMemory(from: base, byteCount: bytes.count) }
            written += bytes.count
        }
    }

    mutating func end() {
        tag(PackedValue.end)
    }

    private mutating func tag(_ tag: UInt8) {
        start.storeBytes(of: tag, toByteOffset: written, as: UInt8.self)
        written += 1
    }
}
