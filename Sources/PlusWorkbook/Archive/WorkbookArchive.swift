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

    /// The inflated bytes of a part inflated straight where libxml2 reads them, or `nil` when the
    /// archive lacks it: a sheet of 100 MB was inflated into a `Data` and copied for the reader.
    mutating func partBytes(_ path: String) throws -> PartBytes? {
        var buffer: UnsafeMutableRawBufferPointer?
        var count = 0
        let found: Bool
        do {
            found = try extract(path, reserving: { buffer = .allocate(byteCount: max($0, 1), alignment: 1) }) { chunk in
                chunk.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer![count...]))
                count += chunk.count
            }
        } catch {
            buffer?.deallocate()
            throw error
        }
        guard found, let buffer else { return nil }
        // It deallocates the buffer when it refuses the part.
        return try PartBytes(taking: buffer, count: count, part: path)
    }

    /// Inflates a part, handing its size as declared (checked against the limits) to `reserving`
    /// and then its bytes, never more than declared, to `append`; `false` when the archive lacks it.
    private mutating func extract(_ path: String, reserving: (Int) -> Void, append: (Data) throws -> Void) throws -> Bool {
        guard let entry = archive[path] else { return false }
        let declared = entry.uncompressedSize
        let compressed = max(entry.compressedSize, 1)
        let limit = "\(Self.partLimit >> 20) MB, \(Self.ratioLimit):1"
        if declared > UInt64(Self.partLimit) || (declared > UInt64(Self.ratioFloor) && declared / compressed > UInt64(Self.ratioLimit)) {
            throw WorkbookError(.workbookTooLarge, found: "\(path): \(declared) byte", expected: limit)
        }
        reserving(Int(declared))
        var received = 0
        var counted = inflated
        do {
            // The declared size can lie: the bytes are counted as they come.
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                counted += chunk.count
                if received + chunk.count > Int(declared) || counted > Self.totalLimit {
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
