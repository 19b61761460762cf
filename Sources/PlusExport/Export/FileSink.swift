import Foundation
import PlusModel

/// A buffered, write-only file: writers append bytes and never hold a whole export in memory.
///
/// It hashes and counts the bytes as they go out, so the manifest and the Data Package state a
/// file's checksum and size without reading it back.
///
/// It writes through the file descriptor itself: a region's export creates tens of thousands
/// of files, and Foundation's file creation and handles cost more than the bytes.
///
/// ```swift
/// let sink = try FileSink(creating: url)
/// sink.write("ciao\n")
/// try sink.close()
/// ```
final class FileSink {
    /// Whether ``close()`` flushes the file to disk: an ``Exporter`` that leaves flushing to its
    /// caller turns it off for the files it writes.
    @TaskLocal static var synchronizesOnClose = true

    private var descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private var pendingError: ExportError?
    private var checksum = Checksum.Running()
    private var byteCount = 0

    /// Creates the file, failing if it already exists (staging directories are fresh).
    init(creating url: URL) throws {
        path = url.path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error(path) }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    func write(byte: UInt8) {
        buffer.append(byte)
        flushIfFull()
    }

    /// Lets `body` append to the buffer itself, so a writer's bytes go out with no array of their own.
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        flushIfFull()
    }

    private func flushIfFull() {
        if buffer.count >= capacity { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty, pendingError == nil else { return }
        buffer.withUnsafeBytes { bytes in
            checksum.update(bytes)
            byteCount += bytes.count
            var offset = 0
            while offset < bytes.count {
                let written = writeDescriptor(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    pendingError = Self.error(path)
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs to disk (see ``synchronizesOnClose``) and reports any write
    /// error seen on the way; returns the file's checksum and size.
    @discardableResult
    func close() throws -> FileDigest {
        flush()
        defer {
            _ = closeDescriptor(descriptor)
            descriptor = -1
        }
        if let pendingError { throw pendingError }
        if Self.synchronizesOnClose, fsync(descriptor) != 0 { throw Self.error(path) }
        return FileDigest(sha256: checksum.finalize(), bytes: byteCount)
    }

    private static func error(_ path: String) -> ExportError {
        ExportError.systemCall(path: path)
    }
}

/// A written file's SHA-256 (lowercase hex) and size in bytes, as the manifest states them.
public struct FileDigest: Hashable, Sendable {
    public var sha256: String
    public var bytes: Int

    /// The digest of a file already written, read back a chunk at a time.
    init(fileAt url: URL) throws {
        sha256 = try Checksum.sha256(fileAt: url)
        bytes = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    }

    init(sha256: String, bytes: Int) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}

// The C calls, out of the class whose `close()` and `write(_:)` would shadow them.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }

private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
