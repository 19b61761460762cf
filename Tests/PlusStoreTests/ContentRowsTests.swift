import Foundation
import GRDB
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusStore

@Suite("A file's rows prepared ahead of the store's thread")
struct ContentRowsTests {
    static let received = Date(timeIntervalSince1970: 1_735_689_600)

    /// A sheet with `count` diagnostics of every shape: with and without line, column, XPath, found and expected.
    static func sheet(diagnostics count: Int) -> ImportResult {
        var result = Fixtures.sheet([("SAD", 100), ("ADI", 200)], file: "diagnosi-\(count).csv")
        result.diagnostics = (0..<count).map { index in
            Diagnostic(
                code: "CSV\(index % 50)", severity: index % 3 == 0 ? .error : .warning,
                location: SourceLocation(
                    file: result.file, line: index % 4 == 0 ? nil : index, column: index % 5 == 0 ? "Importo" : nil,
                    xpath: index % 6 == 0 ? "/piano/servizio[\(index)]" : nil),
                found: index % 2 == 0 ? "«\(index)»" : nil, expected: index % 7 == 0 ? "un importo" : nil,
                message: LocalizedText(it: "messaggio \(index) è qui", en: "message \(index)"))
        }
        return result
    }

    @Test("diagnostics go in many to a statement and read back as the file told them, in order",
          arguments: StreamingTests.countsAboutABatch)
    func diagnosticsBatched(count: Int) throws {
        let result = Self.sheet(diagnostics: count)
        let batched = try SQLiteStore.inMemory(now: { Self.received })
        let rowByRow = try SQLiteStore.inMemory(now: { Self.received }, rowsPerInsert: 1)
        for store in [batched, rowByRow] {
            try store.saveReference([Fixtures.ambito])
            let outcome = try store.record(result, subject: result.subject, receivedAt: Self.received, importedBy: "plus run")
            #expect(try store.diagnostics(submission: outcome.submission.id) == result.diagnostics)
        }
        #expect(try batched.tableCounts() == rowByRow.tableCounts())
    }

    /// A sheet with `count` rejected rows of every shape: empty and accented cells, quotes and
    /// separators in them, none or several reasons.
    static func sheet(rejected count: Int) -> ImportResult {
        var result = Self.sheet(diagnostics: 0)
        result.file = "scarti-\(count).csv"
        result.rejectedRows = (0..<count).map { index in
            RejectedRow(
                line: index + 2,
                cells: (0..<(index % 5)).map { cell in ["", "Città \(index)", "\"a;b\"", "1.234,56", "\n"][(index + cell) % 5] },
                reasons: Self.sheet(diagnostics: index % 3).diagnostics)
        }
        result.rowsRead += count
        result.rowsRejected = count
        return result
    }

    /// What GRDB's record insert of each row, one at a time, wrote before the rows were batched.
    @Test("rejected rows go in many to a statement, every column as GRDB's record insert wrote it, whole or streamed",
          arguments: StreamingTests.countsAboutABatch)
    func rejectedRowsBatched(count: Int) throws {
        let result = Self.sheet(rejected: count)
        let columns = "SELECT submission_id, ordinal, line, cells, typeof(cells), reasons, typeof(reasons) FROM rejected_rows ORDER BY ordinal"
        let reference = try SQLiteStore.inMemory(now: { Self.received })
        try reference.saveReference([Fixtures.ambito])
        var bare = result
        bare.rejectedRows = []
        let id = try reference.record(bare, subject: bare.subject, receivedAt: Self.received, importedBy: "plus run").submission.id
        try reference.write { db in
            for (ordinal, row) in result.rejectedRows.enumerated() { try RejectedRowRow(row, submission: id, ordinal: ordinal).insert(db) }
        }
        let expected = try reference.dbQueue.read { db in try Row.fetchAll(db, sql: columns) }
        #expect(expected.count == count)

        let whole = try SQLiteStore.inMemory(now: { Self.received })
        try whole.saveReference([Fixtures.ambito])
        let stored = try whole.record(result, subject: result.subject, receivedAt: Self.received, importedBy: "plus run")
        #expect(try whole.dbQueue.read { db in try Row.fetchAll(db, sql: columns) } == expected)
        #expect(try whole.rejectedRows(submission: stored.submission.id) == result.rejectedRows)

        let streamed = try SQLiteStore.inMemory(now: { Self.received })
        try streamed.saveReference([Fixtures.ambito])
        let streamedOutcome = try StreamingTests.stream(result, into: streamed)
        #expect(try streamed.dbQueue.read { db in try Row.fetchAll(db, sql: columns) } == expected)
        #expect(try streamed.rejectedRows(submission: streamedOutcome.submission.id) == result.rejectedRows)
    }

