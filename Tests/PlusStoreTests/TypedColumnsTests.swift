import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// Schema v5: the plan's rows in typed columns, and the stores written before converted.
@Suite("How records are kept: typed columns")
struct TypedColumnsTests {
    /// A service stating everything a plan table can state, a declaration with a note and a date,
    /// a cost share with a percentage.
    static let service = PlannedService(
        code: "SAD", name: "Assistenza domiciliare «anziani»", area: "anziani", kind: .socioSanitario,
        management: .comune(istatCode: "095038"), location: "Oristano", totalCost: Money(cents: 12_345_678),
        funding: [.fondoRegionale: Money(cents: 10_000_000), .comuni: Money(cents: 2_345_678), .ue: .zero],
        sharingCriterion: .perResident,
        plan: PlanStatement(type: .plus, trienniumStart: 2017, version: 2, approvedBy: "Delibera C.C. 12/2019"))
    static let declaration = Declaration(
        ente: Fixtures.cabras, year: 2019, service: "ADI", amount: Money(cents: -1_000), note: "provvisorio",
        approvedOn: CivilDate(year: 2019, month: 3, day: 4))
    static let share = CostShare(service: "ADI", ente: Fixtures.oristano, amount: Money(cents: 7), basisPoints: 4_127)

    static func result(_ records: [CanonicalRecord], file: String) -> ImportResult {
        var result = Fixtures.services(file: file, [])
        result.records = records.enumerated().map { index, record in
            ImportedRecord(record: record, provenance: Provenance(file: file, sha256: result.sha256, line: index + 2))
        }
        result.rowsRead = records.count
        result.rowsAccepted = records.count
        return result
    }

    /// The columns of a record citing the row it is stored as are those of the record without the
    /// citation, as they were taken from a copy of it: for every provenance a record may have and
    /// every management, whether the columns can keep it or the record keeps its JSON.
    @Test func columnsOfARecordCitingItsRowAreThoseOfTheRecordWithout() {
        let row = Provenance(file: "piano.csv", sha256: "abc", line: 7)
        let provenances: [Provenance?] = [
            nil, row, Provenance(file: "piano.csv", sha256: "abc", line: 8), Provenance(file: "altro.csv", sha256: "abc", line: 7),
            Provenance(file: "piano.csv", sha256: "abc", line: 7, xpath: "/a"),
        ]
        let managements: [Management] = [.associata, .comune(istatCode: "095038"), .comune(istatCode: "ABC"), .comune(istatCode: " 1")]
        var records: [CanonicalRecord] = []
        for provenance in provenances {
            for management in managements {
                var service = Self.service
                service.management = management
                service.provenance = provenance
                records.append(.service(service))
            }
            var declaration = Self.declaration
            declaration.provenance = provenance
            var share = Self.share
            share.provenance = provenance
            records += [.declaration(declaration), .costShare(share)]
        }
        for record in records {
            #expect(PlanColumns(record, citing: row) == PlanColumns(record.uncited(row)), "\(record)")
        }
        #expect(records.contains { PlanColumns($0, citing: row) == nil } && records.contains { PlanColumns($0, citing: row) != nil })
    }

