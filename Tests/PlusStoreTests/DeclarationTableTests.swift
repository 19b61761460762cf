import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// Schema v8: declarations in a narrow table of their own, typed, and the stores written before moved there.
@Suite("How declarations are kept: a table of their own")
struct DeclarationTableTests {
    /// A Comune's declaration with a note and a date, an ASL's, and one citing another file (which keeps its JSON).
    static func declarations() -> [Declaration] {
        var cited = Declaration(ente: Fixtures.oristano, year: 2019, service: "SAD", amount: Money(cents: 5))
        cited.provenance = Provenance(file: "altro.csv", sha256: "bbbb", line: 9)
        return [
            Declaration(
                ente: Fixtures.cabras, year: 2019, service: "ADI", amount: Money(cents: -1_000), note: "provvisorio",
                approvedOn: CivilDate(year: 2019, month: 3, day: 4)),
            Declaration(ente: Fixtures.asl, year: 2019, service: "SAD", amount: Money(cents: 478_600)),
            cited,
        ]
    }

    static let rowColumns = "ordinal, line, xpath, year, ente, service, amount_cents, note, approved_on"

    @Test("a declaration's columns are typed: integers for the year, the Comune's code and the cents")
    func typedColumns() throws {
        let store = try SQLiteStore.inMemory()
        let result = TypedColumnsTests.result(Self.declarations().map(CanonicalRecord.declaration), file: "dichiarazioni.csv")
        let id = try store.record(result).submission.id
        #expect(try store.records(submission: id).map(\.record) == result.records.map { $0.record.citing($0.provenance) })
        let stored = try Fixtures.storedTypes(
            of: "declarations",
            columns: ["submission_id", "ordinal", "line", "year", "ente", "service", "amount_cents", "note", "approved_on"], in: store)
        #expect(stored.types == [
            ["integer", "integer", "integer", "integer", "integer", "text", "integer", "text", "text"],
            ["integer", "integer", "integer", "integer", "text", "text", "integer", "null", "null"],
        ])
        #expect(stored.entes == [95018.databaseValue, "asl:ASL5".databaseValue])
        // The one citing another file keeps its JSON in `records`.
        #expect(try store.tableCounts()["records"] == 1)
    }

    @Test("a narrow table's ente reads back as it was, from its integer or its text, through either reader")
    func entiReadBackFromTheirStoredForm() throws {
        // Codes with leading zeros, the smallest and the largest six digits, codes no integer keeps
        // (five digits, seven, letters) and enti of other kinds, some with accents.
        let enti = [
            "000000", "000001", "001001", "095018", "999999", "95018", "0950180", "09501A",
        ].map { EnteRef(comune: $0) } + [
            Fixtures.asl, EnteRef(kind: .provincia, code: "OR"), EnteRef(kind: .altro, code: "Unione «Montiferru»"),
        ]
        let records = enti.enumerated().flatMap { index, ente -> [CanonicalRecord] in [
            .declaration(Declaration(ente: ente, year: 2019, service: "S\(index)", amount: Money(cents: Int64(index)))),
            .costShare(CostShare(service: "S\(index)", ente: ente, amount: Money(cents: Int64(index)))),
        ] }
        let store = try SQLiteStore.inMemory()
        let result = TypedColumnsTests.result(records, file: "enti.csv")
        let id = try store.record(result).submission.id
        let counts = try store.tableCounts()
        #expect(counts["declarations"] == enti.count && counts["cost_shares"] == enti.count)
        // Read by SQLite's own calls (the assembly's and every store read's reader).
        #expect(try store.records(submission: id).map(\.record) == result.records.map { $0.record.citing($0.provenance) })
        // Read by GRDB's rows (translating the codes of another period).
        let rows = try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(DeclarationRows.columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id
                UNION ALL SELECT \(CostShareRows.columns) FROM cost_shares c JOIN submissions s ON s.id = c.submission_id
                ORDER BY ord
                """)
        }
        #expect(try rows.map { try RecordQuery.stored($0) } == records)
        #expect(rows.map { $0.ente(at: 8) } == enti.flatMap { [$0, $0] })
        #expect(StoredEnte.comune(code: -1) == nil && StoredEnte.comune(code: 1_000_000) == nil)
    }

    @Test("a streamed sheet stores the same declaration rows as a whole import")
    func streamedRowsEqualWhole() throws {
        let result = StreamingTests.largeSheet()
        let whole = try SQLiteStore.inMemory(now: StreamingTests.clock)
        let streamed = try SQLiteStore.inMemory(now: StreamingTests.clock)
        _ = try whole.record(result, subject: result.subject, receivedAt: StreamingTests.received, importedBy: "plus run")
        _ = try StreamingTests.stream(result, into: streamed)
        let read = { (store: SQLiteStore) in
            try store.dbQueue.read { db in try Row.fetchAll(db, sql: "SELECT \(Self.rowColumns) FROM declarations ORDER BY ordinal") }
        }
        let rows = try read(streamed)
        #expect(rows.count == result.records.count)
        #expect(rows == (try read(whole)))
        #expect(try streamed.tableCounts()["records"] == 0)
    }

    @Test("a v7 store's declarations move to their own table on opening, and read back equal")
    func migratesFromV7() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        // A store as the previous release wrote it: schema v7, every record in `records`, as its insert wrote them.
        let previous = try Fixtures.releasedStore(at: path, upTo: "v7")
        let records = Self.declarations().map(CanonicalRecord.declaration) + [.service(TypedColumnsTests.service)]
        let source = Provenance(file: "dichiarazioni.csv", sha256: "aaaa")
        try previous.write { db in
            try Fixtures.insertReleasedSubmission(
                db, file: "dichiarazioni.csv", mapping: "comune-scheda", ente: nil, ambito: "OR", year: 2019,
                key: ("declaration", "OR"), rows: 4)
            let wide = ["submission_id", "ordinal", "kind", "ente", "ambito", "year", "service", "amount_cents", "line", "xpath", "payload"]
                + PlanColumns.names
            for (ordinal, record) in records.enumerated() {
                let row = try EncodedRecord(ImportedRecord(record: record, provenance: Provenance(file: source.file, sha256: source.sha256, line: ordinal + 2)), source: source)
                var values: [DatabaseValue] = [
                    1.databaseValue, ordinal.databaseValue, row.kind.databaseValue, row.ente.databaseValue, row.ambito.databaseValue,
                    (row.year ?? 2019).databaseValue, row.service.databaseValue, row.amountCents.databaseValue,
                    row.line.databaseValue, row.xpath.databaseValue, row.payload.databaseValue,
                    row.columns.note.databaseValue, row.columns.approvedOn.databaseValue, row.columns.basisPoints.databaseValue,
                    row.columns.name.databaseValue, row.columns.area.databaseValue, row.columns.serviceKind.databaseValue,
                    row.columns.management.databaseValue, row.columns.location.databaseValue, row.columns.sharing.databaseValue,
                ]
                values += row.columns.funding.map(\.databaseValue)
                values += [
                    row.columns.planType.databaseValue, row.columns.trienniumStart.databaseValue, row.columns.planVersion.databaseValue,
                    row.columns.approvedBy.databaseValue, row.columns.copaymentRule.databaseValue,
                ]
                try db.execute(
                    sql: "INSERT INTO records (\(wide.joined(separator: ", "))) VALUES (\(databaseQuestionMarks(count: wide.count)))",
                    arguments: StatementArguments(values))
            }
        }
        let before = try previous.read { db in try String.fetchAll(db, sql: "SELECT kind FROM records ORDER BY ordinal") }
        #expect(before == ["declaration", "declaration", "declaration", "service"])
        try previous.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedSchemaVersions() == Schema.versions)
        let cited = records.enumerated().map { index, record in
            record.citing(Provenance(file: source.file, sha256: source.sha256, line: index + 2))
        }
        #expect(try store.records(submission: 1).map(\.record) == cited)
        #expect(try store.tableCounts()["declarations"] == 2)
        #expect(try store.dbQueue.read { db in try String.fetchAll(db, sql: "SELECT kind FROM records ORDER BY ordinal") }
            == ["declaration", "service"])
        let assembled = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(assembled.declarations == Array(cited.compactMap { record -> Declaration? in
            if case .declaration(let declaration) = record { return declaration }
            return nil
        }))
    }

    @Test("a v8 store keeps every declaration on opening, indexed by ente first, and reads back equal")
    func migratesFromV8() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        // A store as the previous release wrote it: schema v8, a sheet filed for no Ambito, its rows in `declarations`.
        let previous = try Fixtures.releasedStore(at: path, upTo: "v8")
        try previous.write { db in
            try Fixtures.insertReleasedSubmission(
                db, file: "dichiarazioni.csv", mapping: "comune-scheda", ente: nil, ambito: nil, year: 2019, key: nil, rows: 3)
            try db.execute(sql: """
                INSERT INTO declarations (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, note, approved_on)
                VALUES (1, 0, 2, NULL, 2019, 95018, 'ADI', -1000, 'provvisorio', '2019-03-04'),
                    (1, 1, 3, NULL, 2019, 'asl:ASL5', 'SAD', 478600, NULL, NULL),
                    (1, 2, 4, NULL, 2018, 95038, 'SAD', 5, NULL, NULL);
                """)
        }
        let rows = "SELECT \(Self.rowColumns) FROM declarations ORDER BY submission_id, ordinal"
        let before = try previous.read { db in try Row.fetchAll(db, sql: rows) }
        try previous.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedSchemaVersions() == Schema.versions)
        #expect(try store.dbQueue.read { db in try Row.fetchAll(db, sql: rows) } == before)
        let indexed = try store.dbQueue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT group_concat(i.name, ', ') FROM sqlite_master m, pragma_index_info(m.name) i
                    WHERE m.type = 'index' AND m.tbl_name = 'declarations' GROUP BY m.name ORDER BY m.name
                    """)
        }
        #expect(indexed == ["ente, year"])
        // The Ambito-year's members are still found through it: the Comune's and the ASL's of 2019.
        try store.saveReference([Fixtures.ambito])
        let assembled = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(assembled.declarations.map(\.service) == ["ADI", "SAD"])
        try store.integrityCheck()
    }

    /// Texts about ``InlineTexts/capacity``: short, empty, absent, accented, one byte
    /// short of it, exactly it and one over, in the service, the note or the date.
    static func declarationsAboutTheInlineCapacity() -> [Declaration] {
        let capacity = InlineTexts.capacity
        let date = CivilDate(year: 2019, month: 3, day: 4)
        func declaration(_ service: String, note: String?, approvedOn: CivilDate? = nil) -> Declaration {
            Declaration(ente: Fixtures.cabras, year: 2019, service: service, amount: Money(cents: 7), note: note, approvedOn: approvedOn)
        }
        return [
            declaration("S001", note: nil), declaration("S001", note: ""), declaration("Attività è", note: "più così"),
            declaration(String(repeating: "s", count: capacity - 11), note: nil, approvedOn: date),
            declaration(String(repeating: "s", count: capacity - 10), note: nil, approvedOn: date),
            declaration(String(repeating: "s", count: capacity - 9), note: nil, approvedOn: date),
            declaration("S", note: String(repeating: "n", count: capacity - 1)),
            declaration("S", note: String(repeating: "è", count: capacity / 2)),
            declaration(String(repeating: "s", count: 300), note: String(repeating: "n", count: 300)),
        ]
    }

    @Test("a declaration's service, note and date are stored as read, inline in the row or not")
    func textsAboutTheInlineCapacity() throws {
        for declaration in Self.declarationsAboutTheInlineCapacity() {
            let inline = InlineTexts(
                service: declaration.service, note: declaration.note, approvedOn: declaration.approvedOn?.description)
            let bytes = declaration.service.utf8.count + (declaration.note?.utf8.count ?? 0) + (declaration.approvedOn == nil ? 0 : 10)
            #expect((inline != nil) == (bytes <= InlineTexts.capacity))
            inline?.withTexts { service, note, approvedOn in
                #expect(String(decoding: service, as: UTF8.self) == declaration.service)
                #expect(note.map { String(decoding: $0, as: UTF8.self) } == declaration.note)
                #expect(approvedOn.map { String(decoding: $0, as: UTF8.self) } == declaration.approvedOn?.description)
            }
        }
        var result = StreamingTests.largeSheet(rows: 0)
        result.records = Self.declarationsAboutTheInlineCapacity().enumerated().map { index, declaration in
            ImportedRecord(record: .declaration(declaration), provenance: Provenance(file: result.file, sha256: result.sha256, line: index + 2))
        }
        result.rowsRead = result.records.count
        result.rowsAccepted = result.records.count
        let (whole, kept, streamed, outcome) = try StreamingTests.storedBothWays(result)
        let read = { (store: SQLiteStore) in
            try store.dbQueue.read { db in try Row.fetchAll(db, sql: "SELECT \(Self.rowColumns) FROM declarations ORDER BY ordinal") }
        }
        #expect(try read(streamed).count == result.records.count)
        #expect(try read(streamed) == read(whole))
        #expect(try streamed.records(submission: outcome.submission.id).map(\.record)
            == result.records.map { $0.record.citing($0.provenance) })
        #expect(try streamed.records(submission: outcome.submission.id) == whole.records(submission: kept.submission.id))
    }

    @Test("rows bind their inline texts where they lie: the layouts the binding reads by address")
    func inlineTextsLieWhereTheBindingReadsThem() {
        #expect(InlineTexts.storageIsFirst)
        #expect(DeclarationRows.Row.inlineIsFirst)
        #expect(CostShareRows.Row.inlineIsFirst)
        #expect(RowBatch<DeclarationRows.Row>.rowIsFirst)
        #expect(RowBatch<CostShareRows.Row>.rowIsFirst)
    }

    @Test("a thousand declarations of texts of every length, inline or not, in full and partial statements, read back as written")
    func manyRowsOfMixedTextsReadBackAsWritten() throws {
        // Texts bound where they lie in the batch are read by SQLite when the statement runs, after
        // every row is bound: each row's texts differ from its neighbours', so that a text read
        // from another row's place, or from a place reused, shows.
        let kinds = Self.declarationsAboutTheInlineCapacity()
        let declarations = (0..<1_000).map { index -> Declaration in
            var declaration = kinds[index % kinds.count]
            declaration.service = "\(index)-" + declaration.service.dropFirst(min(declaration.service.count, String(index).count + 1))
            if let note = declaration.note, !note.isEmpty { declaration.note = String(note.dropLast(String(index).count)) + String(index) }
            declaration.amount = Money(cents: Int64(index))
            return declaration
        }
        var result = StreamingTests.largeSheet(rows: 0)
        result.records = declarations.enumerated().map { index, declaration in
            ImportedRecord(record: .declaration(declaration), provenance: Provenance(file: result.file, sha256: result.sha256, line: index + 2))
        }
        result.rowsRead = result.records.count
        result.rowsAccepted = result.records.count
        let (whole, kept, streamed, outcome) = try StreamingTests.storedBothWays(result)
        let expected = result.records.map { $0.record.citing($0.provenance) }
        #expect(try streamed.records(submission: outcome.submission.id).map(\.record) == expected)
        #expect(try whole.records(submission: kept.submission.id).map(\.record) == expected)
    }

    @Test("the assembly reads an Ambito-year's declarations in file order, sorted by the store as SQLite sorted them")
    func assemblyOrderEqualsSQLOrder() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        // First a member's sheet filed for no Ambito, then a sheet filed for the Ambito in which
        // declarations that keep their JSON in `records` stand between those in their table: the
        // query reads the Ambito's submissions before the members', and `records` before `declarations`.
        try store.record(Fixtures.sheet([("SAD", 1), ("ADI", 2), ("SAD", 3)], by: Fixtures.cabras, file: "cabras.csv"))
        let (cabras, asl, cited) = (Self.declarations()[0], Self.declarations()[1], Self.declarations()[2])
        let result = TypedColumnsTests.result([asl, cited, cabras, cited, asl].map(CanonicalRecord.declaration), file: "piano.csv")
        _ = try store.record(result, subject: SubmissionSubject(ambito: "OR"), receivedAt: Date(), importedBy: nil)
        let assembled = { (ordersInSQL: Bool) in
            try store.dbQueue.read { db in
                var assembly = AmbitoYearAssembly(db: db, deliberations: store.deliberations)
                assembly.ordersInSQL = ordersInSQL
                return try assembly.assemble(ambito: "OR", year: 2019)?.year
            }
        }
        let sortedHere = try #require(try assembled(false))
        #expect(sortedHere == (try assembled(true)))
        #expect(sortedHere.declarations.map(\.amount.cents) == [1, 2, 3, 478_600, 5, -1_000, 5, 478_600])
        #expect(sortedHere.declarations.map { $0.provenance?.file } == [
            "cabras.csv", "cabras.csv", "cabras.csv", "piano.csv", "altro.csv", "piano.csv", "altro.csv", "piano.csv",
        ])
    }
}
