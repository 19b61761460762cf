import Foundation
import PlusModel

/// Writes a file so that readers see the old content or the new, never half of it.
///
/// The bytes go to a temporary file in the same folder, named with ``Leftovers/temporaryPrefix``
/// so that the next run removes it if this process is killed, are flushed to disk (unless the
/// caller flushes many files at once later, with ``FileSystemSync``), and the temporary file is
/// renamed over the destination. Written with the system calls directly: Foundation's own
/// atomic write leaves `.dat.nosync…` files behind when killed.
///
/// ```swift
/// try AtomicFile.write(Data("ok\n".utf8), to: folder.appendingPathComponent("stato.txt"))
/// ```
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, synchronize: Bool = true) throws {
        // The temporary's path made from the destination's text: through `URL` (its folder, then a
        // component appended, each parsed again) it was a tenth of the receipts' thread.
        let path = url.path
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let temporary = folder + Leftovers.temporaryName()
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(url) }
        var isOpen = true
        do {
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure(url)
                    }
                    offset += written
                }
            }
            if synchronize, fsync(descriptor) != 0 { throw failure(url) }
            isOpen = false
            guard close(descriptor) == 0 else { throw failure(url) }
            try FaultInjection.point("file.staged:\(url.lastPathComponent)")
            if rename(temporary, path) != 0 { throw failure(url) }
        } catch {
            if isOpen { _ = close(descriptor) }
            unlink(temporary)
            throw error
        }
        try FaultInjection.point("file.renamed:\(url.lastPathComponent)")
    }

    /// The system's reason (`errno`), with the path the caller asked for: the temporary file beside
    /// it is ours, not the user's. The cause is an `NSError` so that it reads back on Linux too.
    static func failure(_ url: URL) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno)),
        ])
    }
}
