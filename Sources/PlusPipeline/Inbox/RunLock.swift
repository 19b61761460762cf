import Foundation

/// An exclusive, non-blocking lock on a file, so that two cron runs never overlap.
///
/// The kernel releases an `flock` when the process dies, so a killed run never leaves
/// a stale lock behind.
///
/// ```swift
/// guard let lock = try RunLock.acquire(at: "plus.sqlite.lock") else { exit(3) }
/// defer { lock.release() }
/// ```
public final class RunLock: Sendable {
    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// The lock, or `nil` when another process holds it.
    public static func acquire(at path: String) throws -> RunLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            // The cause (a read-only disk, a missing folder) travels with the path.
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno)),
            ])
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        return RunLock(descriptor: descriptor, path: path)
    }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