    @Test("a caller's year over the file's reaches the rows prepared ahead with the file's")
    func callersYearOverThePrepared() throws {
        let store = try SQLiteStore.inMemory(now: { Self.received })
        try store.saveReference([Fixtures.ambito])
        // Services carry no year of their own: they take the submission's.
        let plan = Fixtures.services(year: 2019, [("S1", 100), ("S2", 250)])
        let prepared = try store.prepare(plan)
        var subject = plan.subject
        subject.year = 2020
        let outcome = try store.record(prepared, subject: subject, receivedAt: Self.received, importedBy: nil)

        let years = try store.dbQueue.read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM records WHERE submission_id = ?", arguments: [outcome.submission.id])
        }
        #expect(outcome.submission.subject.year == 2020)
        #expect(years == [2020])
        #expect(try store.ambitoYear(ambito: Fixtures.ambito.code, year: 2020)?.services.map(\.code) == ["S1", "S2"])
    }

    @Test("rows told their year ahead are given another one as they were sorted with it")
    func datedAgain() throws {
        let plan = Fixtures.services(year: 2019, [("S1", 100), ("S2", 250)])
        let sheet = Fixtures.sheet([("SAD", 100)], year: 2019)
        let source = Provenance(file: plan.file, sha256: plan.sha256)
        let rows = try (plan.records + sheet.records).map { try EncodedRecord($0, source: source) }
        let again = ContentRows(rows: rows, diagnostics: [], year: 2019).dated(2021)
        let direct = ContentRows(rows: rows, diagnostics: [], year: 2021)

        #expect(again.records.map(\.row.year) == direct.records.map(\.row.year))
        #expect(again.records.map(\.row.year) == [2021, 2021])
        #expect(again.declarations.map(\.row.year) == [2019])
        #expect(again.records.map(\.ordinal) == [0, 1])
        #expect(again.declarations.map(\.ordinal) == [2])
    }
}

