import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

@Suite("How records are kept: the JSON payload")
struct PayloadTests {
    /// Deterministic pseudo-random values, so a failure can be replayed.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let texts = [
        "SAD", "S001", "Centro diurno \"Il Girasole\"", "a/b\\c", "riga uno\nriga due", "tab\tqui\r", "Città è più €",
        "", "😀 emoji", "Doberdò del Lago-Doberdob", "</script>",
    ]

    static func records(count: Int) -> [CanonicalRecord] {
        var dice = Dice(state: 42)
        let enti = [EnteRef(comune: "095018"), EnteRef(kind: .asl, code: "ASL5"), EnteRef(kind: .provincia, code: "OR")]
        return (0..<count).map { index in
            let text = texts[dice.next(texts.count)]
            let amount = Money(cents: Int64(dice.next(2_000_000_000)) - 1_000_000)
            let ente = enti[dice.next(enti.count)]
            if index % 2 == 0 {
                return .declaration(Declaration(
                    ente: ente, year: 2000 + dice.next(30), service: text, amount: amount,
                    note: dice.next(3) == 0 ? nil : texts[dice.next(texts.count)]))
            }
            return .costShare(CostShare(
                service: text, ente: ente, amount: amount, basisPoints: dice.next(2) == 0 ? nil : Int64(dice.next(10_001))))
        }
    }

    @Test("declarations and cost shares are written exactly as JSONEncoder writes them, and read back")
    func fastPathIsFoundationsText() throws {
        for record in Self.records(count: 2_000) {
            let fast = try #require(PlanRecordJSON.encode(record), "\(record)")
            let foundation = String(decoding: try RecordCoding.encoder.encode(record), as: UTF8.self)
            #expect(fast == foundation)
            #expect(PlanRecordJSON.decode(fast) == record)
            #expect(try RecordCoding.decode(fast) == record)
        }
    }

    @Test("anything out of the plain shape goes through Foundation, both ways")
    func otherShapesFallBack() throws {
        let provenance = Provenance(file: "cabras.csv", sha256: String(repeating: "a", count: 64), line: 3)
        let unusual: [CanonicalRecord] = [
            .declaration(Declaration(ente: EnteRef(comune: "095018"), year: 2019, service: "SAD", amount: Money(cents: 1), provenance: provenance)),
            .declaration(Declaration(
                ente: EnteRef(comune: "095018"), year: 2019, service: "SAD", amount: Money(cents: 1),
                approvedOn: CivilDate(year: 2019, month: 3, day: 12))),
            .costShare(CostShare(service: "bell\u{07}", ente: EnteRef(comune: "095018"), amount: Money(cents: 5))),
            .service(PlannedService(code: "SAD", name: "Assistenza", totalCost: Money(cents: 100))),
        ]
        for record in unusual {
            #expect(PlanRecordJSON.encode(record) == nil)
            let payload = try RecordCoding.encode(record)
            #expect(PlanRecordJSON.decode(payload) == nil)
            #expect(try RecordCoding.decode(payload) == record)
        }
        // Foundation's spelling of what the fast path leaves to it still reads back.
        let escaped = #"{"costShare":{"_0":{"amount":5,"ente":"comune:095018","service":"\u00e8"}}}"#
        #expect(PlanRecordJSON.decode(escaped) == nil)
        #expect(try RecordCoding.decode(escaped) == .costShare(CostShare(service: "è", ente: EnteRef(comune: "095018"), amount: Money(cents: 5))))
        #expect(PlanRecordJSON.decode(#"{"costShare":{"_0":{"amount":5,"ente":"comune:095018"}}}"#) == nil)
        #expect(PlanRecordJSON.decode(#"{"costShare":{"_0":{"amount":5,"ente":"comune:095018","service":"S"}}} "#) == nil)
    }

    @Test("a submission's details read by hand are what Foundation reads, or are left to it; seeded hostile texts")
    func detailsReadAsFoundationReads() throws {
        var dice = Dice(state: 14)
        let texts = Self.texts + ["bell\u{07}", #"\u00e8"#, "{", "}", ":", ",", "\"", "\\"]
        let bytes = Array(#"{}":," \/nu0aé"#.utf8)
        var readByHand = 0
        for round in 0..<3_000 {
            var details: [String: String] = [:]
            for _ in 0..<dice.next(6) { details[texts[dice.next(texts.count)]] = texts[dice.next(texts.count)] }
            var text = Array(try RecordCoding.encoder.encode(details))
            // Every other text damaged: bytes replaced, inserted or removed, where Foundation may refuse it.
            if round % 2 == 1 {
                for _ in 0...dice.next(3) {
                    let at = dice.next(text.count + 1)
                    switch dice.next(3) {
                    case 0 where at < text.count: text[at] = bytes[dice.next(bytes.count)]
                    case 1: text.insert(bytes[dice.next(bytes.count)], at: at)
                    default: if at < text.count { text.remove(at: at) }
                    }
                }
            }
            let written = String(decoding: text, as: UTF8.self)
            let foundation = try? RecordCoding.decoder.decode([String: String].self, from: Data(written.utf8))
            if let byHand = PlanRecordJSON.decodeStrings(written) {
                readByHand += 1
                #expect(byHand == foundation, "\(written)")
            }
            #expect((try? SubmissionRow.details(written)) == foundation, "\(written)")
            if round % 2 == 0 && !details.keys.contains("bell\u{07}") && !details.values.contains("bell\u{07}") {
                #expect(PlanRecordJSON.decodeStrings(written) == details, "\(written)")
            }
        }
        #expect(readByHand > 1_500)
        #expect(PlanRecordJSON.decodeStrings(#"{"a":"1","a":"2"}"#) == nil)
        #expect(PlanRecordJSON.decodeStrings(#"{"a":"1"} "#) == nil)
        #expect(PlanRecordJSON.decodeStrings(#"{ "a":"1"}"#) == nil)
        #expect(PlanRecordJSON.decodeStrings(#"{"a":1}"#) == nil)
        #expect(PlanRecordJSON.decodeStrings("{}") == [:])
    }

    @Test("a record citing its own row is stored without the citation, and read back with it")
    func citationIsStoredOnce() throws {
        let store = try SQLiteStore.inMemory()
        var sheet = Fixtures.sheet([("SAD", 400_000), ("ADI", 1_000)])
        // Cited in the record itself, as importers do; the second cites another file.
        sheet.records = sheet.records.enumerated().map { index, imported in
            guard case .declaration(var declaration) = imported.record else { return imported }
            declaration.provenance = index == 0 ? imported.provenance : Provenance(file: "altro.csv", sha256: "bb", line: 9)
            return ImportedRecord(record: .declaration(declaration), provenance: imported.provenance)
        }
        let id = try store.record(sheet).submission.id

        let payloads = try store.dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM records WHERE submission_id = ? ORDER BY ordinal", arguments: [id])
        }
        // The first, whole in columns, is in the declarations' own table (schema v8).
        #expect(payloads.count == 1 && payloads[0].contains("altro.csv"))
        #expect(try store.tableCounts()["declarations"] == 1)
        let read = try store.records(submission: id).map(\.record)
        #expect(read == sheet.records.map(\.record))
    }

    @Test("the store writes ahead of its file; synchronize makes it durable and a reopened store has it all")
    func writeAheadLog() throws {
        let path = Fixtures.temporaryPath()
        defer { Fixtures.removeStore(at: path) }
        let store = try SQLiteStore(path: path)
        let id = try store.record(Fixtures.sheet([("SAD", 400_000)])).submission.id
        #expect(try store.dbQueue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        try store.synchronize()

        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.records(submission: id).map(\.record.amount) == [Money(cents: 400_000)])
    }

    @Test("a declaration or cost share its columns say whole is stored without JSON, and read back the same")
    func wholeInColumns() throws {
        let store = try SQLiteStore.inMemory()
        var sheet = Fixtures.sheet([("SAD", 400_000), ("ADI", -1_000)])
        sheet.records[1] = ImportedRecord(
            record: .declaration(Declaration(ente: Fixtures.cabras, year: 2019, service: "ADI", amount: Money(cents: -1_000), note: "provvisorio")),
            provenance: sheet.records[1].provenance)
        let split = Fixtures.split([("SAD", Fixtures.cabras, 400_000)])
        var percentages = Fixtures.split(file: "riparto-percentuali.csv", [("ADI", Fixtures.oristano, 7)])
        percentages.records[0] = ImportedRecord(
            record: .costShare(CostShare(service: "ADI", ente: Fixtures.oristano, amount: Money(cents: 7), basisPoints: 4_127)),
            provenance: percentages.records[0].provenance)
        for result in [sheet, split, percentages] {
            let id = try store.record(result).submission.id
            let payloads = try store.dbQueue.read { db in
                try String.fetchAll(db, sql: "SELECT payload FROM records WHERE submission_id = ? ORDER BY ordinal", arguments: [id])
            }
            // Declarations and cost shares whole in columns have tables of their own (schema v8, v12).
            let expected = result.records.filter { !["declaration", "cost_share"].contains($0.record.kindName) || !EncodedRecord.isWholeInColumns($0.record) }
                .map { EncodedRecord.isWholeInColumns($0.record) ? "" : "json" }
            #expect(payloads.map { $0.isEmpty ? "" : "json" } == expected)
            #expect(try store.records(submission: id).map(\.record) == result.records.map { $0.record.citing($0.provenance) })
        }
        // A note and a percentage have columns of their own since v5: no row needs JSON.
        #expect(try store.tableCounts()["records"] == 0)
        #expect(try store.tableCounts()["declarations"] == 2)
        #expect(try store.tableCounts()["cost_shares"] == 2)
    }

    @Test("a row whose columns lack what its kind needs is reported, not guessed")
    func incompleteRowIsReported() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.record(Fixtures.sheet([("SAD", 400_000)])).submission.id
        try store.dbQueue.write { db in try db.execute(sql: "UPDATE declarations SET ente = NULL WHERE submission_id = ?", arguments: [id]) }
        #expect(throws: StoreError.corruptRecord(kind: "declaration")) { try store.records(submission: id) }
        #expect(StoreError.corruptRecord(kind: "declaration").message.en.contains("incomplete"))
    }
}
