import PlusModel

/// An import with the part of recording that needs no store done ahead, on any thread.
///
/// A job reading many files prepares each on the core that read it, and the one thread that
/// writes the store only writes: for ``SQLiteStore`` the records and diagnostics are already in their row form, sorted by table.
///
/// ```swift
/// let prepared = try store.prepare(result)            // on a reader thread
/// try store.record(prepared, subject: result.subject, receivedAt: .now, importedBy: "inbox")
/// ```
public struct PreparedImport: Sendable {
    public let result: ImportResult
    /// The records and diagnostics as ``SQLiteStore`` writes them, when it prepared them.
    let contents: ContentRows?
    /// The result's records without their provenance, when ``SQLiteStore`` prepared them: what
    /// resolving the subject and settling the submission read.
    let records: [CanonicalRecord]?

    init(result: ImportResult, contents: ContentRows? = nil, records: [CanonicalRecord]? = nil) {
        self.result = result
        self.contents = contents
        self.records = records
    }
}