    @Test("declarations, cost shares and services are kept in typed columns, no JSON, and read back the same")
    func typedColumns() throws {
        let store = try SQLiteStore.inMemory()
        let result = Self.result([.service(Self.service), .declaration(Self.declaration), .costShare(Self.share)], file: "piano.csv")
        let id = try store.record(result).submission.id
        #expect(try store.records(submission: id).map(\.record) == result.records.map { $0.record.citing($0.provenance) })
        let rows = try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM records WHERE submission_id = ? ORDER BY ordinal", arguments: [id])
        }
        #expect(rows.map { $0["payload"] as String } == [""])
        // The declaration and the cost share are in tables of their own (schema v8, v12).
        let (declaration, share) = try store.dbQueue.read { db in
            (try Row.fetchOne(db, sql: "SELECT * FROM declarations WHERE submission_id = ?", arguments: [id]),
             try Row.fetchOne(db, sql: "SELECT * FROM cost_shares WHERE submission_id = ?", arguments: [id]))
        }
        let service = rows[0]
        #expect(service["name"] as String? == "Assistenza domiciliare «anziani»")
        #expect(service["area"] as String? == "anziani")
        #expect(service["service_kind"] as String? == "socio_sanitario")
        #expect(service["management"] as String? == "comune:095038")
        #expect(service["location"] as String? == "Oristano")
        #expect(service["sharing"] as String? == "residenti")
        #expect(service["amount_cents"] as Int64? == 12_345_678)
        #expect(service["fund_fondo_regionale"] as Int64? == 10_000_000)
        #expect(service["fund_comuni"] as Int64? == 2_345_678)
        #expect(service["fund_ue"] as Int64? == 0)
        #expect(service["fund_asl"] as Int64? == nil)
        #expect(service["plan_type"] as String? == "plus")
        #expect(service["triennium_start"] as Int64? == 2017)
        #expect(service["plan_version"] as Int64? == 2)
        #expect(service["approved_by"] as String? == "Delibera C.C. 12/2019")
        #expect(declaration?["note"] as String? == "provvisorio")
        #expect(declaration?["approved_on"] as String? == "2019-03-04")
        #expect(share?["basis_points"] as Int64? == 4_127)
    }

    @Test("a v4 store's JSON payloads move into the columns on opening, and read back equal")
    func migratesFromV4() throws {
        let path = Fixtures.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A store as the previous release wrote it: schema v4, payloads in the records' Codable JSON.
        let previous = try Fixtures.releasedStore(at: path, upTo: "v4")
        var ownProvenance = Self.declaration
        ownProvenance.provenance = Provenance(file: "altro.csv", sha256: "bbbb", line: 9)
        let records: [CanonicalRecord] = [
            .service(Self.service), .declaration(Self.declaration), .costShare(Self.share), .declaration(ownProvenance),
        ]
        try previous.write { db in
            try Fixtures.insertReleasedSubmission(
                db, file: "piano.csv", mapping: "capofila-servizi", ente: "comune:095038", ambito: "OR", year: 2019,
                key: ("service", "OR"), rows: 4)
            for (ordinal, record) in records.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO records (submission_id, ordinal, kind, ente, year, service, amount_cents, line, payload)
                        VALUES (1, ?, ?, ?, 2019, ?, ?, ?, ?)
                        """,
                    arguments: [
                        ordinal, record.kindName, record.ente?.description, record.service, record.amount?.cents, ordinal + 2,
                        String(decoding: try RecordCoding.encoder.encode(record), as: UTF8.self),
                    ])
            }
        }
        try previous.close()

        let store = try SQLiteStore(path: path)
        #expect(try store.appliedSchemaVersions() == Schema.versions)
        let cited = records.enumerated().map { index, record in
            record.citing(Provenance(file: "piano.csv", sha256: "aaaa", line: index + 2))
        }
        #expect(try store.records(submission: 1).map(\.record) == cited)
        let payloads = try store.dbQueue.read { db in try String.fetchAll(db, sql: "SELECT payload FROM records ORDER BY ordinal") }
        // The declaration and the cost share whole in columns moved to their own tables (v8, v12); the one
        // citing another file stays.
        #expect(payloads.map(\.isEmpty) == [true, false])
        #expect(try store.tableCounts()["declarations"] == 1)
        #expect(try store.tableCounts()["cost_shares"] == 1)
        #expect(try store.dbQueue.read { db in try Int64.fetchOne(db, sql: "SELECT fund_fondo_regionale FROM records WHERE kind = 'service'") }
            == 10_000_000)
    }

    @Test("a declaration or cost share read from its three columns is the record read from every column")
    func recordsReadFromTheirOwnColumns() throws {
        let store = try SQLiteStore.inMemory()
        var bare = Self.share
        bare.basisPoints = nil
        let records: [CanonicalRecord] = [
            .service(Self.service), .declaration(Self.declaration), .costShare(Self.share), .costShare(bare),
            .declaration(Declaration(ente: Fixtures.asl, year: 2019, service: "SAD", amount: Money(cents: 478_600))),
        ]
        _ = try store.record(Self.result(records, file: "piano.csv"))
        let rows = try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(RecordQuery.columns) FROM records r JOIN submissions s ON s.id = r.submission_id
                UNION ALL SELECT \(DeclarationRows.columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id
                UNION ALL SELECT \(CostShareRows.columns) FROM cost_shares c JOIN submissions s ON s.id = c.submission_id
                """)
        }
        #expect(rows.count == records.count)
        for row in rows {
            let kind: String = row[7]
            let read = { (columns: PlanColumns) in
                try columns.record(kind: kind, ente: row.ente(at: 8), year: row[9], service: row[10], amountCents: row[11])
            }
            let own = try RecordQuery.stored(row)
            #expect(own == (try read(PlanColumns(row: row, at: 12))))
            #expect(records.contains(own))
        }
    }
}
