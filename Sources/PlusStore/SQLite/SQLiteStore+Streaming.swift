import Foundation
import GRDB
import PlusModel

extension SQLiteStore {
    /// Writes each record as the importer hands it over, inside the submission's transaction, so
    /// that memory holds a bounded number of records whatever the file's size; what needs the
    /// whole file (the checksum, the subject, the supersede key, the duplicate check) is done at
    /// the end. `reading` runs on a thread of its own while this one writes what it has read
    /// (``RowPipeline``): it must not use the store.
    public func recordStreaming(
        subject: SubmissionSubject?, receivedAt: Date, importedBy: String?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> SubmissionOutcome {
        let storedAt = now()
        let outcome: SubmissionOutcome
        // The services counted as the rows went in, kept once the transaction committed: inside an
        // open group the commit comes later, and they are not kept.
        var counted: (submission: Int64, services: StreamedServices)?
        let grouped = group.withLock { $0 }
        // Whether the indexes the rows went in without are to be built after the commit (``DeferredIndexes``).
        var indexesPending = false
        do {
            outcome = try withForeignKeysUnchecked { try write { db in
                try Self.enlargeCache(in: db)
                defer { Self.restoreCache(in: db) }
                // The rows need their submission's id before the file is read: a placeholder, completed below.
                var placeholder = SubmissionRow(
                    result: ImportResult(file: "", sha256: "", byteCount: 0, mapping: "", mappingVersion: 0, status: .rejected),
                    subject: SubmissionSubject(), key: nil, receivedAt: receivedAt, storedAt: storedAt, importedBy: importedBy)
                try placeholder.insert(db)
                let id = placeholder.id!
                let sink = try StreamingSink(db: db, submission: id, year: subject?.year, faultInjection: faultInjection)
                var result = try RowPipeline(prepare: sink.prepare, fixYear: sink.fixYear)
                    .run(reading: reading, write: sink.write, reject: sink.reject)
                try sink.flushRows()
                // Read back from here on (the codes' translation below) as citing what they were stored citing.
                let citedFile = sink.citedFile.flatMap { $0 == result.file ? nil : $0 }
                if let citedFile {
                    try db.execute(sql: "UPDATE submissions SET cited_file = ? WHERE id = ?", arguments: [citedFile, id])
                }
                result.records = []
                result.rejectedRows = []
                let accepted = result.status == .accepted
                if !accepted {
                    // A file rejected whole keeps none of its rows (see CSVImporter's streaming import).
                    try db.execute(sql: "DELETE FROM records WHERE submission_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM declarations WHERE submission_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM cost_shares WHERE submission_id = ?", arguments: [id])
                }
                var override = subject ?? result.subject
                // Codes of another period become the Comune's code today, saying so (IST001-IST003).
                let translated = accepted ? try ComuneCodeTranslation(db: db).translateStored(
                    submission: id, subjectEnte: result.subject.ente, year: override.year ?? result.subject.year) : nil
                if let translated {
                    result.diagnostics += translated.diagnostics
                    if let ente = translated.subjectEnte {
                        if override.ente == result.subject.ente { override.ente = ente }
                        result.subject.ente = ente
                    }
                }
                // Gathered as the rows went in, unless the translation rewrote some of them (or none are kept).
                result.records = !accepted ? [] : translated == nil ? sink.representatives.records : try Self.representatives(of: id, in: db)
                var (row, resolved, key, existing) = try Self.submissionRow(
                    of: result, override: override, receivedAt: receivedAt, storedAt: storedAt, importedBy: importedBy, in: db)
                if let existing { throw Duplicate(existing: existing.submission) }
                row.recordCount = accepted ? sink.recordCount : 0
                row.citedFile = citedFile
                row.id = id
                try row.update(db)
                if let year = resolved.year, accepted, sink.rowsAwaitingYear > 0 {
                    // A plan table's rows are found by the submission's year, as on a whole import; those
                    // read after the year was fixed went in with it (``StreamingSink/fixYear(_:)``).
                    try db.execute(
                        sql: "UPDATE records SET year = ? WHERE submission_id = ? AND year IS NULL", arguments: [year, id])
                    try db.execute(
                        sql: "UPDATE cost_shares SET year = ? WHERE submission_id = ? AND year IS NULL", arguments: [year, id])
                }
                // The indexes dropped while the rows went in are built once the rows have their year: an
                // index kept up by the update moved every row's entry (1.5 s of a 100 MB plan table's 2.1 s).
                // Inside an open group they are built here; otherwise after the commit, in a transaction of
                // their own, while the checkpointer copies the rows into the store's file.
                if grouped { try sink.finishRows() } else { try sink.flushRows() }
                indexesPending = !grouped && sink.deferredIndexes.isDropped
                if accepted, !grouped { counted = (id, sink.services.givingYear(sink.rowsAwaitingYear > 0 ? resolved.year : nil)) }
                try insertContents(
                    ContentRows(rows: [], diagnostics: result.diagnostics, year: resolved.year), rejectedRows: result.rejectedRows,
                    submission: id, in: db)
                return try settle(
                    submission: id, accepted: accepted, records: result.records.map(\.record), subject: resolved, key: key,
                    storedAt: storedAt, reference: nil, in: db)
            } }
        } catch let duplicate as Duplicate {
            return .duplicate(existing: duplicate.existing)
        }
        if indexesPending {
            // The submission is stored: a failure or a kill from here on leaves the indexes written
            // down, and whoever opens the store next builds them.
            try FaultInjection.point("store.record.committedWithoutIndexes")
            let build = { try self.write { db in try DeferredIndexes.buildPending(in: db) } }
            // Its commit does not wait for the rows' copy into the store's file, still under way.
            if let checkpointer { try checkpointer.withoutWaiting(build) } else { try build() }
        }
        if let counted, !outcome.isDuplicate { streamedServices.keep(counted.services, for: counted.submission) }
        try FaultInjection.point("store.record.committed")
        return outcome
    }

    /// The submission row of a streamed `result` whose `records` are its representatives, its
    /// subject resolved with `override`, and the stored submission it repeats, if any: the same
    /// bytes, read with the same mapping to the same subject (``SubmissionRow/duplicate(of:in:)``).
    private static func submissionRow(
        of result: ImportResult, override: SubmissionSubject, receivedAt: Date, storedAt: Date, importedBy: String?, in db: Database
    ) throws -> (row: SubmissionRow, resolved: SubmissionSubject, key: SupersedeKey?, existing: SubmissionRow?) {
        let resolved = try SubjectResolution(db: db).resolve(result, override: override)
        let key = SupersedeKey.of(result: result, subject: resolved)
        let row = SubmissionRow(
            result: result, subject: resolved, key: key, receivedAt: receivedAt, storedAt: storedAt, importedBy: importedBy)
        return (row, resolved, key, try SubmissionRow.duplicate(of: row, in: db))
    }

    /// The submission the store already holds of the file `reading` reads, found without storing
    /// a row: `nil` when there is none, or when it cannot be told without storing the rows.
    ///
    /// A large file stored again (sent twice, or left in the inbox by a run killed after its
    /// commit) was streamed into the store in full before ``recordStreaming(subject:receivedAt:importedBy:reading:)``
    /// found it a duplicate at the end and rolled it back: a 250 MB sheet took 39 s and 152 MiB,
    /// its rows going in beside as many stored ones with the indexes kept up. Here a stored
    /// submission of the same size and mapping is looked for first (one query); only then is the
    /// file's checksum taken (`checksum`), and only if a submission has it too is the file read
    /// through the same steps as a streamed one, its records gathered as they would be stored but
    /// not stored, and the submission row it would make compared with the stored ones. A store
    /// that translates Comune codes of other periods (IST001-IST003) reads the stored rows to do
    /// so: there this says `nil`, and the file is streamed as before.
    ///
    /// ```swift
    /// if let existing = try store.storedCopy(byteCount: size, mapping: "dichiarazioni-regione",
    ///                                        checksum: { try Checksum.sha256(fileAt: file) }, subject: nil, reading: read) {
    ///     // .duplicate(existing: existing), nothing written
    /// }
    /// ```
    public func storedCopy(
        byteCount: Int, mapping: String, checksum: () throws -> String, subject: SubmissionSubject?,
        reading: (any SubmissionSink) throws -> ImportResult
    ) throws -> Submission? {
        let sameSize = try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE byte_count = ? AND mapping = ?)", arguments: [byteCount, mapping])
        } ?? false
        guard sameSize else { return nil }
        let sha256 = try checksum()
        let storedAt = now()
        return try read { db -> Submission? in
            guard try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE sha256 = ? AND mapping = ?)", arguments: [sha256, mapping]) ?? false,
                try !ComuneCodeTranslation.hasHistory(in: db)
            else { return nil }
            // The steps of a streamed submission up to its duplicate check, with nothing inserted.
            let sink = try StreamingSink(db: db, submission: 0, year: subject?.year, faultInjection: nil)
            var result = try RowPipeline(prepare: sink.prepare, fixYear: sink.fixYear).run(reading: reading, write: { _ in }, reject: { _ in })
            // Changed since its checksum was taken: it is read again, and stored, as any other.
            guard result.sha256 == sha256 else { return nil }
            result.records = result.status == .accepted ? sink.representatives.records : []
            result.rejectedRows = []
            return try Self.submissionRow(
                of: result, override: subject ?? result.subject, receivedAt: storedAt, storedAt: storedAt, importedBy: nil, in: db
            ).existing?.submission
        }
    }

    /// Runs `body` with SQLite's foreign-key checks off on the store's connection, on again after
    /// it whatever happens: for a streamed submission's transaction, whose millions of rows each
    /// looked their submission up (a fifth of SQLite's insert time) although each row's submission
    /// is the one inserted first in the same transaction. Nothing in that transaction deletes a
    /// row another refers to (no reference data is saved there), so no cascade is skipped. Inside
    /// an open group's transaction SQLite ignores the switch and checks as before.
    private func withForeignKeysUnchecked<T>(_ body: () throws -> T) throws -> T {
        try setForeignKeys(on: false)
        let result = Result { try body() }
        try setForeignKeys(on: true)
        return try result.get()
    }

    private func setForeignKeys(on: Bool) throws {
        do {
            try dbQueue.writeWithoutTransaction { db in
                guard !db.isInsideTransaction else { return }
                try db.execute(sql: "PRAGMA foreign_keys = \(on ? "ON" : "OFF")")
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: true)
        }
    }

    /// The page cache of a streamed submission, in KiB (SQLite's default is 2,000). A sheet's
    /// index of records by kind, year and ente takes rows in an order other than the table's:
    /// with the default cache its pages went to the log and were read back over and over, which
    /// doubled the time of a 100 MB sheet's inserts. Once that index is dropped
    /// (``DeferredIndexes``) the rows go in in order and the default is enough again; it is also
    /// what the sort that builds the index again takes as its memory, which stays bounded so.
    static let streamingCacheKiB = 32 * 1024

    /// Sets the page cache of a streamed submission, or of a group (``streamingCacheKiB``).
    static func enlargeCache(in db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(streamingCacheKiB)")
    }

    /// Gives the page cache back to SQLite's default, freeing its pages.
    static func restoreCache(in db: Database) {
        // A failure leaves the larger cache, which only costs memory.
        try? db.execute(sql: "PRAGMA cache_size = -2000")
    }

    /// Thrown out of the transaction to roll back the rows of bytes already stored.
    private struct Duplicate: Error {
        let existing: Submission
    }

    /// The records the steps after the rows need: one of each kind, ente, year and Ambito of the
    /// plan kinds, which come by the million and are told apart by nothing else there, and every
    /// record of the other kinds (lists of Comuni, deliberations), which are few.
    static func representatives(of submission: Int64, in db: Database) throws -> [ImportedRecord] {
        try RecordQuery.imported(
            db,
            sql: """
                SELECT \(RecordQuery.columns) FROM records r JOIN submissions s ON s.id = r.submission_id
                WHERE r.id IN (
                    SELECT min(id) FROM records WHERE submission_id = ? AND kind IN (\(planKinds))
                    GROUP BY kind, ente, year, ambito)
                OR (r.submission_id = ? AND r.kind NOT IN (\(planKinds)))
                UNION ALL
                SELECT \(DeclarationRows.columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id
                WHERE d.submission_id = ? AND d.ordinal IN (
                    SELECT min(ordinal) FROM declarations WHERE submission_id = ? GROUP BY ente, year)
                UNION ALL
                SELECT \(CostShareRows.columns) FROM cost_shares c JOIN submissions s ON s.id = c.submission_id
                WHERE c.submission_id = ? AND c.ordinal IN (
                    SELECT min(ordinal) FROM cost_shares WHERE submission_id = ? GROUP BY ente, year)
                ORDER BY sid, ord
                """,
            arguments: [submission, submission, submission, submission, submission, submission])
    }

    private static let planKinds = "'declaration', 'service', 'cost_share'"
}

