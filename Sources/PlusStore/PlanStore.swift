import Foundation
import PlusModel

/// The one interface to where submissions and the canonical plan are kept.
///
/// Importers and rules see only this protocol, so that a server database for a regional
/// deployment can stand beside the embedded ``SQLiteStore`` without touching them.
/// Every write is atomic: a failure or a kill leaves the store as it was before.
///
/// ```swift
/// let store = try SQLiteStore(path: "plus.sqlite")
/// let outcome = try store.record(result, subject: result.subject, receivedAt: .now, importedBy: "inbox")
/// for ref in outcome.touched {
///     if let year = try store.ambitoYear(ambito: ref.ambito, year: ref.year) { validate(year) }
/// }
/// ```
public protocol PlanStore: Sendable {
    // MARK: Submissions

    /// Keeps one import as a submission, all of it or nothing.
    ///
    /// `subject` completes or overrides what the importer found (`nil` fields keep the
    /// result's). Importing the same bytes with the same mapping for the same subject again
    /// returns ``SubmissionOutcome/duplicate(existing:)`` and changes nothing. An accepted
    /// submission supersedes the current ones with the same ``SupersedeKey``; a rejected one
    /// is kept but supersedes nothing.
    func record(_ result: ImportResult, subject: SubmissionSubject, receivedAt: Date, importedBy: String?) throws
        -> SubmissionOutcome

    /// Does ahead, on any thread, what recording `result` needs no store for.
    func prepare(_ result: ImportResult) throws -> PreparedImport

    /// Keeps an import prepared with ``prepare(_:)``; see ``record(_:subject:receivedAt:importedBy:)``.
    func record(_ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?) throws
        -> SubmissionOutcome

    /// Keeps an import of reference data and the reference Ambiti it makes, in one transaction.
    ///
    /// When the submission is stored (accepted, not a duplicate), `updatingReference` is given the
    /// Ambiti kept so far and returns them merged with the file's; they are saved as by
    /// ``saveReference(_:)`` before the transaction commits. A kill can therefore never leave
    /// the file recorded (a duplicate for the next run) and its Ambiti unsaved.
    func record(
        _ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?,
        updatingReference: ([Ambito]) -> [Ambito]
    ) throws -> SubmissionOutcome

