import Foundation
import PlusModel

/// A stream of bytes read in chunks: a file, memory, or a transcoder over either.
public protocol ByteSource {
    /// The next chunk, or `nil` at the end. Chunks are never empty.
    mutating func nextChunk() throws -> [UInt8]?

    /// Reads up to `buffer.count` bytes straight into `buffer` and returns how many (0 at the
    /// end), or returns `nil` when the source only reads in chunks.
    ///
    /// A file read this way lands where the reader wants it, without a copy per chunk.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int?
}

extension ByteSource {
    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int? { nil }
}

/// Bytes already in memory, handed out in chunks (tests, sniffed heads).
public struct MemoryByteSource: ByteSource {
    private var bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + chunkSize)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// A file read with `fread` into fixed-size chunks; first the bytes already peeked at.
///
/// It can hash the bytes as it reads them, so that a file read once yields its checksum too.
public final class FileByteSource: ByteSource {
    private let file: UnsafeMutablePointer<FILE>
    /// How many bytes each read asks for; may be changed before the first read.
    public var chunkSize: Int
    private var pending: [UInt8] = []
    private var checksum: Checksum.Running?
    /// The file's size when it was opened, from the open descriptor: no second look up of its name.
    public let byteCount: Int

    public init(url: URL, chunkSize: Int = 1 << 16, computingChecksum: Bool = false) throws {
        // Only a regular file, never through a symlink, never blocking on a FIFO (see SafeFile).
        self.file = try SafeFile.stream(url)
        self.chunkSize = chunkSize
        checksum = computingChecksum ? Checksum.Running() : nil
        var status = stat()
        byteCount = fstat(fileno(file), &status) == 0 ? Int(status.st_size) : 0
    }

    /// The SHA-256 of the whole file: what is left unread is read and hashed now.
    ///
    /// `nil` unless the source was made `computingChecksum`.
    public func finishChecksum() throws -> String? {
        while try readChunk() != nil {}
        return checksum?.finalize()
    }

    deinit { fclose(file) }

    /// The SHA-256 of the whole file when it has at most `limit` bytes, read into the bytes peeked
    /// at so that reading the file afterwards reads none of them again; `nil` for a larger file
    /// (one that grew past `limit` since it was opened too), with at most `limit + 1` bytes peeked at.
    public func checksumIfWhole(atMost limit: Int) throws -> String? {
        guard byteCount <= limit else { return nil }
        // As ``peek(_:)`` reads, without the copy it hands out.
        while pending.count <= limit, let chunk = try readChunk() {
            pending += chunk
        }
        return pending.count <= limit ? Checksum.sha256(pending) : nil
    }

    /// Reads up to `count` bytes from the start without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while pending.count < count, let chunk = try readChunk() {
            pending += chunk
        }
        return Array(pending.prefix(count))
    }

    /// Drops `count` bytes from the start (a byte-order mark).
    public func skip(_ count: Int) throws {
        _ = try peek(count)
        pending.removeFirst(min(count, pending.count))
    }

    public func nextChunk() throws -> [UInt8]? {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        return try readChunk()
    }

    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int? {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        if !pending.isEmpty {
            let count = min(buffer.count, pending.count)
            pending.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: count) }
            pending.removeFirst(count)
            return count
        }
        let count = fread(base, 1, buffer.count, file)
        if count == 0 {
            if ferror(file) != 0 { throw CSVReadError.io(String(cString: strerror(errno))) }
            return 0
        }
        checksum?.update(UnsafeRawBufferPointer(start: base, count: count))
        return count
    }

    private func readChunk() throws -> [UInt8]? {
        // Read straight into the array handed out: no second copy of every byte.
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = fread(buffer.baseAddress, 1, chunkSize, file)
        }
        if chunk.isEmpty {
            if ferror(file) != 0 { throw CSVReadError.io(String(cString: strerror(errno))) }
            return nil
        }
        if checksum != nil { chunk.withUnsafeBytes { checksum!.update($0) } }
        return chunk
    }
}
