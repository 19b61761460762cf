import Crypto
import Foundation

/// SHA-256 of bytes, as lowercase hex: the identity of a submitted file.
public enum Checksum {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Streams the file in chunks, so that a large file needs no more memory than one chunk.
    public static func sha256(fileAt url: URL) throws -> String {
        let handle = try SafeFile.handle(url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// A checksum fed chunk by chunk, for bytes that are read once anyway for another purpose.
    ///
    /// ```swift
    /// var running = Checksum.Running()
    /// chunk.withUnsafeBytes { running.update($0) }
    /// let sha256 = running.finalize()
    /// ```
    public struct Running {
        private var hasher = SHA256()

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
        }

        /// The lowercase hex digest of every byte fed so far.
        public func finalize() -> String {
            hex(hasher.finalize())
        }
    }

    /// The digest's lowercase hex digits, two a byte, written in place: a `String` per byte,
    /// joined, cost a third as much as hashing a small sheet (every file of an inbox is hashed).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
