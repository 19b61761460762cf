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

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
