import Foundation

/// Writes a file so that readers see the old content or the new, never half of it.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk (unless the caller
/// flushes many files at once later, with ``FileSystemSync``), and the temporary file is renamed
/// over the destination.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, synchronize: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            if synchronize {
                let handle = try FileHandle(forWritingTo: temporary)
                try handle.synchronize()
                try handle.close()
            }
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
