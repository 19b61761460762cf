import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// Schema v12: cost shares in a narrow table of their own, typed, and the stores written before moved there.
@Suite("How cost shares are kept: a table of their own")
struct CostShareTableTests {
    /// A Comune's share with a stated percentage, an ASL's, and one citing another file (which keeps its JSON).
    static func split() -> ImportResult {
        var result = Fixtures.split([("SAD", Fixtures.cabras, 120_000), ("SAD", Fixtures.asl, 80_000), ("ADI", Fixtures.oristano, -5)])
        result.records[0].record = .costShare(CostShare(service: "SAD", ente: Fixtures.cabras, amount: Money(cents: 120_000), basisPoints: 6_000))
        result.records[2].record = .costShare(CostShare(
            service: "ADI", ente: Fixtures.oristano, amount: Money(cents: -5),
            provenance: Provenance(file: "altro.csv", sha256: "bbbb", line: 9)))
        return result
    }

    static let rowColumns = "ordinal, line, xpath, year, ente, service, amount_cents, basis_points"

    static func rows(of store: SQLiteStore) throws -> [Row] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.rowColumns) FROM cost_shares ORDER BY submission_id, ordinal")
        }
    }

    @Test("a cost share's columns are typed: integers for the year, the Comune's code, the cents and the basis points")
    func typedColumns() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let result = Self.split()
        let id = try store.record(result).submission.id
        #expect(try store.records(submission: id).map(\.record) == result.records.map { $0.record.citing($0.provenance) })
        let stored = try Fixtures.storedTypes(
            of: "cost_shares", columns: ["submission_id", "ordinal", "line", "year", "ente", "service", "amount_cents", "basis_points"],
            in: store)
        #expect(stored.types == [
            ["integer", "integer", "integer", "integer", "integer", "text", "integer", "integer"],
            ["integer", "integer", "integer", "integer", "text", "text", "integer", "null"],
        ])
        #expect(stored.entes == [95018.databaseValue, "asl:ASL5".databaseValue])
        // The one citing another file keeps its JSON in `records`, and the Ambito-year reads all three in file order.
        #expect(try store.tableCounts()["records"] == 1)
        let assembled = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(assembled.costShares.map(\.amount.cents) == [120_000, 80_000, -5])
        #expect(assembled.costShares.map(\.provenance?.line) == [2, 3, 9])
    }

    @Test("a streamed split stores the same rows as a whole import, its year fixed before, part way or never",
          arguments: [0, 2, nil])
    func streamedRowsEqualWhole(yearAfter: Int?) throws {
        let result = Fixtures.split((0..<5).map { ("S\($0 % 2)", $0 % 2 == 0 ? Fixtures.cabras : Fixtures.asl, Int64($0 + 1) * 100) })
        let whole = try SQLiteStore.inMemory(now: StreamingTests.clock)
        let streamed = try SQLiteStore.inMemory(now: StreamingTests.clock)
        for store in [whole, streamed] { try store.saveReference([Fixtures.ambito]) }
        _ = try whole.record(result, subject: result.subject, receivedAt: StreamingTests.received, importedBy: "plus run")
        _ = try StreamingTests.stream(result, into: streamed, yearAfter: yearAfter)
        let rows = try Self.rows(of: streamed)
        #expect(rows.count == 5)
        #expect(rows == (try Self.rows(of: whole)))
        #expect(rows.allSatisfy { $0["year"] as Int? == 2019 })
        #expect(try streamed.tableCounts()["records"] == 0)
        let assembled = try streamed.ambitoYear(ambito: "OR", year: 2019)
        #expect(assembled?.costShares.count == 5)
        #expect(assembled == (try whole.ambitoYear(ambito: "OR", year: 2019)))
    }

    @Test("a thousand cost shares with services of every length, inline or not, read back as written, streamed and whole")
    func manySharesOfMixedServicesReadBackAsWritten() throws {
        // Services bound where they lie in the batch: each differs from its neighbours, so that one
        // read from another row's place shows.
        let lengths = [1, 5, InlineTexts.capacity - 1, InlineTexts.capacity, InlineTexts.capacity + 1, 300]
        let result = Fixtures.split((0..<1_000).map { index in
            let tag = "\(index)-"
            let service = tag + String(repeating: "è", count: max(0, lengths[index % lengths.count] - tag.utf8.count) / 2)
            return (service, index % 2 == 0 ? Fixtures.cabras : Fixtures.asl, Int64(index + 1))
        })
        let whole = try SQLiteStore.inMemory(now: StreamingTests.clock)
        let streamed = try SQLiteStore.inMemory(now: StreamingTests.clock)
        for store in [whole, streamed] { try store.saveReference([Fixtures.ambito]) }
        let kept = try whole.record(result, subject: result.subject, receivedAt: StreamingTests.received, importedBy: "plus run")
        let outcome = try StreamingTests.stream(result, into: streamed)
        let expected = result.records.map { $0.record.citing($0.provenance) }
        #expect(try whole.records(submission: kept.submission.id).map(\.record) == expected)
        func shares(_ records: [CanonicalRecord]) -> [String] {
            records.compactMap { record in
                guard case .costShare(let share) = record else { return nil }
                return "\(share.service) \(share.ente) \(share.amount.cents)"
            }
        }
        let streamedBack = try streamed.records(submission: outcome.submission.id).map(\.record)
        #expect(shares(streamedBack).count == 1_000)
        #expect(shares(streamedBack) == shares(expected))
    }

    @Test("a streamed split's codes of another period are read as today's, as on a whole import")
    func streamedCodesTranslated() throws {
        let comuni = [
            MemberComune(istatCode: "111999", name: "Comune A", population: 0, codes: [
                ComuneCode(code: "090999", from: 1995, through: 2005), ComuneCode(code: "111999", from: 2006),
            ])
        ]
        let split = Fixtures.split(year: 2004, [("SAD", EnteRef(comune: "090999"), 100), ("SAD", Fixtures.asl, 50)])
        let whole = try ComuneCodeHistoryTests.store(with: comuni)
        let streamed = try ComuneCodeHistoryTests.store(with: comuni)
        let kept = try whole.record(split, subject: split.subject, receivedAt: StreamingTests.received, importedBy: "plus run")
        let outcome = try StreamingTests.stream(split, into: streamed)
        let read = try streamed.records(submission: outcome.submission.id)
        #expect(read == (try whole.records(submission: kept.submission.id)))
        #expect(read.map(\.record.ente) == [EnteRef(comune: "111999"), Fixtures.asl])
        #expect(try Self.rows(of: streamed).map { $0["ente"] as DatabaseValue } == [111_999.databaseValue, "asl:ASL5".databaseValue])
        #expect(try streamed.diagnostics(submission: outcome.submission.id).map(\.code) == ["IST001"])
    }

    /// A store as the previous release wrote it at `path`: schema v11, the split in `records` as its
    /// insert wrote it, and a second split under a submission without a year (its rows without one
    /// too). The split's records, as they read back.
    static func writeV11Store(at path: String) throws -> [CanonicalRecord] {
        let previous = try Fixtures.releasedStore(at: path, upTo: "v11")
        let result = Self.split()
        let source = Provenance(file: result.file, sha256: result.sha256)
        try previous.write { db in
            for (id, year) in [(1, 2019), (2, nil)] {
                try Fixtures.insertReleasedSubmission(
                    db, id: id, file: result.file, sha256: result.sha256, mapping: "capofila-riparto", ente: "comune:095038",
                    ambito: "OR", year: year, key: ("cost_share", "OR"), rows: 3)
                for (ordinal, imported) in result.records.enumerated() {
                    var row = try EncodedRecord(imported, source: source)
                    row.year = id == 1 ? 2019 : nil
                    var binder = StatementBinder(try db.makeStatement(sql: EncodedRecord.insertSQL(rows: 1)))
                    row.bind(submission: Int64(id), ordinal: ordinal, to: &binder)
                    try binder.step(in: db)
                }
            }
        }
        try previous.close()
        return result.records.map { $0.record.citing($0.provenance) }
    }

    @Test("a v11 store's cost shares move to their own table on opening, and read back equal")
    func migratesFromV11() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        let cited = try Self.writeV11Store(at: path)

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedSchemaVersions() == Schema.versions)
        #expect(try store.records(submission: 1).map(\.record) == cited)
        #expect(try store.records(submission: 2).map(\.record) == cited)
        #expect(try store.tableCounts()["cost_shares"] == 4)
        #expect(try store.dbQueue.read { db in try String.fetchAll(db, sql: "SELECT payload FROM records") }.allSatisfy { !$0.isEmpty })
        #expect(try Self.rows(of: store).map { $0["year"] as Int? } == [2019, 2019, nil, nil])
        try store.saveReference([Fixtures.ambito])
        let assembled = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(assembled.costShares.map(\.amount.cents) == [120_000, 80_000, -5])
        #expect(assembled.costShares.first?.basisPoints == 6_000)
        try store.integrityCheck()
    }

    @Test("a move to v12 that fails at its last step leaves the v11 store as it was; the next opening completes it")
    func failedMigrationLeavesV11() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        let cited = try Self.writeV11Store(at: path)
        // A trigger refuses the move's last statement, the delete from `records`, after the
        // cost shares were copied into their new table: what a kill at that point leaves undone.
        let refusing = try DatabaseQueue(path: path)
        try refusing.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_move BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        try refusing.close()

        #expect(throws: (any Error).self) { try SQLiteStore(path: path) }
        let after = try DatabaseQueue(path: path)
        let (applied, hasTable, wide) = try after.read { db in
            (try Schema.migrator.appliedMigrations(db), try db.tableExists("cost_shares"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE kind = 'cost_share'"))
        }
        #expect(applied.last == "v11")
        #expect(!hasTable)
        #expect(wide == 6)
        try after.write { db in try db.execute(sql: "DROP TRIGGER refuse_move") }
        try after.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedSchemaVersions() == Schema.versions)
        #expect(try store.records(submission: 1).map(\.record) == cited)
        #expect(try store.tableCounts()["cost_shares"] == 4)
        try store.integrityCheck()
    }
}
