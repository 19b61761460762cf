import Foundation
import PlusModel

/// `plus import -`: standard input, copied to a private temporary file that is read like any other.
///
/// The file path is what every reader takes (recognition looks at the head, CSV is read twice
/// for encoding and rows), and a pipe can be read only once; the copy is capped so that an
/// endless pipe ends in a message, not a full disk.
///
/// ```swift
/// let input = try StandardInput.copy()
/// defer { input.remove() }
/// // read input.url
/// ```
struct StandardInput {
    /// Larger than any plan sheet or deliberation by far.
    static let maxBytes = 1 << 30

    let url: URL
    private let folder: URL

    /// Copies standard input, in chunks, to `stdin` in a fresh folder only this process uses.
    static func copy(from handle: FileHandle = .standardInput, maxBytes: Int = maxBytes) throws -> StandardInput {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-stdin-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let input = StandardInput(url: folder.appendingPathComponent("stdin"), folder: folder)
        do {
            FileManager.default.createFile(atPath: input.url.path, contents: nil, attributes: [.posixPermissions: 0o600])
            let output = try FileHandle(forWritingTo: input.url)
            defer { try? output.close() }
            var total = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                total += chunk.count
                guard total <= maxBytes else { throw TooLarge(limit: maxBytes) }
                try output.write(contentsOf: chunk)
            }
        } catch {
            input.remove()
            throw error
        }
        return input
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Standard input went on past ``StandardInput/maxBytes``.
    struct TooLarge: Error {
        let limit: Int

        var message: LocalizedText {
            LocalizedText(
                it: "lo standard input supera \(limit / (1 << 20)) MiB: salvarlo in un file e importare quello",
                en: "standard input is larger than \(limit / (1 << 20)) MiB: save it to a file and import that")
        }
    }
}
