import Foundation

extension WorkbookArchive {
    /// Whether every position ZIPFoundation will seek to in reading the archive lies within its
    /// bytes, and every size it converts to a signed integer fits one.
    ///
    /// ZIPFoundation reads an archive held in memory through a stream that traps on a position past
    /// its end, and converts sizes and positions to `Int64`/`off_t` unchecked: a mutated `.xlsx`
    /// crashed `plus`. This follows ZIPFoundation's own steps: the last end-of-central-directory
    /// record, the ZIP64 end record where its locator stands before it, each entry of the central
    /// directory with the values of its ZIP64 extra field (taken as ZIPFoundation takes them), the
    /// entry's local header and, with bit 3 of its flags, its data descriptor. Where ZIPFoundation
    /// would stop (a signature missing, a record cut short) this stops too, and the archive is read
    /// as far as it goes.
    static func positionsWithinBounds(of bytes: UnsafeRawBufferPointer) -> Bool {
        let layout = ArchiveLayout(bytes)
        return layout.positionsWithinBounds()
    }
}

/// The records of a ZIP archive that say where to read, as ZIPFoundation decodes them.
private struct ArchiveLayout {
    let bytes: UnsafeRawBufferPointer
    var count: UInt64 { UInt64(bytes.count) }

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func u16(_ at: UInt64) -> UInt64 { UInt64(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: Int(at), as: UInt16.self))) }
    func u32(_ at: UInt64) -> UInt64 { UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: Int(at), as: UInt32.self))) }
    func u64(_ at: UInt64) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: Int(at), as: UInt64.self)) }

    /// `a + b + …` when no step overflows, else `nil` (ZIPFoundation's own sum would trap).
    static func sum(_ terms: UInt64...) -> UInt64? {
        var total: UInt64 = 0
        for term in terms {
            let (next, overflow) = total.addingReportingOverflow(term)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// Whether `length` bytes from `at` lie within the archive.
    func holds(_ at: UInt64, _ length: UInt64) -> Bool {
        guard let end = Self.sum(at, length) else { return false }
        return end <= count
    }

    func positionsWithinBounds() -> Bool {
        guard count >= 22 else { return true }
        // The end record, searched backwards from the last place it fits, as ZIPFoundation does.
        guard let end = stride(from: count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }),
              holds(end + 22, u16(end + 20))
        else { return true }
        var entries = u16(end + 10)
        var directory = u32(end + 16)
        // ZIPFoundation looks for the ZIP64 end record only where it stands right before its
        // locator, right before the end record; when found, its values replace the end record's.
        if end > 20, end - 20 > 56 {
            let locator = end - 20, record = end - 20 - 56
            if u32(locator) == 0x0706_4B50, u32(record) == 0x0606_4B50, u16(record + 14) >= 45 {
                entries = u64(record + 32)
                directory = u64(record + 48)
            }
        }
        // Each entry takes at least 46 bytes: more than that many entries cannot be read.
        for _ in 0..<min(entries, count / 46 + 1) {
            guard directory <= count else { return false }
            guard holds(directory, 46), u32(directory) == 0x0201_4B50 else { return true }
            let names = u16(directory + 28), extraLength = u16(directory + 30), comment = u16(directory + 32)
            guard holds(directory + 46, names + extraLength + comment) else { return true }
            defer { directory += 46 + names + extraLength + comment }
            let entry = DirectoryEntry(layout: self, at: directory, extra: (directory + 46 + names, extraLength))
            // ZIPFoundation converts these to `Int64` or `off_t` unchecked before reading.
            guard entry.uncompressedSize <= UInt64(Int64.max), entry.compressedSize <= UInt64(Int64.max) else { return false }
            let local = entry.localHeader
            guard local <= count else { return false }
            guard holds(local, 30), u32(local) == 0x0403_4B50 else { return true }
            let localNames = u16(local + 26) + u16(local + 28)
            guard holds(local + 30, localNames) else { return true }
            // The data descriptor follows the data, found by the size the directory gives.
            if u16(directory + 8) & 0x8 != 0 {
                let size = u16(directory + 10) != 0 ? entry.compressedSize : entry.uncompressedSize
                guard let descriptor = Self.sum(local, 30, localNames, size), descriptor <= count else { return false }
            }
        }
        return true
    }
}

/// One entry of the central directory: its sizes and local header's position, from its ZIP64
/// extra field where ZIPFoundation would take them from it.
private struct DirectoryEntry {
    var uncompressedSize: UInt64
    var compressedSize: UInt64
    var localHeader: UInt64

    init(layout: ArchiveLayout, at directory: UInt64, extra: (start: UInt64, length: UInt64)) {
        let max32: UInt64 = 0xFFFF_FFFF
        uncompressedSize = layout.u32(directory + 24)
        compressedSize = layout.u32(directory + 20)
        localHeader = layout.u32(directory + 42)
        let diskIsMax = layout.u16(directory + 34) == 0xFFFF
        // The fields the ZIP64 extra field holds: those whose 32-bit field is all ones, in this order.
        let fields: [(present: Bool, size: UInt64)] = [
            (uncompressedSize == max32, 8), (compressedSize == max32, 8), (localHeader == max32, 8), (diskIsMax, 4),
        ]
        var zip64: [UInt64]?
        // ZIPFoundation takes the first extra block with ID 1, if its length is exactly the fields'.
        var offset: UInt64 = 0
        while extra.length >= 4, offset < extra.length - 4 {
            let id = layout.u16(extra.start + offset), size = layout.u16(extra.start + offset + 2)
            let next = offset + 4 + size
            guard next <= extra.length else { break }
            if id == 1 {
                let expected = fields.filter(\.present).reduce(0) { $0 + $1.size }
                if expected == size, size != 0 {
                    var read = extra.start + offset + 4
                    zip64 = fields.map { field in
                        guard field.present else { return 0 }
                        defer { read += field.size }
                        return field.size == 8 ? layout.u64(read) : layout.u32(read)
                    }
                }
                break
            }
            offset = next
        }
        // A version of 4.5 or more, or a ZIP64 field found, makes the entry ZIP64; a value of zero
        // in the field leaves the 32-bit one.
        let isZIP64 = layout.u16(directory + 6) & 0xFF >= 45 || zip64 != nil
        if isZIP64, let zip64 {
            if zip64[0] > 0 { uncompressedSize = zip64[0] }
            if zip64[1] > 0 { compressedSize = zip64[1] }
            if zip64[2] > 0 { localHeader = zip64[2] }
        }
    }
}