/// The sink of ``SQLiteStore/recordStreaming(subject:receivedAt:importedBy:reading:)``: each record
/// is inserted as it comes, never kept.
final class StreamingSink: SubmissionSink {
    let db: Database
    let submission: Int64
    let faultInjection: (@Sendable (Int) throws -> Void)?
    /// The rows of `records`, packed on the reading thread and inserted several to a statement.
    private var records: RowBatch<PackedRecord>
    /// Packs the rows of `records` on the reading thread (``prepare(_:)``).
    private var packer = RecordPacker()
    /// The declarations whole in columns, inserted several to a statement.
    private var declarations: DeclarationRows.Batch
    /// The cost shares whole in columns, the same way.
    private var costShares: CostShareRows.Batch
    /// The rejected rows, inserted several to a statement.
    private var rejected: RowBatch<RejectedRowRow.Encoded>
    private(set) var recordCount = 0
    private var rejectedCount = 0
    /// The indexes built again once the rows are in, when this submission outnumbers the store.
    private(set) var deferredIndexes: DeferredIndexes
    /// The services among the rows prepared so far (``StreamedServices``), with the year each goes in with.
    private(set) var services = StreamedServices()
    /// What ``SQLiteStore/representatives(of:in:)`` would read back of the rows appended so far.
    private(set) var representatives = RepresentativeRecords()
    /// The submission's year once known (the caller's, or the reading's: ``fixYear(_:)``): a row
    /// of `records` without a year of its own goes in with it. Used on the reading thread only.
    private var year: Int?
    /// Whether the caller stated the year, which then stands over the reading's (as in ``SubjectResolution``).
    private let yearStated: Bool
    /// The rows of `records` that went in without a year, before it was known: the submission's
    /// is given them by an update at the end.
    private(set) var rowsAwaitingYear = 0
    /// The file every row is stored as citing: the first row's (a workbook's sheet,
    /// `piano.xlsx[Riparto]`), kept once as the submission's `cited_file`. A later row citing
    /// another keeps its citation in its payload.
    private(set) var citedFile: String?

