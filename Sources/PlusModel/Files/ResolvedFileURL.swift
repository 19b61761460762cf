import Foundation

extension URL {
    /// A file's URL from a path as a person types it, resolved against the working folder once.
    ///
    /// `URL(fileURLWithPath: "inbox")` keeps the working folder as its base, and Foundation
    /// resolves the path against it again at every `path`, `lastPathComponent`,
    /// `pathExtension` and `appendingPathComponent`, and at each URL made from it: five times
    /// the cost of an absolute URL's, for every look at each of an inbox's thousands of files.
    /// The resolved URL names the same file; its `path` is the one the relative URL gave.
    ///
    /// ```swift
    /// let inbox = URL.resolvedFile("inbox", isDirectory: true)   // file:///home/ufficio/inbox/
    /// ```
    public static func resolvedFile(_ path: String, isDirectory: Bool = false) -> URL {
        URL(fileURLWithPath: path, isDirectory: isDirectory).absoluteURL
    }
}
