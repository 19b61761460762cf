import Foundation
import GRDB
import PlusModel
import PlusTestSupport
import Synchronization
import Testing
@testable import PlusStore

/// `recordStreaming` against `record`: the same submission, rows and plan, one record held at a time.
@Suite("Streaming a submission into the store")
struct StreamingTests {
    /// Streams `result` as `CSVImporter`'s streaming import hands it over: records citing the
    /// file and line but no checksum yet, the result without records or rejected rows.
    /// `result` stored in one store whole and in another streamed, both with the same reference data.
    static func storedBothWays(
        _ result: ImportResult
    ) throws -> (whole: SQLiteStore, kept: SubmissionOutcome, streamed: SQLiteStore, outcome: SubmissionOutcome) {
        let whole = try SQLiteStore.inMemory(now: Self.clock)
        let streamed = try SQLiteStore.inMemory(now: Self.clock)
        for store in [whole, streamed] { try store.saveReference([Fixtures.ambito]) }
        let kept = try whole.record(result, subject: result.subject, receivedAt: Self.received, importedBy: "plus run")
        return (whole, kept, streamed, try Self.stream(result, into: streamed))
    }

    /// `yearAfter` rows, the reading fixes the submission's year (as ``SubmissionSink/fixYear(_:)``).
    static func stream(
        _ result: ImportResult, into store: SQLiteStore, yearAfter: Int? = nil, afterEach: (Int) throws -> Void = { _ in }
    ) throws -> SubmissionOutcome {
        try store.recordStreaming(subject: nil, receivedAt: Self.received, importedBy: "plus run") { sink in
            for (index, imported) in result.records.enumerated() {
                if index == yearAfter, let year = result.subject.year { sink.fixYear(year) }
                var streamed = imported
                streamed.provenance.sha256 = ""
                try sink.append(streamed)
                try afterEach(index + 1)
            }
            for row in result.rejectedRows { try sink.reject(row) }
            var told = result
            told.records = []
            told.rejectedRows = []
            return told
        }
    }

