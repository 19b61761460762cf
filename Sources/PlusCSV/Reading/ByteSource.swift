import Foundation

/// A stream of bytes read in chunks: a file, memory, or a transcoder over either.
public protocol ByteSource {
    /// The next chunk, or `nil` at the end. Chunks are never empty.
    mutating func nextChunk() throws -> [UInt8]?
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
public final class FileByteSource: ByteSource {
    private let file: UnsafeMutablePointer<FILE>
    private let chunkSize: Int
    private var pending: [UInt8] = []

    public init(url: URL, chunkSize: Int = 1 << 16) throws {
        guard let file = fopen(url.path, "rb") else {
            throw CSVReadError.io(String(cString: strerror(errno)))
        }
        self.file = file
        self.chunkSize = chunkSize
    }

    deinit { fclose(file) }

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

    private func readChunk() throws -> [UInt8]? {
        // Read straight into the array handed out: no second copy of every byte.
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = fread(buffer.baseAddress, 1, chunkSize, file)
        }
        if chunk.isEmpty {
            if ferror(file) != 0 { throw CSVReadError.io(String(cString: strerror(errno))) }
            return nil
        }
        return chunk
    }
}
