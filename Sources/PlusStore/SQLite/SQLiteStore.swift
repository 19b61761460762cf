import Foundation
import GRDB
import Synchronization
import PlusModel

/// The embedded plan store: one SQLite file, `plus.sqlite` in the working folder by default.
///
/// Opening a store written by an older release migrates it; one written by a newer release is
/// refused with ``StoreError/newerSchema(found:supported:)``. Each submission is written in
/// one transaction, so a crash or a kill mid-import leaves the store as it was.
///
/// ```swift
/// let store = try SQLiteStore()                         // ./plus.sqlite
/// let outcome = try store.record(result)
/// if outcome.isDuplicate { print("già importato") }
/// ```
public final class SQLiteStore: PlanStore {
    /// The file name used when no `--store PATH` is given.
    public static let defaultFileName = "plus.sqlite"

    /// The file, or `nil` for an in-memory store.
    public let path: String?
    let dbQueue: DatabaseQueue
    /// Whether a group of submissions is open (``beginGroup()``): each write is then a savepoint of its transaction.
    let group = Mutex(false)
    /// ``ambitoYearRowLimit``.
    private let rowLimit = Mutex(AmbitoYearAssembly.defaultRowLimit)
    /// Called with the number of records written so far, inside the submission's transaction:
    /// tests throw from it to prove that a failed import leaves nothing behind.
    let faultInjection: (@Sendable (Int) throws -> Void)?
    /// The time written as `stored_at` and `changed_at`; tests set it to keep dates apart.
    let now: @Sendable () -> Date
    /// The year's deliberation, read once for all the Ambiti of a region.
    let deliberations = DeliberationCache()
    /// The services of the submissions this process streamed, counted as they went in.
    let streamedServices = StreamedServices.Known()
    /// Rows per insert of a submission recorded whole (``RowBatch``); tests set 1, row by row,
    /// to compare against.
    let rowsPerInsert: Int
    /// Read-only connections for reads that may go side by side (``readingSideBySide(_:)``);
    /// `nil` for a store in memory, which has only its one connection.
    let readers: ReaderPool?
    /// Runs the log's checkpoints off the committing thread (``Checkpointer``: the durability
    /// policy); `nil` for a store in memory, which has no log.
    let checkpointer: Checkpointer?

    /// Opens (creating it if needed) and migrates the store at `path`.
    public convenience init(path: String = SQLiteStore.defaultFileName) throws {
        try self.init(path: path, faultInjection: nil, now: Date.init)
    }

    /// An empty store that lives in memory only: for tests and dry runs.
    public static func inMemory() throws -> SQLiteStore {
        try inMemory(now: Date.init)
    }

    static func inMemory(
        now: @escaping @Sendable () -> Date, rowsPerInsert: Int = RowBatch<EncodedRecord>.rowsPerInsert
    ) throws -> SQLiteStore {
        try SQLiteStore(
            dbQueue: DatabaseQueue(configuration: configuration), path: nil, faultInjection: nil, now: now,
            rowsPerInsert: rowsPerInsert)
    }

    convenience init(
        path: String, faultInjection: (@Sendable (Int) throws -> Void)?, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        // Several processes may open a store that does not exist yet (cron and an officer at
        // once): one creates and migrates it while the others may catch it half-made. What a
        // creation in progress looks like (busy, a header not yet written, a migration someone
        // else is applying) is waited out; anything still wrong after that is reported.
        var attempt = 0
        while true {
            do {
                let dbQueue = try DatabaseQueue(path: path, configuration: Self.configuration)
                try self.init(dbQueue: dbQueue, path: path, faultInjection: faultInjection, now: now)
                return
            } catch let error as DatabaseError where attempt < Self.openAttempts && Self.isCreationInProgress(error, path: path) {
                attempt += 1
                usleep(UInt32(20_000 * min(attempt, 10)))
            } catch is MigratedMeanwhile where attempt < Self.openAttempts {
                attempt += 1
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                throw StoreError.notAStore(path: path)
            } catch let error as DatabaseError {
                throw Self.storeError(error, path: path, writing: false)
            }
        }
    }

    /// About five seconds of waiting in all.
    private static let openAttempts = 30

