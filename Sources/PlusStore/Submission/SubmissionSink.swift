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
    /// Takes the submission's year as soon as the reading has fixed it (the mapping's default, or
    /// the first row that states one), before the records that follow: a sheet's rows without a
    /// year of their own then go in with it, instead of being given it by an update at the end.
    /// It must be the year the reading's result will state.
    func fixYear(_ year: Int)
}

extension SubmissionSink {
    /// A sink that keeps whole results gives the year at the end, as a whole import does.
    public func fixYear(_ year: Int) {}
}

/// A sink that keeps everything in memory, for a store that takes only whole results.
final class CollectingSink: SubmissionSink {
    private(set) var records: [ImportedRecord] = []
    private(set) var rejectedRows: [RejectedRow] = []

    func append(_ record: ImportedRecord) throws { records.append(record) }
    func reject(_ row: RejectedRow) throws { rejectedRows.append(row) }
}