    /// Keeps one import as it is read: `reading` hands each record and each listed rejected row
    /// to the sink as the importer produces them, and returns the result (its counts, diagnostics
    /// and checksum; its own `records` and `rejectedRows` are ignored).
    ///
    /// Everything happens in one transaction, as for ``record(_:subject:receivedAt:importedBy:)``:
    /// if `reading` throws, or the process dies, the store is as it was. A rejected result keeps
    /// none of the records handed over. `subject` overrides the result's as there; `nil` takes
    /// the result's own. `reading` may run on a thread of its own while the store writes the
    /// rows it has handed over: it must not use the store.
    func recordStreaming(
        subject: SubmissionSubject?, receivedAt: Date, importedBy: String?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> SubmissionOutcome

    /// The submission already stored of the file `reading` reads, found without storing a row
    /// (a large file sent again, or left by a run killed after its commit); `nil` when there is
    /// none or it cannot be told so. `checksum` is the file's SHA-256, asked for only when a
    /// stored submission has the same size and mapping. See ``SQLiteStore/storedCopy(byteCount:mapping:checksum:subject:reading:)``.
    func storedCopy(
        byteCount: Int, mapping: String, checksum: () throws -> String, subject: SubmissionSubject?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> Submission?

    func submission(id: Submission.ID) throws -> Submission?

    /// Submissions, newest first; superseded ones only with `includeHistory`.
    func submissions(ambito: String?, year: Int?, includeHistory: Bool) throws -> [Submission]


    /// Every submission of one ente for one year, newest first, superseded ones included.
    func history(ente: EnteRef, year: Int) throws -> [Submission]

    /// The records of a submission, in file order, each with the file and row it came from.
    func records(submission: Submission.ID) throws -> [ImportedRecord]

    func diagnostics(submission: Submission.ID) throws -> [Diagnostic]

    /// The diagnostics of a submission whose code starts with `prefix` (`IST`), in order: those of
    /// ``diagnostics(submission:)`` that do, without reading the others.
    func diagnostics(submission: Submission.ID, codesStartingWith prefix: String) throws -> [Diagnostic]

    func rejectedRows(submission: Submission.ID) throws -> [RejectedRow]

    /// The codes of a submission's warnings, each once, in the order first stated: what a file
    /// that lost no row was read with otherwise than written (title or totals rows passed over,
    /// numbers read as shown, codes padded), told beside its verdict in the report and the status.
    func warningCodes(submission: Submission.ID) throws -> [String]

    /// Makes every submission recorded so far durable on disk, for a caller about to act on it
    /// (a job moving the imported files out of its inbox). Each ``record(_:subject:receivedAt:importedBy:)``
    /// is atomic and survives a crash of the process by itself; this adds a power cut.
    func synchronize() throws

    /// Opens a group: the submissions recorded until ``commitGroup()`` are committed together, in
    /// one transaction, each still all or nothing within it (a failing one leaves the others).
    /// A kill or ``rollbackGroup()`` before the commit leaves none of them stored. Many small
    /// files' commits cost more than their rows; a group shares one. Not for streamed submissions.
    func beginGroup() throws

    /// Commits the open group, if any.
    func commitGroup() throws

    /// Drops the open group's submissions, if any: for a caller that stops before committing.
    func rollbackGroup()

    /// Runs `body`, whose reads may go side by side with other threads' reads, each on a
    /// connection of its own, rather than one after the other: for work that only reads while
    /// nothing writes (consolidating Ambito-years on every core). A read still sees every
    /// submission committed before it.
    func readingSideBySide<T>(_ body: () throws -> T) throws -> T

    // MARK: Reference data

    /// Keeps the Ambiti (members, capofila, ASL, Provincia), replacing those with the same code;
    /// an Ambito that differs from the one kept counts as changed for ``changedAmbitoYears(since:)``.
    func saveReference(_ ambiti: [Ambito]) throws

    /// The reference Ambiti, by code.
    func ambiti() throws -> [Ambito]

    /// Opens or closes an Ambito's plan for a year: once closed, missing submissions are errors.
    func setClosed(ambito: String, year: Int, closed: Bool) throws

    // MARK: The plan

    /// The Ambito-year assembled from the current submissions, or `nil` when nothing is known
    /// of the Ambito.
    func ambitoYear(ambito: String, year: Int) throws -> AmbitoYear?

    /// The Ambito-year as ``ambitoYear(ambito:year:)`` assembles it but without its services,
    /// and its services to read in batches: what `plus run` validates and reports a plan of any size from.
    func ambitoYearInBatches(ambito: String, year: Int) throws -> (year: AmbitoYear, services: StoredServices)?

    /// The services of an Ambito-year to read in batches, without the rest of the year.
    func services(ambito: String, year: Int) throws -> StoredServices

    /// Hands `body` each amount of the Ambito's plan (a service's total cost, an ente's share) that
    /// differs between `previousYear` and `year`, by service then ente, without holding either year;
    /// one whose entries add up past what ``Money`` holds goes to `overflowing` instead.
    func forEachPlanChange(
        ambito: String, from previousYear: Int, to year: Int, overflowing: (PlanSumOverflow) throws -> Void,
        _ body: (PlanChange) throws -> Void
    ) throws

    /// The Ambito-years changed by submissions (a sheet refused whole too), closures or reference data (Ambiti, populations) stored after `date`.
    func changedAmbitoYears(since date: Date) throws -> [AmbitoYearRef]

    /// Every Ambito-year any submission touched.
    func ambitoYears() throws -> [AmbitoYearRef]

    /// The Ambito-years whose reference Ambito or member Comuni's populations changed after `date`.
    func referenceChangedAmbitoYears(since date: Date) throws -> [AmbitoYearRef]

    /// When the reference data of `ambito` (the Ambito, its members' populations) last changed.
    func referenceChangedAt(ambito: String) throws -> Date?

    /// The current submissions `result` would replace if it were stored now.
    func replaceableSubmissions(by result: ImportResult) throws -> [Submission]

    /// The populations of one vintage (`censimento-2011`), by the Comune's code today.
    func populations(vintage: String) throws -> [String: VintagePopulation]
}

extension PlanStore {
    /// Nothing to do for a store that writes through.
    public func synchronize() throws {}

    /// A store without groups commits each submission on its own.
    public func beginGroup() throws {}
    public func commitGroup() throws {}
    public func rollbackGroup() {}

    /// Every diagnostic read, then those with the prefix kept.
    public func diagnostics(submission: Submission.ID, codesStartingWith prefix: String) throws -> [Diagnostic] {
        try diagnostics(submission: submission).filter { $0.code.hasPrefix(prefix) }
    }

    /// A store with one connection reads one read at a time.
    public func readingSideBySide<T>(_ body: () throws -> T) throws -> T { try body() }

    /// Nothing done ahead, unless the store says otherwise.
    public func prepare(_ result: ImportResult) throws -> PreparedImport {
        PreparedImport(result: result)
    }

    public func record(_ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?) throws
        -> SubmissionOutcome
    {
        try record(prepared.result, subject: subject, receivedAt: receivedAt, importedBy: importedBy)
    }

    /// None told ahead: the file is recorded, and found a duplicate there.
    public func storedCopy(
        byteCount: Int, mapping: String, checksum: () throws -> String, subject: SubmissionSubject?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> Submission? {
        nil
    }

    /// Collects the rows in memory, then records the whole result.
    public func recordStreaming(
        subject: SubmissionSubject?, receivedAt: Date, importedBy: String?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> SubmissionOutcome {
        let sink = CollectingSink()
        var result = try reading(sink)
        result.records = result.status == .accepted ? sink.records : []
        result.rejectedRows = sink.rejectedRows
        return try record(result, subject: subject ?? result.subject, receivedAt: receivedAt, importedBy: importedBy)
    }

    /// Keeps one import as a submission; see ``record(_:subject:receivedAt:importedBy:)``.
    @discardableResult
    public func record(_ result: ImportResult, subject: SubmissionSubject? = nil, receivedAt: Date = Date())
        throws -> SubmissionOutcome
    {
        try record(result, subject: subject ?? result.subject, receivedAt: receivedAt, importedBy: nil)
    }
}