extension ContentRowsTests {
    /// A file of `rows` declarations and cost shares with hostile cells, and a few records of other
    /// kinds between them: enti of every kind (Comuni with codes of six digits and not, the ASL,
    /// the Provincia, others with accents), services and notes of ``PackedRecordTests/texts`` (one
    /// too long to be kept inline), rows read by XPath, stated percentages and dates, and rows
    /// citing their own row, another line or another file.
    static func hostileSheet(seed: UInt64, rows: Int) -> ImportResult {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let texts = PackedRecordTests.texts
        var result = Fixtures.sheet([("SAD", 1)], file: "scheda «mista».csv")
        let enti = [
            Fixtures.cabras, Fixtures.oristano, Fixtures.asl, EnteRef(comune: "95018"), EnteRef(comune: "0950180"),
            EnteRef(kind: .provincia, code: "OR"), EnteRef(kind: .altro, code: "Unione dei Comuni «Montiferru»"),
            EnteRef(kind: .unione, code: "UMA"),
        ]
        result.records = (0..<rows).map { index in
            let line: Int? = random.next() % 7 == 0 ? nil : index + 2
            let xpath: String? = random.next() % 9 == 0 ? "/piano/voce[\(index + 1)]" : nil
            let read = Provenance(file: result.file, sha256: result.sha256, line: line, xpath: xpath)
            let cited: Provenance? = pick([
                nil, nil, read, Provenance(file: result.file, sha256: result.sha256, line: index + 99),
                Provenance(file: "altro.csv", sha256: "bbbb", line: line, xpath: xpath),
            ])
            let service = random.next() % 3 == 0 ? pick(texts) : "S\(index % 13)"
            let cents = PackedRecordTests.cents(&random)
            let record: CanonicalRecord
            switch random.next() % 9 {
            case 0:
                record = .service(PlannedService(code: service, name: pick(texts), totalCost: Money(cents: cents)))
            case 1...4:
                record = .declaration(Declaration(
                    ente: pick(enti), year: 2018 + Int(random.next() % 3), service: service, amount: Money(cents: cents),
                    note: random.next() % 2 == 0 ? nil : pick(texts),
                    approvedOn: random.next() % 2 == 0 ? nil : CivilDate(year: 2019, month: 1 + Int(random.next() % 12), day: 1),
                    provenance: cited))
            default:
                record = .costShare(CostShare(
                    service: service, ente: pick(enti), amount: Money(cents: cents),
                    basisPoints: random.next() % 2 == 0 ? nil : Int64(random.next() % 10_001), provenance: cited))
            }
            return ImportedRecord(record: record, provenance: read)
        }
        result.rowsRead = rows
        return result
    }

    /// Every row of the three tables a submission's records go to, every column, in order.
    static func storedRows(of store: SQLiteStore) throws -> [String: [Row]] {
        try store.dbQueue.read { db in
            var tables: [String: [Row]] = [:]
            for table in ["records", "declarations", "cost_shares"] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY submission_id, ordinal")
            }
            return tables
        }
    }

    @Test("a whole file's declarations and cost shares made into their rows from themselves are the rows their encoding gives",
          arguments: [(21, 1), (22, 64), (23, 65), (24, 700), (25, 2_500)] as [(UInt64, Int)])
    func directRowsAreTheEncodedRows(seed: UInt64, rows: Int) throws {
        let result = Self.hostileSheet(seed: seed, rows: rows)
        let direct = try SQLiteStore.inMemory(now: { Self.received })
        let encoded = try SQLiteStore.inMemory(now: { Self.received })
        for store in [direct, encoded] { try store.saveReference([Fixtures.ambito]) }
        let prepared = try direct.prepare(result)
        let contents = try #require(prepared.contents)
        // The reference: every record encoded as a row of `records` first, then sorted into the tables.
        let source = Provenance(file: result.citedFile, sha256: result.sha256)
        let reference = ContentRows(
            rows: try result.records.map { try EncodedRecord($0, source: source) }, diagnostics: result.diagnostics, year: contents.year)
        #expect(contents.declarations.map(\.ordinal) == reference.declarations.map(\.ordinal))
        #expect(contents.costShares.map(\.ordinal) == reference.costShares.map(\.ordinal))
        #expect(contents.records.map(\.ordinal) == reference.records.map(\.ordinal))
        #expect(contents.declarations.count + contents.costShares.count > rows / 3)

        // Another year than the file's, as a caller's subject gives it: the undated rows take it both ways.
        var subject = result.subject
        subject.year = 2021
        for (store, rows) in [(direct, contents), (encoded, reference)] {
            let ready = PreparedImport(result: result, contents: rows, records: prepared.records)
            _ = try store.record(ready, subject: result.subject, receivedAt: Self.received, importedBy: "plus run")
            let again = PreparedImport(result: Self.renamed(result), contents: rows, records: prepared.records)
            _ = try store.record(again, subject: subject, receivedAt: Self.received, importedBy: "plus run")
        }
        let mine = try Self.storedRows(of: direct)
        let theirs = try Self.storedRows(of: encoded)
        for table in theirs.keys.sorted() {
            #expect(mine[table]?.count == theirs[table]?.count, "\(table)")
            for (index, (row, expected)) in zip(mine[table] ?? [], theirs[table] ?? []).enumerated() where row != expected {
                Issue.record("\(table), row \(index + 1): \(row) against \(expected)")
                break
            }
        }
        #expect(try direct.records(submission: 1) == encoded.records(submission: 1))
    }

    /// The same file under another name and checksum, so that the store takes it as another submission.
    static func renamed(_ result: ImportResult) -> ImportResult {
        var copy = result
        copy.file = "altra-" + result.file
        copy.sha256 = String(result.sha256.reversed())
        return copy
    }
}

