import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Flushes to disk everything written to one filesystem, in one call.
///
/// A job that writes thousands of outputs flushes them together before it records that they
/// are complete, instead of one `fsync` each: on Linux `syncfs(2)` on the folder's filesystem,
/// elsewhere (or if the C library lacks it) `sync(2)`.
///
/// ```swift
/// try FileSystemSync.flush(outputFolder)
/// ```
public enum FileSystemSync {
    public static func flush(_ folder: URL) throws {
        #if canImport(Glibc)
        // Glibc declares syncfs only under _GNU_SOURCE, which Swift's Glibc module does not set.
        if let syncfs = syncfsFunction {
            let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: folder.path])
            }
            defer { close(descriptor) }
            guard syncfs(descriptor) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.path])
            }
            return
        }
        #endif
        sync()
    }

    #if canImport(Glibc)
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    private static let syncfsFunction: SyncFS? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: SyncFS.self)
    }()
    #endif
}
