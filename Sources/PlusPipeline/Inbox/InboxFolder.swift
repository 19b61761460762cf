import Foundation
import PlusModel

/// The inbox a job reads from, with `archive/` and `rejected/` beside its files.
///
/// Files still being written are left for the next run: hidden files, `*.part`, `*.tmp`,
/// and Office lock files (`~$…`). A file moved away keeps its name; a name taken
/// already gets the first characters of the file's checksum added.
///
/// ```swift
/// let inbox = InboxFolder(url: URL(fileURLWithPath: "inbox"))
/// for file in try inbox.pendingFiles() { ... try inbox.archive(file, sha256: sha) }
/// ```
public struct InboxFolder: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public var archiveURL: URL { url.appendingPathComponent("archive", isDirectory: true) }
    public var rejectedURL: URL { url.appendingPathComponent("rejected", isDirectory: true) }

    /// The files waiting, sorted by name so every run takes them in the same order.
    public func pendingFiles() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        return names.sorted().compactMap { name in
            guard !name.hasPrefix("."), !name.hasPrefix("~$"), !name.hasSuffix(".part"), !name.hasSuffix(".tmp"),
                  !name.hasSuffix(".reason") else { return nil }
            let file = url.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return file
        }
    }

    /// Moves an imported file to `archive/`.
    @discardableResult
    public func archive(_ file: URL, sha256: String) throws -> URL {
        try move(file, to: archiveURL, sha256: sha256)
    }

    /// Moves a refused file to `rejected/` with a `.reason` file beside it, written first.
    @discardableResult
    public func reject(_ file: URL, sha256: String, reason: String) throws -> URL {
        try FileManager.default.createDirectory(at: rejectedURL, withIntermediateDirectories: true)
        let destination = freeName(for: file.lastPathComponent, in: rejectedURL, sha256: sha256)
        try AtomicFile.write(Data(reason.utf8), to: destination.appendingPathExtension("reason"))
        try FileManager.default.moveItem(at: file, to: destination)
        return destination
    }

    /// Where ``archive(_:sha256:)`` or ``reject(_:sha256:reason:)`` would put the file now: a job
    /// writes the file's receipt there before the move.
    public func destination(of file: URL, rejected: Bool, sha256: String) -> URL {
        freeName(for: file.lastPathComponent, in: rejected ? rejectedURL : archiveURL, sha256: sha256)
    }

    private func move(_ file: URL, to folder: URL, sha256: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = freeName(for: file.lastPathComponent, in: folder, sha256: sha256)
        try FileManager.default.moveItem(at: file, to: destination)
        return destination
    }

    private func freeName(for name: String, in folder: URL, sha256: String) -> URL {
        let plain = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: plain.path) else { return plain }
        let stem = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        let tagged = "\(stem).\(sha256.prefix(12))" + (ext.isEmpty ? "" : ".\(ext)")
        var candidate = folder.appendingPathComponent(tagged)
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(stem).\(sha256.prefix(12))-\(counter)" + (ext.isEmpty ? "" : ".\(ext)"))
            counter += 1
        }
        return candidate
    }
}