    static let received = Date(timeIntervalSince1970: 1_735_689_600)
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_735_700_000) }

    /// A region-wide declaration sheet of 10,000 rows over three Comuni, some with a note.
    static func largeSheet(rows: Int = 10_000) -> ImportResult {
        let entes = [Fixtures.cabras, Fixtures.oristano, EnteRef(comune: "095019")]
        var result = Fixtures.sheet([], file: "dichiarazioni.csv")
        result.subject = SubmissionSubject(year: 2019)
        result.records = (0..<rows).map { index in
            var declaration = Declaration(
                ente: entes[index % 3], year: 2019, service: "S\(index)", amount: Money(cents: Int64(index) * 137))
            if index % 7 == 0 { declaration.note = "nota \(index)" }
            return ImportedRecord(record: .declaration(declaration), provenance: Provenance(file: result.file, sha256: result.sha256, line: index + 2))
        }
        result.rowsRead = rows + 3
        result.rowsAccepted = rows
        result.rowsRejected = 3
        result.rejectedRows = (0..<3).map { RejectedRow(line: 20_000 + $0, cells: ["x", "y"], reasons: [Fixtures.warning(file: result.file)]) }
        return result
    }

    @Test("a file larger than any batch is stored whole, with exact counts, as a whole import stores it")
    func streamedEqualsWhole() throws {
        for result in [Self.largeSheet(), Fixtures.services([("S1", 100), ("S2", 250)]),
                       Fixtures.split([("S1", Fixtures.cabras, 60), ("S1", Fixtures.oristano, 40)]), Fixtures.deliberation()] {
            let (whole, kept, streamed, outcome) = try Self.storedBothWays(result)

            #expect(outcome.submission == kept.submission)
            #expect(outcome.touched == kept.touched)
            #expect(outcome.submission.recordCount == result.records.count)
            #expect(outcome.submission.rowsRejected == result.rowsRejected)
            #expect(try streamed.records(submission: outcome.submission.id) == whole.records(submission: kept.submission.id))
            #expect(try streamed.diagnostics(submission: outcome.submission.id) == whole.diagnostics(submission: kept.submission.id))
            #expect(try streamed.rejectedRows(submission: outcome.submission.id) == whole.rejectedRows(submission: kept.submission.id))
            #expect(try streamed.tableCounts() == whole.tableCounts())
            #expect(try streamed.storedJSON() == whole.storedJSON())
            #expect(try streamed.indexDefinitions() == whole.indexDefinitions())
            for ref in kept.touched {
                #expect(try streamed.ambitoYear(ambito: ref.ambito, year: ref.year) == whole.ambitoYear(ambito: ref.ambito, year: ref.year))
            }
        }
    }

    /// Row counts about a statement of many rows (``RowBatch``): none, one, one short of a full
    /// statement, a full one, one over, and many statements with some left over.
    static let countsAboutABatch = [0, 1, DeclarationRows.Batch.rowsPerInsert - 1, DeclarationRows.Batch.rowsPerInsert,
                                    DeclarationRows.Batch.rowsPerInsert + 1, 100 * DeclarationRows.Batch.rowsPerInsert + 7]

    /// A plan table of `rows` services, codes repeated, every fifth with a place and a co-payment
    /// rule, every seventh citing another row (kept as JSON in `records`).
    static func largePlan(rows: Int) -> ImportResult {
        var result = Fixtures.services((0..<rows).map { ("S\($0 % 97)", Int64($0) * 131) })
        for index in result.records.indices {
            guard case .service(var service) = result.records[index].record else { continue }
            if index % 5 == 0 { (service.location, service.copaymentRule) = ("Oristano", "delibera \(index)") }
            if index % 7 == 0 { service.provenance = Provenance(file: "altro.csv", sha256: "", line: index) }
            result.records[index].record = .service(service)
        }
        return result
    }

    @Test("rows inserted many to a statement are stored as a whole import stores them, whatever is left over",
          arguments: countsAboutABatch, [false, true])
    func streamedEqualsWholeAboutABatch(rows: Int, services: Bool) throws {
        let result = services ? Self.largePlan(rows: rows) : Self.largeSheet(rows: rows)
        let (whole, kept, streamed, outcome) = try Self.storedBothWays(result)

        #expect(outcome.submission == kept.submission)
        #expect(outcome.submission.recordCount == rows)
        let records = try streamed.records(submission: outcome.submission.id)
        #expect(records.count == rows)
        #expect(records == (try whole.records(submission: kept.submission.id)))
        #expect(try streamed.tableCounts() == whole.tableCounts())
        #expect(try streamed.storedJSON() == whole.storedJSON())
        for ref in kept.touched {
            #expect(try streamed.ambitoYear(ambito: ref.ambito, year: ref.year) == whole.ambitoYear(ambito: ref.ambito, year: ref.year))
        }
    }

    @Test("a file recorded whole goes in many rows to a statement, stored as row by row, whatever is left over",
          arguments: countsAboutABatch, [false, true])
    func wholeBatchedEqualsRowByRow(rows: Int, services: Bool) throws {
        let result = services ? Self.largePlan(rows: rows) : Self.largeSheet(rows: rows)
        let batched = try SQLiteStore.inMemory(now: Self.clock)
        let rowByRow = try SQLiteStore.inMemory(now: Self.clock, rowsPerInsert: 1)
        var outcomes: [SubmissionOutcome] = []
        for store in [batched, rowByRow] {
            try store.saveReference([Fixtures.ambito])
            outcomes.append(try store.record(result, subject: result.subject, receivedAt: Self.received, importedBy: "plus run"))
        }

        #expect(outcomes[0].submission == outcomes[1].submission)
        #expect(outcomes[0].touched == outcomes[1].touched)
        let records = try batched.records(submission: outcomes[0].submission.id)
        #expect(records.count == rows)
        #expect(records == (try rowByRow.records(submission: outcomes[1].submission.id)))
        #expect(try batched.rejectedRows(submission: outcomes[0].submission.id) == rowByRow.rejectedRows(submission: outcomes[1].submission.id))
        #expect(try batched.tableCounts() == rowByRow.tableCounts())
        #expect(try batched.storedJSON() == rowByRow.storedJSON())
        for ref in outcomes[1].touched {
            #expect(try batched.ambitoYear(ambito: ref.ambito, year: ref.year) == rowByRow.ambitoYear(ambito: ref.ambito, year: ref.year))
        }
    }

    @Test("a streamed sheet's codes of another period are read as today's, as on a whole import")
    func streamedCodesTranslated() throws {
        let comuni = [
            MemberComune(istatCode: "111999", name: "Comune A", population: 0, codes: [
                ComuneCode(code: "090999", from: 1995, through: 2005), ComuneCode(code: "111999", from: 2006),
            ]),
            MemberComune(istatCode: "111998", name: "Comune C", population: 0, codes: [
                ComuneCode(code: "090998", from: 2010, through: 2015), ComuneCode(code: "111998", from: 2016),
            ]),
        ]
        var sheet = Fixtures.sheet([("SAD", 100), ("ADI", 200)], by: EnteRef(comune: "090999"), year: 2004, file: "a.csv")
        // A second ente whose code was not valid in 2004: an error, the row kept as written.
        sheet.records.append(ImportedRecord(
            record: .declaration(Declaration(ente: EnteRef(comune: "090998"), year: 2004, service: "SET", amount: Money(cents: 5))),
            provenance: Provenance(file: "a.csv", sha256: sheet.sha256, line: 4)))
        let whole = try ComuneCodeHistoryTests.store(with: comuni)
        let streamed = try ComuneCodeHistoryTests.store(with: comuni)
        let kept = try whole.record(sheet, subject: sheet.subject, receivedAt: Self.received, importedBy: "plus run")
        let outcome = try Self.stream(sheet, into: streamed)
        #expect(outcome.submission.subject == kept.submission.subject)
        #expect(outcome.submission.subject.ente == EnteRef(comune: "111999"))
        #expect(try streamed.records(submission: outcome.submission.id) == whole.records(submission: kept.submission.id))
        let codes = try streamed.diagnostics(submission: outcome.submission.id).map(\.code)
        #expect(codes == (try whole.diagnostics(submission: kept.submission.id).map(\.code)))
        #expect(codes.filter { $0.hasPrefix("IST") } == ["IST001", "IST001", "IST003"])
    }

    @Test("the records gathered while the rows go in are those the store reads back for the steps after them")
    func representativesGatheredAsTheQueryReadsThem() throws {
        // Declarations of several entes and years, of entes whose code is no six-digit Comune,
        // one citing another file; services, cost shares and a deliberation.
        var records = Self.largeSheet().records
        let others = [EnteRef(kind: .unione, code: "U1"), EnteRef(comune: "95038"), Fixtures.cabras]
        for (index, ente) in others.enumerated() {
            for year in [2018, 2019, 2018] {
                var declaration = Declaration(ente: ente, year: year, service: "T\(index)", amount: Money(cents: 10))
                if index == 2 { declaration.provenance = Provenance(file: "altro.csv", sha256: "abc", line: 9) }
                records.append(ImportedRecord(record: .declaration(declaration), provenance: Provenance(file: "dichiarazioni.csv", sha256: "", line: 3)))
            }
        }
        // Two Comuni over more years than ``ComuneYears`` keeps in bits, each Comune-year twice, alternated.
        for year in 1990..<2015 {
            for ente in [Fixtures.cabras, Fixtures.oristano, Fixtures.cabras, Fixtures.oristano] {
                let declaration = Declaration(ente: ente, year: year, service: "V", amount: Money(cents: 1))
                records.append(ImportedRecord(record: .declaration(declaration), provenance: Provenance(file: "dichiarazioni.csv", sha256: "", line: 4)))
            }
        }
        for result in [Fixtures.services([("S1", 100), ("S2", 250)]), Fixtures.split([("S1", Fixtures.cabras, 60), ("S1", Fixtures.oristano, 40)]),
                       Fixtures.deliberation()] {
            records += result.records
        }
        /// What the steps after the rows read of a record.
        func told(_ records: [ImportedRecord]) -> [String] {
            records.map { imported in
                let record = imported.record
                return [record.kindName, record.ente?.description, record.year.map(String.init), record.ambito, record.service,
                        record.amount.map { String($0.cents) }].map { $0 ?? "-" }.joined(separator: " ")
            }
        }
        let store = try SQLiteStore.inMemory(now: Self.clock)
        try store.write { db in
            var placeholder = SubmissionRow(
                result: ImportResult(file: "", sha256: "", byteCount: 0, mapping: "", mappingVersion: 0, status: .rejected),
                subject: SubmissionSubject(), key: nil, receivedAt: Self.received, storedAt: Self.received, importedBy: nil)
            try placeholder.insert(db)
            let sink = try StreamingSink(db: db, submission: placeholder.id!, faultInjection: nil)
            for imported in records { try sink.append(imported) }
            try sink.finishRows()
            let read = try SQLiteStore.representatives(of: placeholder.id!, in: db)
            // The sheet's 3 entes; 2 years of each other ente (the cited ones in `records`); 25
            // years of 2 Comuni; one service group; 2 cost shares' entes; both records of the deliberation.
            #expect(read.count == 3 + 2 + 2 + 2 + 50 + 1 + 2 + 2)
            #expect(told(sink.representatives.records) == told(read))
        }
    }

    @Test("a plan table's rows read after its year is fixed go in with it; only those before wait for the update at the end")
    func rowsGoInWithTheYearFixedBeforeThem() throws {
        let plan = Fixtures.services([("SAD", 100), ("ADI", 200), ("SET", 300)])
        let store = try SQLiteStore.inMemory(now: Self.clock)
        try store.write { db in
            var placeholder = SubmissionRow(
                result: plan, subject: plan.subject, key: nil, receivedAt: Self.received, storedAt: Self.received, importedBy: nil)
            try placeholder.insert(db)
            let id = placeholder.id!
            let sink = try StreamingSink(db: db, submission: id, faultInjection: nil)
            try sink.append(plan.records[0])
            sink.fixYear(2019)
            for imported in plan.records.dropFirst() { try sink.append(imported) }
            try sink.flushRows()
            let years = try Int?.fetchAll(db, sql: "SELECT year FROM records WHERE submission_id = ? ORDER BY ordinal", arguments: [id])
            #expect(years == [nil, 2019, 2019])
            #expect(sink.rowsAwaitingYear == 1)

            // A year the caller states stands over the one the reading fixes.
            var other = placeholder
            other.id = nil
            try other.insert(db)
            let stated = try StreamingSink(db: db, submission: other.id!, year: 2020, faultInjection: nil)
            stated.fixYear(2019)
            try stated.write(stated.prepare(plan.records[0]))
            try stated.flushRows()
            let year = try Int?.fetchOne(db, sql: "SELECT year FROM records WHERE submission_id = ?", arguments: [other.id!])
            #expect(year == 2020)
            #expect(stated.rowsAwaitingYear == 0)
        }
    }

    @Test("a plan table streamed with its year fixed before, part way or never is the plan of a whole import", arguments: [0, 2, nil])
    func yearFixedAnywhereGivesTheWholeImportsPlan(yearAfter: Int?) throws {
        let plan = Fixtures.services((0..<5).map { ("S\($0)", Int64($0 + 1) * 1_000) })
        let whole = try SQLiteStore.inMemory(now: Self.clock)
        let streamed = try SQLiteStore.inMemory(now: Self.clock)
        for store in [whole, streamed] { try store.saveReference([Fixtures.ambito]) }
        _ = try whole.record(plan, subject: plan.subject, receivedAt: Self.received, importedBy: "plus run")
        let outcome = try Self.stream(plan, into: streamed, yearAfter: yearAfter)
        #expect(outcome.submission.subject.year == 2019)
        let ambito = try #require(outcome.submission.subject.ambito)
        #expect(try streamed.ambitoYear(ambito: ambito, year: 2019) == whole.ambitoYear(ambito: ambito, year: 2019))
        #expect(try streamed.ambitoYear(ambito: ambito, year: 2019)?.services.count == 5)
        let years = try streamed.read { db in try Int?.fetchAll(db, sql: "SELECT DISTINCT year FROM records") }
        #expect(years == [2019])
    }

    @Test("the rows are written while the file is read: never more than the pipeline's batches wait")
    func writesAsItReads() throws {
        let written = Written()
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path, faultInjection: { count in written.count.withLock { $0 = count } }, now: Self.clock)
        let result = Self.largeSheet()
        var lag = 0
        let outcome = try Self.stream(result, into: store) { handed in
            lag = max(lag, handed - written.count.withLock { $0 })
        }
        #expect(lag <= RowPipeline { $0 }.rowsInFlightAtMost)
        #expect(RowPipeline { $0 }.rowsInFlightAtMost < 10_000)
        #expect(written.count.withLock { $0 } == 10_000)
        #expect(try store.tableCounts()["declarations"] == 10_000)
        #expect(outcome.submission.rowsAccepted == 10_000)
    }

    @Test("a reading that fails half-way leaves the store as it was, and the retry is not a duplicate")
    func rollbackOnFailure() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv"))
        let before = try store.tableCounts()
        let indexes = try store.indexDefinitions()
        let result = Self.largeSheet()

        #expect(throws: InjectedFault.self) {
            try Self.stream(result, into: store) { handed in if handed == 6_000 { throw InjectedFault() } }
        }
        #expect(try SQLiteStore(path: path).tableCounts() == before)
        // The index the rows outnumbering the store dropped comes back with the rollback.
        #expect(try SQLiteStore(path: path).indexDefinitions() == indexes)

        // A fault inside the store's own writes rolls back the same way.
        let failing = try SQLiteStore(path: path, faultInjection: { if $0 == 4_097 { throw InjectedFault() } })
        #expect(throws: InjectedFault.self) { try Self.stream(result, into: failing) }
        #expect(try SQLiteStore(path: path).tableCounts() == before)

        let retried = try Self.stream(result, into: store)
        #expect(!retried.isDuplicate)
        #expect(try store.records(submission: retried.submission.id).count == 10_000)
    }

    @Test("once a submission's rows outnumber the store's, the index by kind, year and ente is dropped and built again as it was")
    func indexesDeferredOnceTheRowsOutnumberTheStore() throws {
        let store = try SQLiteStore.inMemory()
        try store.record(Fixtures.sheet([("SAD", 100), ("ADI", 200)], file: "cabras.csv"))
        let indexes = try store.indexDefinitions()
        #expect(indexes.contains { $0.contains("records_by_kind_year_ente") })
        try store.write { db in
            var deferred = try DeferredIndexes(in: db)
            #expect(deferred.rowsBefore == 2)
            try deferred.rowsWritten(2, in: db)
            #expect(!deferred.isDropped)
            try deferred.rowsWritten(3, in: db)
            #expect(deferred.isDropped)
            let left = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'")
            #expect(!left.contains("records_by_kind_year_ente"))
            #expect(left.contains { $0.contains("submission_id") })
            // Written down with the drop, in the same transaction.
            let pending = try String.fetchAll(db, sql: "SELECT name FROM deferred_indexes ORDER BY name")
            #expect(pending == ["declarations_by_ente_year", "records_by_kind_year_ente"])
            try deferred.rebuild(in: db)
            #expect(!deferred.isDropped)
            #expect(try !DeferredIndexes.anyPending(in: db))
        }
        #expect(try store.indexDefinitions() == indexes)
        try store.integrityCheck()
    }

    @Test("a large submission commits its rows, then builds its indexes; killed between the two, the next opening builds them")
    func indexesBuiltAfterTheCommitOrWhenNextOpened() throws {
        struct Killed: PlusModel.InjectedFault {}
        let path = Fixtures.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv"))
        let indexes = try store.indexDefinitions()
        let result = Self.largeSheet()
        let points = Mutex<[String]>([])
        #expect(throws: Killed.self) {
            try FaultInjection.$hook.withValue({ name in
                points.withLock { $0.append(name) }
                if name == "store.record.committedWithoutIndexes" { throw Killed() }
            }) { try Self.stream(result, into: store) }
        }
        // Killed after the commit: the submission and its rows are stored, its indexes written down, not built.
        let raw = try DatabaseQueue(path: path)
        let (declarations, pending, built) = try raw.read { db throws in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM declarations"),
             try String.fetchAll(db, sql: "SELECT name FROM deferred_indexes ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT name FROM deferred_indexes)"))
        }
        try raw.close()
        #expect(declarations == 10_001)
        #expect(pending == ["declarations_by_ente_year", "records_by_kind_year_ente"])
        #expect(built.isEmpty)
        #expect(points.withLock { $0.filter { $0.hasPrefix("store.") } } == ["store.record.beforeCommit", "store.record.committedWithoutIndexes"])

        // Opened again, as the next run would: the indexes are built as they were, the list is empty.
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.indexDefinitions() == indexes)
        #expect(try reopened.read(DeferredIndexes.anyPending) == false)
        try reopened.integrityCheck()
        #expect(try Self.stream(result, into: reopened).isDuplicate)

        // Uninterrupted, the same: built after the commit, nothing left written down.
        var changed = Self.largeSheet(rows: 30_000)
        changed.sha256 = String(changed.sha256.reversed())
        _ = try Self.stream(changed, into: reopened)
        #expect(try reopened.indexDefinitions() == indexes)
        #expect(try reopened.read(DeferredIndexes.anyPending) == false)

        // Inside an open group the indexes are built in the group's transaction, before its commit.
        var grouped = Self.largeSheet(rows: 100_000)
        grouped.sha256 = "0" + grouped.sha256
        try reopened.beginGroup()
        _ = try Self.stream(grouped, into: reopened)
        try reopened.commitGroup()
        #expect(try reopened.indexDefinitions() == indexes)
        #expect(try reopened.read(DeferredIndexes.anyPending) == false)
        try reopened.integrityCheck()
    }

    @Test("a stored copy of a streamed file is found without storing a row; another file, size or mapping is not one")
    func storedCopyFoundWithoutStoring() throws {
        let store = try SQLiteStore.inMemory(now: Self.clock)
        try store.saveReference([Fixtures.ambito])
        let result = Self.largeSheet()
        let stored = try Self.stream(result, into: store)
        let counts = try store.tableCounts()
        let checksums = Mutex(0)
        /// `storedCopy` of `sheet`, as a file of `byteCount` bytes read with `mapping` whose checksum is `sha256`.
        func copy(of sheet: ImportResult, byteCount: Int? = nil, mapping: String? = nil, sha256: String? = nil) throws -> Submission? {
            try store.storedCopy(
                byteCount: byteCount ?? sheet.byteCount, mapping: mapping ?? sheet.mapping,
                checksum: { checksums.withLock { $0 += 1 }; return sha256 ?? sheet.sha256 }, subject: nil
            ) { sink in
                for imported in sheet.records {
                    var streamed = imported
                    streamed.provenance.sha256 = ""
                    try sink.append(streamed)
                }
                var told = sheet
                told.records = []
                told.rejectedRows = []
                return told
            }
        }
        #expect(try copy(of: result)?.id == stored.submission.id)
        #expect(checksums.withLock { $0 } == 1)
        #expect(try store.tableCounts() == counts)
        // Another size or mapping: not even its checksum is taken.
        #expect(try copy(of: result, byteCount: result.byteCount + 1) == nil)
        #expect(try copy(of: result, mapping: "capofila-servizi") == nil)
        #expect(checksums.withLock { $0 } == 1)
        // The same size, other bytes.
        var other = Self.largeSheet()
        other.sha256 = String(other.sha256.reversed())
        #expect(try copy(of: other) == nil)
        // The checksum taken, then bytes read that changed since: not told ahead.
        #expect(try copy(of: other, sha256: result.sha256) == nil)
        // The same bytes read to another ente: not a copy.
        var elsewhere = result
        elsewhere.records = elsewhere.records.map { imported in
            guard case .declaration(var declaration) = imported.record else { return imported }
            declaration.ente = Fixtures.oristano
            return ImportedRecord(record: .declaration(declaration), provenance: imported.provenance)
        }
        elsewhere.subject.ente = nil
        #expect(try copy(of: elsewhere) == nil)
        #expect(try store.tableCounts() == counts)
        // A store that translates Comune codes of other periods reads the stored rows to do so: not told ahead.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO comune_codes (code, comune, name, year_from, year_through, merged, source, changed_at)
                VALUES ('095900', '095018', 'Cabras', NULL, 2015, 1, 'test', '2025-01-01')
                """)
        }
        #expect(try copy(of: result) == nil)
    }

    @Test("foreign keys are checked again once a streamed submission is stored, a duplicate or failed, and its rows cite it")
    func foreignKeysCheckedAfterStreaming() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let foreignKeys = { try store.dbQueue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } }
        let result = Self.largeSheet()
        _ = try Self.stream(result, into: store)
        #expect(try foreignKeys() == 1)
        #expect(try Self.stream(result, into: store).isDuplicate)
        #expect(try foreignKeys() == 1)
        #expect(throws: InjectedFault.self) {
            try Self.stream(Self.largeSheet(rows: 2_000), into: store) { handed in if handed == 1_500 { throw InjectedFault() } }
        }
        #expect(try foreignKeys() == 1)
        #expect(try store.dbQueue.inDatabase { db in try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_check") }.isEmpty)
        // The reference's members go with their Ambito again (a cascade): the Ambito saved anew keeps only its new list.
        var smaller = Fixtures.ambito
        smaller.comuni.removeLast()
        try store.saveReference([smaller])
        #expect(try store.dbQueue.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ambito_members") } == 1)
    }

    @Test("the same bytes streamed again are a duplicate and leave nothing behind")
    func duplicateRollsBack() throws {
        let store = try SQLiteStore.inMemory()
        let result = Self.largeSheet()
        let first = try Self.stream(result, into: store)
        let counts = try store.tableCounts()
        let again = try Self.stream(result, into: store)
        #expect(again.isDuplicate)
        #expect(again.submission.id == first.submission.id)
        #expect(try store.tableCounts() == counts)
    }

    @Test("a file rejected whole keeps its listed rejected rows and none of the records handed over")
    func rejectedKeepsNoRecords() throws {
        let store = try SQLiteStore.inMemory()
        var result = Self.largeSheet()
        result.status = .rejected
        let outcome = try Self.stream(result, into: store)
        #expect(outcome.submission.status == .rejected)
        #expect(outcome.submission.recordCount == 0)
        #expect(try store.records(submission: outcome.submission.id).isEmpty)
        #expect(try store.rejectedRows(submission: outcome.submission.id).count == 3)
        #expect(try store.tableCounts()["records"] == 0)
        #expect(try store.tableCounts()["declarations"] == 0)
    }
}

/// ``ComuneYears`` against a set of Comune-years: the same answers, in bits or not at all.
@Suite("Comune-years seen, in bits")
struct ComuneYearsTests {
    @Test("the first of each Comune-year is told as a set would tell it; codes and years it does not take are left to the caller",
          arguments: [1, 2, 3] as [UInt64])
    func sameAsASet(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var seen = ComuneYears(), model = Set<[Int64]>()
        var years: [Int] = []
        for _ in 0..<20_000 {
            // Mostly Comuni of today's range, some at the edges, a few codes it cannot hold.
            let code: Int64 = switch Int.random(in: 0..<10, using: &random) {
            case 0: [0, 63, 64, 999_999, 1_000_000, -1, Int64.max, Int64.min].randomElement(using: &random)!
            default: Int64.random(in: 1_001...111_107, using: &random)
            }
            let year = [Int.min, -1, 0, 2019, 2020, Int.max].randomElement(using: &random)! &+ Int.random(in: 0..<12, using: &random)
            let answer = seen.insert(code, year: year)
            let takes = (0..<1_000_000).contains(code) && (years.contains(year) || years.count < ComuneYears.maxYears)
            if takes, !years.contains(year) { years.append(year) }
            #expect(answer == (takes ? model.insert([code, Int64(truncatingIfNeeded: year)]).inserted : nil), "code \(code), year \(year)")
        }
        #expect(years.count == ComuneYears.maxYears)
    }
}

/// How many records the store said it had written, read from the test's thread.
final class Written: Sendable {
    let count = Mutex(0)
}

/// `RowPipeline` on its own: rows in order, a bounded queue, and a failure on either side stopping the other.
@Suite("Reading on one thread while the store writes on another")
struct RowPipelineTests {
    /// A sink that counts what it was handed, on the writing thread, and may fail at a row.
    final class CountingSink: SubmissionSink, @unchecked Sendable {
        let written = Written()
        var lines: [Int] = []
        var rejected = 0
        var failAt: Int?
        /// Before its first row, waits (a little) for the reader to hand `waitFor` rows over.
        var waitFor: (count: Int, handed: Written)?

        func append(_ record: ImportedRecord) throws {
            if let waitFor, lines.isEmpty {
                let deadline = Date().addingTimeInterval(0.5)
                while waitFor.handed.count.withLock({ $0 }) < waitFor.count && Date() < deadline { usleep(1_000) }
            }
            if let failAt, lines.count + 1 == failAt { throw InjectedFault() }
            lines.append(record.provenance.line ?? -1)
            written.count.withLock { $0 += 1 }
        }

        func reject(_ row: RejectedRow) throws { rejected += 1 }
    }

    static let records = StreamingTests.largeSheet().records

    @Test("every row reaches the store, in order, and the result is the reading's")
    func rowsInOrder() throws {
        let sink = CountingSink()
        let pipeline = RowPipeline(batchSize: 7, capacity: 2) { $0 }
        let result = try pipeline.run(reading: { handed in
            for record in Self.records { try handed.append(record) }
            try handed.reject(RejectedRow(line: 1, cells: [], reasons: []))
            return ImportResult(file: "f.csv", sha256: "", byteCount: 0, mapping: "m", mappingVersion: 1, status: .accepted, rowsRead: 42)
        }, write: sink.append, reject: sink.reject)
        #expect(result.rowsRead == 42)
        #expect(sink.lines == Self.records.map { $0.provenance.line ?? -1 })
        #expect(sink.rejected == 1)
    }

    @Test("a reader ahead of the store waits: the rows handed over but not written stay within the queue's bound")
    func boundedQueue() throws {
        let handed = Written()
        let sink = CountingSink()
        // The store holds back its first row until the reader is far ahead, or has had time to be.
        sink.waitFor = (1_000, handed)
        let pipeline = RowPipeline(batchSize: 8, capacity: 2) { $0 }
        var lag = 0
        _ = try pipeline.run(reading: { sinkHanded in
            for record in Self.records {
                try sinkHanded.append(record)
                let count = handed.count.withLock { $0 += 1; return $0 }
                lag = max(lag, count - sink.written.count.withLock { $0 })
            }
            return ImportResult(file: "f.csv", sha256: "", byteCount: 0, mapping: "m", mappingVersion: 1, status: .accepted)
        }, write: sink.append, reject: sink.reject)
        #expect(lag <= pipeline.rowsInFlightAtMost)
        #expect(sink.lines.count == Self.records.count)
    }

    @Test("the store's failure stops the reading at its next batch, and is the error told")
    func writingFailureStopsReading() throws {
        let sink = CountingSink()
        sink.failAt = 100
        let pipeline = RowPipeline(batchSize: 8, capacity: 2) { $0 }
        var handed = 0
        #expect(throws: InjectedFault.self) {
            try pipeline.run(reading: { sinkHanded in
                for record in Self.records {
                    try sinkHanded.append(record)
                    handed += 1
                }
                return ImportResult(file: "f.csv", sha256: "", byteCount: 0, mapping: "m", mappingVersion: 1, status: .accepted)
            }, write: sink.append, reject: sink.reject)
        }
        #expect(handed <= 100 + pipeline.rowsInFlightAtMost)
        #expect(sink.lines.count == 99)
    }

    @Test("the reading's failure ends the writing and is the error told")
    func readingFailureStopsWriting() throws {
        let sink = CountingSink()
        let pipeline = RowPipeline(batchSize: 8, capacity: 2) { $0 }
        #expect(throws: InjectedFault.self) {
            try pipeline.run(reading: { sinkHanded in
                for (index, record) in Self.records.enumerated() {
                    if index == 500 { throw InjectedFault() }
                    try sinkHanded.append(record)
                }
                return ImportResult(file: "f.csv", sha256: "", byteCount: 0, mapping: "m", mappingVersion: 1, status: .accepted)
            }, write: sink.append, reject: sink.reject)
        }
        #expect(sink.lines.count <= 500)
    }
}