    init(db: Database, submission: Int64, year: Int? = nil, faultInjection: (@Sendable (Int) throws -> Void)?) throws {
        self.db = db
        self.submission = submission
        self.year = year
        yearStated = year != nil
        self.faultInjection = faultInjection
        records = try RowBatch(submission: submission, in: db)
        rejected = try RowBatch(submission: submission, in: db)
        declarations = try DeclarationRows.Batch(submission: submission, in: db)
        costShares = try CostShareRows.Batch(submission: submission, in: db)
        deferredIndexes = try DeferredIndexes(in: db)
    }

    /// Inserts the rows still waiting for a full statement (``RowBatch``): called once the file
    /// is read, before anything reads or deletes the records.
    func flushRows() throws {
        try records.flush(in: db)
        try declarations.flush(in: db)
        try costShares.flush(in: db)
        try rejected.flush(in: db)
    }

    /// Takes the year the reading fixed for the submission, unless the caller stated one: on the
    /// reading thread, before the records that follow are prepared (``prepare(_:)``).
    func fixYear(_ year: Int) {
        if !yearStated { self.year = year }
    }

    /// Builds again the indexes dropped while the rows went in, in this transaction: called inside
    /// an open group once the file is read, its rows flushed (``flushRows()``) and given their year.
    /// Outside a group they are built after the commit (``DeferredIndexes/buildPending(in:)``). The
    /// reads before it find the submission's rows by the index by submission, which is kept.
    func finishRows() throws {
        try flushRows()
        try deferredIndexes.rebuild(in: db)
    }

