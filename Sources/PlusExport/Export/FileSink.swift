import Foundation

/// A buffered, write-only file: writers append bytes and never hold a whole export in memory.
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


    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// Creates the file, failing if it already exists (staging directories are fresh).
    init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ExportError(.exportCannotWrite, path: url.path, found: "create failed")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    private var pendingError: (any Error)?

    private func flushIfFull() {
        if buffer.count >= capacity { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty, pendingError == nil else { return }
        do { try handle.write(contentsOf: buffer) } catch { pendingError = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs to disk (see ``synchronizesOnClose``) and reports any write
    /// error seen on the way.
    func close() throws {
        flush()
        if let pendingError { try? handle.close(); throw pendingError }
        if Self.synchronizesOnClose { try handle.synchronize() }
        try handle.close()
    }
}
