import Foundation
import PlusModel
import ZIPFoundation

/// The ZIP container of an .xlsx, opened defensively: every entry's name is checked before any is
/// inflated, and each part is inflated with its bytes counted against the limits.
///
/// ```swift
/// let archive = try WorkbookArchive(data: bytes)
/// let workbook = try archive.part("xl/workbook.xml")
/// ```
///
/// A zipped Data Package sent to the Region is opened with it too (PlusPipeline's `ExportPackageReader`).
public struct WorkbookArchive {
    /// The most one part may inflate to.
    static let partLimit = 256 << 20
    /// The most all parts read may inflate to together.
    static let totalLimit = 512 << 20
    /// The highest inflated/compressed ratio accepted for a part larger than ``ratioFloor``.
    static let ratioLimit = 250
    static let ratioFloor = 1 << 20

    private let archive: Archive
    private var inflated = 0

    /// The path of every entry, in archive order (all checked safe by ``init(data:)``).
    public var paths: [String] { archive.map(\.path) }

    public init(data: Data) throws {
        // ZIPFoundation reads an archive in memory through a stream that traps when a position in it
        // points past the end (a mutated .xlsx crashed `plus`): such an archive is refused first.
        guard data.withUnsafeBytes({ Self.positionsWithinBounds(of: $0) }) else {
            throw WorkbookError(.workbookDamaged, found: "archivio ZIP con posizioni oltre la fine / ZIP archive pointing past its end")
        }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw WorkbookError(.workbookDamaged, found: "archivio ZIP illeggibile / unreadable ZIP archive")
        }
        for entry in archive {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\") || parts.contains("..")
                || path.utf8.contains(0) || (path.count >= 2 && path.dropFirst().first == ":") {
                throw WorkbookError(.workbookUnsafePath, found: path)
            }
        }
    }

    /// Whether every position ZIPFoundation will seek to in reading the archive lies within its
    /// bytes, following its own steps: the last end-of-central-directory record, each entry of the
    /// central directory, its local header and, with bit 3 of its flags, its data descriptor. Where
    /// ZIPFoundation would stop (a signature missing, a record cut short) this stops too. A field
    /// set to all ones says its value is in a ZIP64 field: that one position is not checked here.
    static func positionsWithinBounds(of bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        let unknown = 0xFFFF_FFFF
        func u16(_ at: Int) -> Int { Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))) }
        func u32(_ at: Int) -> Int { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        guard count >= 22 else { return true }
        // The end record, searched backwards from the last place it fits, as ZIPFoundation does.
        guard let end = stride(from: count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }),
              end + 22 + u16(end + 20) <= count
        else { return true }
        let entries = u16(end + 10)
        var directory = u32(end + 16)
        guard entries != 0xFFFF, directory != unknown else { return true }
        for _ in 0..<entries {
            guard directory <= count else { return false }
            guard directory + 46 <= count, u32(directory) == 0x0201_4B50 else { return true }
            let next = directory + 46 + u16(directory + 28) + u16(directory + 30) + u16(directory + 32)
            guard next <= count else { return true }
            defer { directory = next }
            let local = u32(directory + 42)
            guard local != unknown else { continue }
            guard local <= count else { return false }
            guard local + 30 <= count, u32(local) == 0x0403_4B50 else { return true }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart <= count else { return true }
            // The data descriptor follows the data, found by the size the directory gives.
            let size = u16(directory + 10) != 0 ? u32(directory + 20) : u32(directory + 24)
            if u16(directory + 8) & 0x8 != 0, size != unknown, dataStart + size > count { return false }
        }
        return true
    }

    /// The inflated bytes of a part, or `nil` when the archive lacks it.
    public mutating func part(_ path: String) throws -> Data? {
        var data = Data()
        guard try extract(path, reserving: { data.reserveCapacity($0) }, append: { data.append($0) }) else { return nil }
        return data
    }

    /// Opens the part to be read as it is inflated, each time the returned function is called
    /// (with whether to check the archive's CRC-32 of it: a pass that only looks ahead need not);
    /// `nil` when the archive lacks it. A sheet of 100 MB was inflated whole before it was read.
    /// Its bytes count against the limits once, however many times it is read.
    mutating func partStream(_ path: String) throws -> ((_ checkingCRC: Bool) throws -> PartStream)? {
        guard let entry = archive[path] else { return nil }
        let declared = try Self.checkDeclared(entry, path: path)
        // All parts together: what the others took leaves this one the rest.
        let allowed = min(declared, Self.totalLimit - inflated)
        inflated += allowed
        let archive = UncheckedArchive(archive: archive, entry: entry)
        return { checkingCRC in
            PartStream(part: path) { put in
                var received = 0
                do {
                    _ = try archive.archive.extract(archive.entry, skipCRC32: !checkingCRC) { chunk in
                        received += chunk.count
                        if received > allowed {
                            throw WorkbookError(.workbookTooLarge, found: "\(path): > \(allowed) byte", expected: Self.limitText)
                        }
                        try put(chunk)
                    }
                } catch let error as WorkbookError {
                    throw error
                } catch where error is PartStream.Cancelled {
                    throw error
                } catch {
                    throw WorkbookError(.workbookDamaged, found: "\(path): \(error)")
                }
            }
        }
    }

    /// ZIPFoundation's archive and entry, handed to the one thread inflating a part while no other uses them.
    private struct UncheckedArchive: @unchecked Sendable {
        let archive: Archive
        let entry: Entry
    }

    static let limitText = "\(partLimit >> 20) MB, \(ratioLimit):1"

    /// The part's declared size, refused past the limits before anything is inflated.
    private static func checkDeclared(_ entry: Entry, path: String) throws -> Int {
        let declared = entry.uncompressedSize
        let compressed = max(entry.compressedSize, 1)
        if declared > UInt64(partLimit) || (declared > UInt64(ratioFloor) && declared / compressed > UInt64(ratioLimit)) {
            throw WorkbookError(.workbookTooLarge, found: "\(path): \(declared) byte", expected: limitText)
        }
        return Int(declared)
    }

    /// Inflates a part, handing its size as declared (checked against the limits) to `reserving`
    /// and then its bytes, never more than declared, to `append`; `false` when the archive lacks it.
    private mutating func extract(_ path: String, reserving: (Int) -> Void, append: (Data) throws -> Void) throws -> Bool {
        guard let entry = archive[path] else { return false }
        let declared = try Self.checkDeclared(entry, path: path)
        let limit = Self.limitText
        reserving(declared)
        var received = 0
        var counted = inflated
        do {
            // The declared size can lie: the bytes are counted as they come.
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                counted += chunk.count
                if received + chunk.count > declared || counted > Self.totalLimit {
                    throw WorkbookError(.workbookTooLarge, found: "\(path): > \(declared) byte", expected: limit)
                }
                received += chunk.count
                try append(chunk)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError(.workbookDamaged, found: "\(path): \(error)")
        }
        inflated = counted
        return true
    }
}
