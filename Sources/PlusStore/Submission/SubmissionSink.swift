import PlusModel

/// Where an importer hands the rows of one submission as it reads them, so that a file of any
/// size is stored without its records ever being held together in memory.
///
/// A sink lives inside ``PlanStore/recordStreaming(subject:receivedAt:importedBy:reading:)``:
/// what it takes is kept only if the reading returns, and is rolled back if it throws.
///
/// ```swift
/// let outcome = try store.recordStreaming(subject: nil, receivedAt: .now, importedBy: "plus run") { sink in
///     try importer.importFile(at: url, displayName: nil, onRecord: sink.append, onRejected: sink.reject)
/// }
/// ```
public protocol SubmissionSink: AnyObject {
    /// Takes the next record, in file order.
    func append(_ record: ImportedRecord) throws
    /// Takes the next rejected row listed (the importer caps how many it lists; the result counts all).
    func reject(_ row: RejectedRow) throws
}

/// A sink that keeps everything in memory, for a store that takes only whole results.
final class CollectingSink: SubmissionSink {
    private(set) var records: [ImportedRecord] = []
    private(set) var rejectedRows: [RejectedRow] = []

    func append(_ record: ImportedRecord) throws { records.append(record) }
    func reject(_ row: RejectedRow) throws { rejectedRows.append(row) }
}
