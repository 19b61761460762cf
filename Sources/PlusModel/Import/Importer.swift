import Foundation

/// The one shape of every importer: bytes of a file in, an ``ImportResult`` out.
///
/// Importers never throw for bad content: every problem becomes a diagnostic in the
/// result. They throw only when the file cannot be read at all.
///
/// ```swift
/// let result = try CSVImporter(mapping: mapping).importFile(at: url)
/// print(result.rowsAccepted, result.diagnostics.count)
/// ```
public protocol Importer: Sendable {
    /// Reads `url`; `displayName` is the name shown in diagnostics (the submitted name).
    func importFile(at url: URL, displayName: String?) throws -> ImportResult
}

extension Importer {
    public func importFile(at url: URL) throws -> ImportResult {
        try importFile(at: url, displayName: nil)
    }
}