    /// A record made ready to insert, without the database: a declaration whole in its columns
    /// or a cost share, with its ente as its table keeps it, or a row of `records`.
    enum StoredRow {
        case declaration(DeclarationRows.Row)
        case costShare(CostShareRows.Row)
        /// A row of `records`, as bytes the store's thread binds without copying or freeing them.
        case record(PackedRecord)
    }

    /// Makes a record ready to insert and keeps it if it represents its group
    /// (``representatives``): all but the insert, so that it can run on the reading thread
    /// (``RowPipeline``) while ``write(_:)`` inserts the rows before it.
    func prepare(_ imported: ImportedRecord) throws -> StoredRow {
        let cited = citedFile ?? imported.provenance.file
        if citedFile == nil { citedFile = cited }
        if case .declaration(let declaration) = imported.record, imported.provenance.file == cited,
           DeclarationRows.holds(declaration, importedWith: imported.provenance) {
            let ente = StoredEnte(declaration.ente)
            representatives.declaration(imported, ente: ente, year: declaration.year)
            services.countDeclaration()
            return .declaration(DeclarationRows.Row(declaration, ente: ente, line: imported.provenance.line, xpath: imported.provenance.xpath))
        }
        // A plan table's services, whole in columns, packed from the service (``ServiceColumns``):
        // what ``EncodedRecord`` and the general steps below would store, without encoding them.
        if case .service(let service) = imported.record, imported.provenance.file == cited,
           ServiceColumns.holds(service, importedWith: imported.provenance) {
            representatives.service(imported)
            if year == nil { rowsAwaitingYear += 1 }
            services.count(kind: "service", year: year, statesPlan: service.plan?.trienniumStart != nil)
            return .record(packer.pack(ServiceColumns(service: service, year: year, provenance: imported.provenance)))
        }
        var row = try EncodedRecord(imported, source: Provenance(file: cited, sha256: imported.provenance.sha256))
        // A declaration whole in columns goes to its own table whatever its ente.
        if DeclarationRows.holds(row) {
            let declaration = DeclarationRows.Row(encoded: row)
            representatives.declaration(imported, ente: declaration.ente, year: declaration.year)
            services.countDeclaration()
            return .declaration(declaration)
        }
        representatives.row(imported, encoded: row)
        // A declaration (kept as JSON) keeps its own year, even a missing one.
        if row.year == nil, row.kind != "declaration" {
            if let year { row.year = year } else { rowsAwaitingYear += 1 }
        }
        services.count(kind: row.kind, year: row.year, statesPlan: row.columns.trienniumStart != nil || !row.payload.isEmpty)
        return CostShareRows.holds(row) ? .costShare(CostShareRows.Row(encoded: row)) : .record(packer.pack(row))
    }