@Suite("A submission's row written by hand")
struct SubmissionRowInsertTests {
    @Test("a submission's row is written as GRDB's record insert writes it, every column", arguments: [false, true])
    func asTheRecordInsert(sparse: Bool) throws {
        var result = Fixtures.sheet([("SAD", 100)], file: "l'anno «2019».csv")
        result.details = sparse ? [:] : ["header_line": "3", "nota": "à \"citata\"\n", "z": ""]
        let subject = sparse ? SubmissionSubject() : SubmissionSubject(ente: Fixtures.cabras, ambito: "ORI", year: 2019)
        let key = sparse ? nil : SupersedeKey(kind: "comune-scheda", scope: "comune:095018", year: 2019)
        let row = SubmissionRow(
            result: result, subject: subject, key: key, receivedAt: Date(timeIntervalSince1970: 1_735_689_600.123_456),
            storedAt: Date(timeIntervalSince1970: 1_735_689_601.987_654), importedBy: sparse ? nil : "plus run")
        var rows: [[Row]] = []
        for byHand in [false, true] {
            let store = try SQLiteStore.inMemory()
            var written = row
            written.supersededBy = nil
            try store.dbQueue.write { db in
                if byHand { try written.insertRow(db) } else { try written.insert(db) }
                #expect(written.id == 1)
            }
            rows.append(try store.dbQueue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM submissions") })
        }
        #expect(rows[0].count == 1)
        #expect(rows[0] == rows[1])
    }
}

@Suite("Which Ambiti an ente belongs to")
struct MembershipTests {
    @Test("members, capofila, ASL, Provincia, ente gestore and other signatories each find their Ambiti, in one pass over them")
    func everyWayOfBelonging() throws {
        let store = try SQLiteStore.inMemory()
        let comune = "036006"
        // A second Ambito that the same Comune leads without being a member, and one with another signatory.
        var led = SecondRegionTests.district
        (led.code, led.comuni, led.otherSignatories) = ("CFF", [], [])
        var signed = Fixtures.ambito
        signed.otherSignatories = [Signatory(ente: EnteRef(comune: comune), name: "Castelfranco Emilia")]
        try store.saveReference([Fixtures.ambito, SecondRegionTests.district, led, signed.renamed("ORX")])
        let ambiti = { (ente: EnteRef) in try store.read { db in try Membership.ambiti(containing: ente, in: db) } }

        #expect(try ambiti(EnteRef(comune: comune)) == ["CFE", "CFF", "ORX"])
        #expect(try ambiti(Fixtures.cabras) == ["OR", "ORX"])
        #expect(try ambiti(Fixtures.asl) == ["OR", "ORX"])
        #expect(try ambiti(EnteRef(kind: .provincia, code: "OR")) == ["OR", "ORX"])
        #expect(try ambiti(SecondRegionTests.unione.ente) == ["CFE", "CFF"])
        #expect(try ambiti(EnteRef(kind: .altro, code: "ASP")) == ["CFE"])
        #expect(try ambiti(EnteRef(comune: "999999")).isEmpty)
    }
}

private extension Ambito {
    func renamed(_ code: String) -> Ambito {
        var copy = self
        copy.code = code
        return copy
    }
}