    /// Whether an error on opening is what another process creating the store causes.
    private static func isCreationInProgress(_ error: DatabaseError, path: String) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return true
        case .SQLITE_NOTADB:
            // A header still being written; a file of any other program stays refused.
            guard let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            return head.isEmpty || head == Data("SQLite format 3\0".utf8)
        default:
            return false
        }
    }

    /// Another process applied a migration while this one was applying it too.
    private struct MigratedMeanwhile: Error {}

    init(
        dbQueue: DatabaseQueue, path: String?, faultInjection: (@Sendable (Int) throws -> Void)?,
        now: @escaping @Sendable () -> Date, rowsPerInsert: Int = RowBatch<EncodedRecord>.rowsPerInsert
    ) throws {
        self.dbQueue = dbQueue
        self.now = now
        self.rowsPerInsert = rowsPerInsert
        self.path = path
        readers = path.map(ReaderPool.init(path:))
        checkpointer = path.map { Checkpointer(path: $0) }
        self.faultInjection = faultInjection
        // Two processes creating one store both apply its first migration, and the second finds
        // the tables made, or reads the schema while it changes. If the schema changed meanwhile,
        // someone else was migrating: open again.
        let schemaVersion = { try dbQueue.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0 } }
        let before = try schemaVersion()
        do {
            try Self.checkCompatible(dbQueue, path: path ?? ":memory:")
            try Schema.migrator.migrate(dbQueue)
            // A run killed after a large submission's commit, before its indexes were built again.
            if try dbQueue.read(DeferredIndexes.anyPending) {
                try dbQueue.write { db in try DeferredIndexes.buildPending(in: db) }
            }
        } catch let error as DatabaseError {
            if let after = try? schemaVersion(), after != before { throw MigratedMeanwhile() }
            throw error
        }
        if let checkpointer { dbQueue.inDatabase { db in checkpointer.install(on: db) } }
    }

    deinit {
        // The checkpointer's connection closes first, so that the store's own, closing last,
        // copies what is left of the log and removes it (``Checkpointer``).
        guard let checkpointer else { return }
        checkpointer.close()
        dbQueue.inDatabase { db in checkpointer.uninstall(from: db) }
    }

    /// What a refusal of SQLite means for the user, with the store's path.
    static func storeError(_ error: DatabaseError, path: String, writing: Bool) -> StoreError {
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path: path, details: [error.message ?? "\(error.resultCode)"])
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .inaccessible(path: path, cause: OpenFailure.cause(path: path, sqliteMessage: error.message))
        default:
            return writing
                ? .writeFailed(reason: "\(path): \(error.message ?? "\(error.resultCode)")")
                : .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        // The CLI and the nightly job may open the same file: wait for the other's write.
        configuration.busyMode = .timeout(10)
        // A group of submissions (``beginGroup()``) keeps its transaction open between the
        // store's calls, each a savepoint within it; the group's owner commits or rolls it back.
        configuration.allowsUnsafeTransactions = true
        // Write-ahead log: a commit appends to the log without flushing the disk, readers never
        // wait for the writer, and a crash or a kill still loses no committed submission. What a
        // power cut could lose is made durable by `synchronize()`, which a job calls before it
        // files the imported files away. The whole policy, checkpoints included: ``Checkpointer``.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Every schema version a store of this release passes through, oldest first (`v1` … the newest).
    public static var schemaVersions: [String] { Schema.versions }

    /// The schema versions opening the store at `path` would apply, oldest first: for the caller
    /// to say so before a migration that may take minutes on a large store (v12 moves every cost
    /// share). None for a file that does not exist, a store that is current or being created, or
    /// one that cannot be read, whose opening then tells why. Reads without writing anything.
    ///
    /// ```swift
    /// let pending = SQLiteStore.pendingSchemaVersions(at: "plus.sqlite")   // ["v13", "v14", "v15"] for a v12 store
    /// ```
    public static func pendingSchemaVersions(at path: String) -> [String] {
        namesReadWithoutWriting(at: path) { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            let applied = try Schema.migrator.appliedIdentifiers(db)
            guard !applied.isEmpty else { return [] }
            return Schema.versions.filter { !applied.contains($0) }
        }
    }

    /// The indexes a large submission's commit left for the store to build again, by name
    /// (``DeferredIndexes``): a run killed between the two. Opening the store builds them first,
    /// which on a large store takes a while; none for a store without them, one not yet at schema
    /// v14, or one that cannot be read. Reads without writing anything.
    ///
    /// ```swift
    /// SQLiteStore.pendingIndexes(at: "plus.sqlite")   // ["declarations_by_ente_year", "records_by_kind_year_ente"]
    /// ```
    public static func pendingIndexes(at path: String) -> [String] {
        namesReadWithoutWriting(at: path) { db in
            guard try db.tableExists("deferred_indexes") else { return [] }
            return try String.fetchAll(db, sql: "SELECT name FROM deferred_indexes ORDER BY name")
        }
    }

    /// What `read` finds in the store at `path`, opened read-only for a moment; none for a file
    /// that does not exist or cannot be read, whose opening then tells why.
    private static func namesReadWithoutWriting(at path: String, _ read: (Database) throws -> [String]) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read(read)
        } catch {
            return []
        }
    }

    /// Refuses a database written by a newer release, or by another program.
    ///
    /// The migrations' own table is the first thing a new store gets, so a database with tables
    /// but without it is another program's; one with it but no migration applied yet is a store
    /// another process is creating right now.
    private static func checkCompatible(_ dbQueue: DatabaseQueue, path: String) throws {
        try dbQueue.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let unknown = applied.subtracting(Schema.versions)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(found: unknown.sorted(), supported: Schema.versions.last ?? "")
            }
            if applied.isEmpty, try !db.tableExists("grdb_migrations") {
                let tables = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0
                if tables > 0 { throw StoreError.foreignDatabase(path: path) }
            }
        }
    }

    // MARK: - Integrity

    /// SQLite's quick check (every page and record well formed, no index compared with its
    /// table): run before a job writes, so that a damaged store is never written to.
    /// Throws ``StoreError/damaged(path:details:)``.
    public func quickCheck() throws {
        try check("PRAGMA quick_check")
    }

    /// SQLite's full integrity check, indexes included (`plus status --check`).
    /// Throws ``StoreError/damaged(path:details:)``.
    public func integrityCheck() throws {
        try check("PRAGMA integrity_check")
    }

    private func check(_ pragma: String) throws {
        let findings = try read { db in try String.fetchAll(db, sql: pragma + "(20)") }
        if findings != ["ok"] {
            throw StoreError.damaged(path: path ?? ":memory:", details: findings)
        }
    }

    // MARK: - Submissions

    public func record(
        _ result: ImportResult, subject: SubmissionSubject, receivedAt: Date, importedBy: String?
    ) throws -> SubmissionOutcome {
        try record(try prepare(result), subject: subject, receivedAt: receivedAt, importedBy: importedBy)
    }

    /// The records and diagnostics in their row form (payload JSON and columns), which takes no store.
    public func prepare(_ result: ImportResult) throws -> PreparedImport {
        let source = Provenance(file: result.citedFile, sha256: result.sha256)
        var records: [CanonicalRecord] = []
        records.reserveCapacity(result.records.count)
        for imported in result.records { records.append(imported.record) }
        // The year the store gives the submission when the caller's subject is the file's, as `plus run`'s is.
        let year = SubjectResolution.year(of: records, subject: result.subject, override: result.subject)
        var contents = ContentRows(year: year, diagnostics: result.diagnostics)
        // Indicators and listed plans have tables of their own (``IndicatorRows``, ``PlanListRows``).
        for imported in result.records where !imported.record.hasTableOfItsOwn {
            try contents.append(imported, source: source)
        }
        return PreparedImport(result: result, contents: contents, records: records)
    }

    public func record(
        _ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?
    ) throws -> SubmissionOutcome {
        try record(prepared, subject: subject, receivedAt: receivedAt, importedBy: importedBy, reference: nil)
    }

    public func record(
        _ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?,
        updatingReference: ([Ambito]) -> [Ambito]
    ) throws -> SubmissionOutcome {
        try withoutActuallyEscaping(updatingReference) { update in
            try record(prepared, subject: subject, receivedAt: receivedAt, importedBy: importedBy, reference: update)
        }
    }

    private func record(
        _ prepared: PreparedImport, subject: SubmissionSubject, receivedAt: Date, importedBy: String?,
        reference: (([Ambito]) -> [Ambito])?
    ) throws -> SubmissionOutcome {
        let prepared = try prepared.contents == nil || prepared.records == nil ? prepare(prepared.result) : prepared
        let storedAt = now()
        let outcome: SubmissionOutcome = try write { db in
            // Codes of another period become the Comune's code today, saying so (IST001-IST003).
            let translated = try ComuneCodeTranslation(db: db).translate(prepared.result, year: subject.year ?? prepared.result.subject.year)
            let result = translated ?? prepared.result
            let ready = try translated.map(prepare) ?? prepared
            let (contents, records) = (ready.contents!, ready.records!)
            // The caller's subject is the file's, told before the codes were read: it follows them.
            var override = subject
            if let translated, override.ente == prepared.result.subject.ente { override.ente = translated.subject.ente }
            let resolution = SubjectResolution(db: db)
            let resolved = try resolution.resolve(result, override: override, records: records)
            let key = SupersedeKey.of(result: result, subject: resolved)
            var row = SubmissionRow(
                result: result, subject: resolved, key: key, receivedAt: receivedAt, storedAt: storedAt,
                importedBy: importedBy)
            if let existing = try SubmissionRow.duplicate(of: row, in: db) {
                return .duplicate(existing: existing.submission)
            }
            row.citedFile = result.citedFile == result.file ? nil : result.citedFile
            try row.insertRow(db)
            let id = row.id!
            try insertContents(contents.dated(resolved.year), rejectedRows: result.rejectedRows, submission: id, in: db)
            try IndicatorRows.insert(result.records, submission: id, ambito: resolved.ambito, in: db)
            return try settle(
                submission: id, accepted: result.status == .accepted, records: records, subject: resolved, key: key,
                storedAt: storedAt, reference: reference, inserted: row, in: db)
        }
        try FaultInjection.point("store.record.committed")
        return outcome
    }

    /// What follows the rows of a submission in its transaction: the older versions it supersedes,
    /// the Ambito-years it touches, the Comuni's codes and the reference Ambiti it tells.
    /// `records` are the submission's, or for a streamed one a record of each kind, ente, year
    /// and Ambito (all that these steps read) with every record of the other kinds.
    func settle(
        submission id: Int64, accepted: Bool, records: [CanonicalRecord], subject resolved: SubmissionSubject,
        key: SupersedeKey?, storedAt: Date, reference: (([Ambito]) -> [Ambito])?, inserted: SubmissionRow? = nil,
        in db: Database
    ) throws -> SubmissionOutcome {
        // The caller sees the submission as stored, its dates to the millisecond. The row just
        // inserted gives it without a query (`SubmissionRow/asStored`): read back, it cost the
        // store's thread a statement and a row's decoding for each of an Italy-year's 10,311 files.
        // A streamed submission, whose row changed after its insert, is read back.
        func stored() throws -> Submission {
            if let inserted, inserted.id == id { return inserted.asStored.submission }
            return try SubmissionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM submissions WHERE id = ?"), arguments: [id])!.submission
        }
        guard accepted else {
            return .stored(try stored(), superseded: [], touched: [])
        }
        let resolution = SubjectResolution(db: db)
        var touched = try resolution.touched(by: records, subject: resolved)
        var superseded: [Submission.ID] = []
        if let key {
            for var older in try SubmissionRow.replaceable(by: key, excluding: id, in: db) {
                older.status = SubmissionStatus.superseded.rawValue
                older.supersededBy = id
                try older.update(db)
                superseded.append(older.id!)
                touched.formUnion(try Self.scopes(of: older.id!, in: db))
            }
        }
        let scope = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO submission_scopes (submission_id, ambito, year) VALUES (?, ?, ?)")
        for ref in touched {
            try scope.execute(arguments: [id, ref.ambito, ref.year])
        }
        try ComuneReference.save(records, at: storedAt, in: db)
        try PlanListRows.save(records, at: storedAt, in: db)
        if let reference {
            let stored = try ReferenceRows.all(in: db)
            try ReferenceRows.save(reference(stored), replacing: stored, at: storedAt, in: db)
        }
        try FaultInjection.point("store.record.beforeCommit")
        return .stored(try stored(), superseded: superseded, touched: touched.sorted())
    }

    /// One transaction, or inside an open group (``beginGroup()``) one savepoint of the group's
    /// transaction; SQLite's refusals (disk full, read-only file, busy) become a
    /// ``StoreError/writeFailed(reason:)`` the user can read, after the rollback.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            guard group.withLock({ $0 }) else { return try dbQueue.write(updates) }
            return try dbQueue.writeWithoutTransaction { db in
                var result: T?
                try db.inSavepoint {
                    result = try updates(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: true)
        }
    }

    /// A read, in a transaction of its own (or the open group's); SQLite's refusals (a corrupt page,
    /// an unreadable file) become a ``StoreError``.
    ///
    /// Not `dbQueue.read`: it turns `PRAGMA query_only` on and off around the read, and a flag
    /// pragma expires every prepared statement of the connection, so after each read every cached
    /// statement of the next submission was compiled again (a fifth of a region-year's store time).
    ///
    /// While reads may go side by side (``readingSideBySide(_:)``) and no group is open, a read
    /// runs on a read-only connection of its own (``ReaderPool``): it sees the same committed
    /// submissions, without waiting for another thread's read.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        if let readers, readers.isInUse, !group.withLock({ $0 }) { return try readAside(on: readers, value) }
        do {
            return try dbQueue.inDatabase { db in
                if db.isInsideTransaction { return try value(db) }
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try value(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: false)
        }
    }

    private func readAside<T>(on readers: ReaderPool, _ value: (Database) throws -> T) throws -> T {
        do {
            return try readers.read(value)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: false)
        }
    }

    /// Inserts a submission's rows, prepared on the thread that read it (``ContentRows``), many to
    /// a statement (``RowBatch``), as a streamed one does; then its diagnostics and its rejected
    /// rows, the same way.
    func insertContents(_ contents: ContentRows, rejectedRows: [RejectedRow], submission id: Int64, in db: Database) throws {
        var records = try RowBatch<PackedRecord>(submission: id, rowsPerInsert: rowsPerInsert, in: db)
        try records.insert(contents.records, in: db)
        var declarations = try DeclarationRows.Batch(submission: id, rowsPerInsert: rowsPerInsert, in: db)
        try declarations.insert(contents.declarations, in: db)
        var costShares = try CostShareRows.Batch(submission: id, rowsPerInsert: rowsPerInsert, in: db)
        try costShares.insert(contents.costShares, in: db)
        if let faultInjection {
            for written in 0..<contents.count { try faultInjection(written + 1) }
        }
        var diagnostics = try RowBatch<DiagnosticRow>(submission: id, rowsPerInsert: rowsPerInsert, in: db)
        try diagnostics.insert(contents.diagnostics, in: db)
        var rejected = try RowBatch<RejectedRowRow.Encoded>(submission: id, rowsPerInsert: rowsPerInsert, in: db)
        try rejected.insert(rejectedRows.enumerated().map { (try RejectedRowRow.Encoded($0.element), $0.offset) }, in: db)
    }

    private static func scopes(of submission: Int64, in db: Database) throws -> [AmbitoYearRef] {
        try Row.fetchAll(
            db, sql: "SELECT ambito, year FROM submission_scopes WHERE submission_id = ?", arguments: [submission]
        ).map { AmbitoYearRef(ambito: $0["ambito"], year: $0["year"]) }
    }

    public func submission(id: Submission.ID) throws -> Submission? {
        try read { db in try SubmissionRow.fetchOne(db, key: id)?.submission }
    }

    public func submissions(ambito: String?, year: Int?, includeHistory: Bool) throws -> [Submission] {
        try read { db in
            // Asked for every Ambito-year a run consolidates: one of eight statements, each compiled once.
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let ambito { conditions.append("ambito = ?"); arguments += [ambito] }
            if let year { conditions.append("year = ?"); arguments += [year] }
            if !includeHistory { conditions.append("status != ?"); arguments += [SubmissionStatus.superseded.rawValue] }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try SubmissionRow.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM submissions" + filter + " ORDER BY id DESC"), arguments: arguments
            ).map(\.submission)
        }
    }

    public func history(ente: EnteRef, year: Int) throws -> [Submission] {
        try read { db in
            try SubmissionRow
                .filter(SubmissionRow.Columns.ente == ente.description && SubmissionRow.Columns.year == year)
                .order(SubmissionRow.Columns.id.desc)
                .fetchAll(db).map(\.submission)
        }
    }

    public func records(submission: Submission.ID) throws -> [ImportedRecord] {
        try read { db in
            try RecordQuery.imported(
                db,
                sql: """
                    SELECT \(RecordQuery.columns) FROM records r JOIN submissions s ON s.id = r.submission_id
                    WHERE r.submission_id = ?
                    UNION ALL \(DeclarationRows.ofSubmission)
                    UNION ALL \(CostShareRows.ofSubmission)
                    ORDER BY sid, ord
                    """,
                arguments: [submission, submission, submission])
        }
    }

    public func diagnostics(submission: Submission.ID) throws -> [Diagnostic] {
        try read { db in
            // Asked after every stored file (`plus run`'s IST notices): one statement, compiled once.
            try DiagnosticRow.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM diagnostics WHERE submission_id = ? ORDER BY ordinal"), arguments: [submission]
            ).map(\.diagnostic)
        }
    }

    public func diagnostics(submission: Submission.ID, codesStartingWith prefix: String) throws -> [Diagnostic] {
        try read { db in
            // Asked after every stored file for its IST notices, which few have: every file has two
            // diagnostics (encoding, delimiter), and decoding them cost more than the query. The
            // comparison is by bytes, as `hasPrefix` compares an ASCII prefix (LIKE ignores case).
            try DiagnosticRow.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM diagnostics WHERE submission_id = ? AND substr(code, 1, length(?)) = ? ORDER BY ordinal
                    """),
                arguments: [submission, prefix, prefix]
            ).map(\.diagnostic).filter { $0.code.hasPrefix(prefix) }
        }
    }

    public func warningCodes(submission: Submission.ID) throws -> [String] {
        try read { db in
            // The codes alone: the report asks for every current sheet of every Ambito-year it shows.
            try String.fetchAll(db.cachedStatement(sql: """
                SELECT code FROM diagnostics WHERE submission_id = ? AND severity = ? GROUP BY code ORDER BY MIN(ordinal)
                """), arguments: [submission, Severity.warning.rawValue])
        }
    }

    public func rejectedRows(submission: Submission.ID) throws -> [RejectedRow] {
        try read { db in
            try RejectedRowRow.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM rejected_rows WHERE submission_id = ? ORDER BY ordinal"), arguments: [submission]
            ).map(\.rejectedRow)
        }
    }

    /// Opens a group: one transaction for many small files, each file a savepoint within it.
    ///
    /// A group works in more memory than SQLite's defaults, within fixed bounds:
    /// - Within a savepoint SQLite keeps the first version of every page the file changes, so that
    ///   the file alone can be undone: its sub-journal. With the default temporary storage that
    ///   journal spills to a new file in the temporary folder past 64 KiB: a region-year's 478 files
    ///   wrote 69 MB of it in 31,760 small writes, read back only when a file fails. In a
    ///   group the temporary storage is in memory, and the journal holds one small file's pages at
    ///   a time (a group takes only files read whole, within ``CommitGroup``'s bounds).
    /// - Small files from many Entes land all over the indexes by ente: the page cache of a
    ///   streamed submission (``streamingCacheKiB``) keeps their pages instead of reading them back.
    ///
    /// Outside groups both return to the defaults, so that the sort that builds a large sheet's
    /// index stays on disk and in bounded memory. `PLUS_GROUP_MEMORY=off` in the environment keeps
    /// groups on the defaults as well (read once).
    public func beginGroup() throws {
        guard !group.withLock({ $0 }) else { return }
        do {
            try dbQueue.writeWithoutTransaction { db in
                if Self.groupUsesMoreMemory {
                    try db.execute(sql: "PRAGMA temp_store = MEMORY")
                    try Self.enlargeCache(in: db)
                }
                do {
                    try db.execute(sql: "BEGIN IMMEDIATE")
                } catch {
                    Self.restoreGroupMemory(in: db)
                    throw error
                }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: true)
        }
        group.withLock { $0 = true }
    }

    /// Whether a group works in more memory than SQLite's defaults (``beginGroup()``).
    static let groupUsesMoreMemory = ProcessInfo.processInfo.environment["PLUS_GROUP_MEMORY"]?.lowercased() != "off"

    /// SQLite's defaults again, once a group has ended: temporary storage on files and the default
    /// page cache. SQLite refuses the first inside a transaction, which a failed commit may leave
    /// open until its rollback.
    private static func restoreGroupMemory(in db: Database) {
        guard groupUsesMoreMemory, !db.isInsideTransaction else { return }
        try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
        restoreCache(in: db)
    }

    public func commitGroup() throws {
        guard group.withLock({ $0 }) else { return }
        // A kill here leaves the group's files unstored, every one of them still in the inbox.
        try FaultInjection.point("store.group.beforeCommit")
        do {
            try dbQueue.writeWithoutTransaction { db in
                try db.execute(sql: "COMMIT")
                Self.restoreGroupMemory(in: db)
            }
        } catch let error as DatabaseError {
            rollbackGroup()
            throw Self.storeError(error, path: path ?? ":memory:", writing: true)
        }
        group.withLock { $0 = false }
        try FaultInjection.point("store.group.committed")
    }

    /// Lets the reads of `body`, and of any other thread meanwhile, each run on a read-only
    /// connection of its own (see ``read(_:)``).
    public func readingSideBySide<T>(_ body: () throws -> T) throws -> T {
        guard let readers else { return try body() }
        return try readers.inUse(body)
    }

    public func rollbackGroup() {
        guard group.withLock({ $0 }) else { return }
        // SQLite may have rolled the transaction back itself (a full disk): nothing left to undo then.
        try? dbQueue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
            Self.restoreGroupMemory(in: db)
        }
        group.withLock { $0 = false }
    }

    /// Checkpoints the write-ahead log, which flushes it to disk first: every submission recorded
    /// so far survives a power cut.
    public func synchronize() throws {
        do {
            if let checkpointer {
                try checkpointer.checkpoint()
            } else {
                try dbQueue.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path ?? ":memory:", writing: true)
        }
        try FaultInjection.point("store.synchronized")
    }

    // MARK: - Reference data

    public func saveReference(_ ambiti: [Ambito]) throws {
        try write { db in
            let date = now()
            try ReferenceRows.save(ambiti, replacing: try ReferenceRows.all(in: db), at: date, in: db)
        }
    }

    public func ambiti() throws -> [Ambito] {
        try read { db in try ReferenceRows.all(in: db) }
    }

    /// Every Comune that ever had `code`, with the years it had it (ISTAT's lists of Comuni and
    /// of changes, as loaded).
    public func comuneCodeHistory(_ code: String) throws -> [ComuneCodeHistory] {
        try read { db in try ComuneReference.history(of: code, in: db) }
    }

    /// The populations of one vintage (`censimento-2011`), by the Comune's code today.
    public func populations(vintage: String) throws -> [String: VintagePopulation] {
        try read { db in try ComuneReference.populations(vintage: vintage, in: db) }
    }

    /// The vintages of population loaded, by name.
    public func populationVintages() throws -> [String] {
        try read { db in try ComuneReference.vintages(in: db) }
    }

    /// The current submissions that `result` would replace if it were stored now: what a
    /// newer list of Comuni is compared with before it is applied.
    public func replaceableSubmissions(by result: ImportResult) throws -> [Submission] {
        try read { db in
            let subject = try SubjectResolution(db: db).resolve(result, override: result.subject)
            guard let key = SupersedeKey.of(result: result, subject: subject) else { return [] }
            return try SubmissionRow.replaceable(by: key, excluding: -1, in: db).map(\.submission)
        }
    }

    public func setClosed(ambito: String, year: Int, closed: Bool) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO plan_closures (ambito, year, closed, changed_at) VALUES (?, ?, ?, ?)",
                arguments: [ambito, year, closed, now()])
        }
    }

    // MARK: - The plan

    public func ambitoYear(ambito: String, year: Int) throws -> AmbitoYear? {
        try read { db in
            guard let (assembled, services) = try assembly(in: db).assemble(ambito: ambito, year: year) else { return nil }
            var whole = assembled
            whole.services = try services.allServices(in: db)
            return whole
        }
    }

    public func ambitoYearInBatches(ambito: String, year: Int) throws -> (year: AmbitoYear, services: StoredServices)? {
        try read { db in
            try assembly(in: db).assemble(ambito: ambito, year: year)
        }.map { ($0.year, StoredServices(store: self, location: $0.services)) }
    }

    /// The most cost shares, declarations, fund statements and indicators an Ambito-year may hold
    /// in memory; past it the year is assembled without them and says so (``RowLimitExceeded``).
    /// `PLUS_AMBITO_YEAR_ROWS`, else 50,000.
    public var ambitoYearRowLimit: Int {
        get { rowLimit.withLock { $0 } }
        set { rowLimit.withLock { $0 = max(newValue, 1) } }
    }

    private func assembly(in db: Database) -> AmbitoYearAssembly {
        var assembly = AmbitoYearAssembly(db: db, deliberations: deliberations, streamed: streamedServices.all)
        assembly.rowLimit = ambitoYearRowLimit
        return assembly
    }

    /// Changes stored at or after `date`: re-validating an Ambito-year twice is harmless,
    /// missing one is not. A changed reference Ambito changes every year it has submissions for.
    /// A sheet refused whole changes no plan, but its year's page names it: that year is consolidated again.
    public func changedAmbitoYears(since date: Date) throws -> [AmbitoYearRef] {
        try ambitoYears(
            """
            SELECT sc.ambito, sc.year FROM submission_scopes sc JOIN submissions s ON s.id = sc.submission_id
            WHERE s.stored_at >= ?
            UNION SELECT s.ambito, s.year FROM submissions s WHERE s.stored_at >= ? AND s.status = 'rejected'
            AND EXISTS (SELECT 1 FROM submission_scopes sc WHERE sc.ambito = s.ambito AND sc.year = s.year)
            UNION SELECT ambito, year FROM plan_closures WHERE changed_at >= ?
            UNION \(Self.referenceChangedSQL)
            """,
            arguments: [date, date, date, date, date])
    }

    /// The Ambito-years whose reference data changed after `date`: their Ambito (members, capofila,
    /// signatories) or the population of a member Comune in any vintage.
    public func referenceChangedAmbitoYears(since date: Date) throws -> [AmbitoYearRef] {
        try ambitoYears(Self.referenceChangedSQL, arguments: [date, date])
    }

    /// The Ambito-years with submissions whose reference Ambito, or a member Comune's population of
    /// some vintage, changed at or after the two `?`.
    private static let referenceChangedSQL = """
        SELECT sc.ambito, sc.year FROM submission_scopes sc JOIN ambiti a ON a.code = sc.ambito
        WHERE a.changed_at >= ?
        UNION SELECT sc.ambito, sc.year FROM submission_scopes sc JOIN ambito_members m ON m.ambito = sc.ambito
        JOIN comune_populations p ON p.istat_code = m.istat_code WHERE p.changed_at >= ?
        """

    /// When the reference data of `ambito` last changed: the Ambito itself or a member Comune's population.
    public func referenceChangedAt(ambito: String) throws -> Date? {
        try read { db in
            try Date.fetchOne(
                db,
                sql: """
                    SELECT MAX(changed) FROM (
                        SELECT changed_at AS changed FROM ambiti WHERE code = ?
                        UNION ALL SELECT p.changed_at FROM ambito_members m JOIN comune_populations p ON p.istat_code = m.istat_code
                        WHERE m.ambito = ?)
                    """,
                arguments: [ambito, ambito])
        }
    }

    /// The Ambito-years a query selects (ambito, year), in order.
    private func ambitoYears(_ sql: String, arguments: StatementArguments) throws -> [AmbitoYearRef] {
        try read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY 1, 2", arguments: arguments).map { AmbitoYearRef(ambito: $0[0], year: $0[1]) }
        }
    }

    public func ambitoYears() throws -> [AmbitoYearRef] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT ambito, year FROM submission_scopes ORDER BY 1, 2")
                .map { AmbitoYearRef(ambito: $0[0], year: $0[1]) }
        }
    }
}
