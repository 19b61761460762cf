import Foundation
import PlusModel
import ZIPFoundation

/// The ZIP container of an .xlsx, opened defensively: every entry's name is checked before any is
/// inflated, and each part is inflated with its bytes counted against the limits.
///
/// ```swift
/// var archive = try WorkbookArchive(data: bytes)
/// let sheet = try archive.partStream("xl/worksheets/sheet1.xml")   // read as it is inflated
/// let descriptor = try archive.part("datapackage.json")            // a small part, whole
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
