import Foundation

/// Bytes written once to a file in the temporary folder, for the benchmarks that read files.
///
/// The name keeps the process id, so that suites running side by side never share a file.
public struct TemporaryFile: Sendable {
    public let url: URL

    public init(name: String, bytes: [UInt8]) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("plus-benchmarks-\(ProcessInfo.processInfo.processIdentifier)")
        url = folder.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            fatalError("cannot write \(url.path): \(error)")
        }
    }

    /// Removes the file, and its folder once empty.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
        let folder = url.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