    /// Inserts a row ``prepare(_:)`` made ready, with the year it was given there.
    func write(_ stored: consuming StoredRow) throws {
        switch consume stored {
        case .declaration(let row):
            try declarations.append(row, ordinal: recordCount, in: db)
        case .costShare(let row):
            try costShares.append(row, ordinal: recordCount, in: db)
        case .record(let row):
            try records.append(row, ordinal: recordCount, in: db)
        }
        recordCount += 1
        try deferredIndexes.rowsWritten(recordCount, in: db)
        try faultInjection?(recordCount)
    }

    /// Prepares and inserts a record on this thread.
    func append(_ imported: ImportedRecord) throws {
        try write(prepare(imported))
    }

    func reject(_ row: RejectedRow) throws {
        try rejected.append(RejectedRowRow.Encoded(row), ordinal: rejectedCount, in: db)
        rejectedCount += 1
    }
}

extension ComuneCodeTranslation {
    /// Reads the codes of a submission's stored rows as ``translate(_:subjectYear:)`` does, a
    /// thousand rows at a time: the diagnostics, and the sheet's ente when its rows' code changed;
    /// `nil` when nothing changes.
    func translateStored(
        submission: Int64, subjectEnte: EnteRef?, year subjectYear: Int?
    ) throws -> (diagnostics: [Diagnostic], subjectEnte: EnteRef?)? {
        guard try Self.hasHistory(in: db) else { return nil }
        var reader = self
        var diagnostics: [Diagnostic] = []
        // The ente of the first row about the sheet's ente, once read.
        var followed: EnteRef?
        /// Translates each row of `sql` (the columns of ``RecordQuery/columns`` and a key after
        /// them, rows after the key `?` in its order), writing back each record it changes.
        func translateRows(sql: String, update: (CanonicalRecord, Int64) throws -> Void) throws {
            var after: Int64 = -1
            while true {
                let rows = try Row.fetchAll(db, sql: sql + " LIMIT 1000", arguments: [submission, after])
                guard let last = rows.last else { break }
                after = last[RecordQuery.columnCount]
                for row in rows {
                    let stored = try RecordQuery.stored(row)
                    let provenance = Provenance(file: row[3], sha256: row[4], line: row[1], xpath: row[2])
                    let step = try reader.translate(ImportedRecord(record: stored, provenance: provenance), subjectYear: subjectYear)
                    if let record = step?.record { try update(record, row[RecordQuery.columnCount]) }
                    if let step { diagnostics.append(step.diagnostic) }
                    if followed == nil, let subjectEnte, subjectEnte.kind == .comune, Self.ente(of: stored) == subjectEnte {
                        followed = Self.ente(of: step?.record ?? stored)
                    }
                }
            }
        }
        let updateRecord = try db.cachedStatement(sql: "UPDATE records SET ente = ?, payload = ? WHERE id = ?")
        try translateRows(
            sql: """
                SELECT \(RecordQuery.columns), r.id FROM records r JOIN submissions s ON s.id = r.submission_id
                WHERE r.submission_id = ? AND r.kind IN ('declaration', 'cost_share') AND r.id > ?
                ORDER BY r.id
                """
        ) { record, id in
            try updateRecord.execute(arguments: [Self.ente(of: record)?.description, try EncodedRecord.payload(of: record), id])
        }
        // The narrow tables keep the ente alone in columns: only it changes.
        for (table, alias, columns) in [("declarations", "d", DeclarationRows.columns), ("cost_shares", "c", CostShareRows.columns)] {
            let update = try db.cachedStatement(sql: "UPDATE \(table) SET ente = ? WHERE submission_id = ? AND ordinal = ?")
            try translateRows(
                sql: """
                    SELECT \(columns), \(alias).ordinal FROM \(table) \(alias) JOIN submissions s ON s.id = \(alias).submission_id
                    WHERE \(alias).submission_id = ? AND \(alias).ordinal > ?
                    ORDER BY \(alias).ordinal
                    """
            ) { record, ordinal in
                try update.execute(arguments: [StoredEnte.value(text: Self.ente(of: record)?.description), submission, ordinal])
            }
        }
        return diagnostics.isEmpty ? nil : (diagnostics, followed)
    }
}
