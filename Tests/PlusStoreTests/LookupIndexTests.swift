import Foundation
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// The records' index by kind, year and ente (schema v10) holds only the kinds read by kind, and
/// every query by kind still finds its records through it; the reference Ambiti are found by
/// their signatories' indexes (schema v11).
@Suite("The store's lookups by index")
struct LookupIndexTests {
    /// A store with records of every kind an Ambito-year is made of: membership, a Comune's
    /// declarations filed for no Ambito, services, a cost split and the Region's deliberation.
    static func store() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let allai = MemberComune(istatCode: "095001", name: "Allai", population: 372, province: "OR")
        try store.record(Fixtures.members(Fixtures.ambito.comuni + [allai]))
        try store.record(Fixtures.sheet([("SAD", 120_000), ("ADI", 30_000)]))
        try store.record(Fixtures.services([("SAD", 200_000), ("ADI", 50_000)]))
        try store.record(Fixtures.split([("SAD", Fixtures.cabras, 120_000), ("SAD", Fixtures.oristano, 80_000)]))
        try store.record(Fixtures.deliberation())
        return store
    }

    @Test("holds every record but the cost shares and the services, which are read by submission")
    func entries() throws {
        let store = try Self.store()
        let (byKind, indexed, all, dataset) = try store.dbQueue.read { db in
            (
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM records GROUP BY kind")
                    .map { ($0["kind"] as String, $0["n"] as Int) }),
                try Int.fetchOne(db, sql: """
                    SELECT sum(ncell) FROM dbstat WHERE name = 'records_by_kind_year_ente' AND pagetype = 'leaf'
                    """) ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE kind NOT IN ('cost_share', 'service')") ?? 0
            )
        }
        // The cost shares are in their own table (schema v12), which has no index but its key.
        #expect(byKind["cost_share"] == nil && byKind["service"] == 2 && byKind["comune"] == 3 && byKind["deliberation"] == 1)
        #expect(try store.tableCounts()["cost_shares"] == 2)
        #expect(indexed == dataset)
        #expect(indexed == all - 2)
    }

    @Test("no query of an Ambito-year's assembly or of a Comune's Ambiti reads every record")
    func queriesUseIndexes() throws {
        let store = try Self.store()
        var assembled: AmbitoYear?
        let statements = try Self.statements(of: store) {
            // Assembly reads members, declarations by ente, cost shares, services and the deliberation;
            // a sheet of a Comune of no Ambito in its name is placed through its membership.
            assembled = try store.ambitoYear(ambito: "OR", year: 2019)
            try store.record(Fixtures.sheet([("SAD", 1_000)], file: "cabras-2.csv"))
        }
        let plan = try #require(assembled)

        #expect(plan.ambito.comuni.count == 3)
        #expect(plan.declarations.map(\.amount) == [Money(cents: 120_000), Money(cents: 30_000)])
        #expect(plan.costShares.count == 2)
        let reading = statements.filter { $0.range(of: #"\brecords\b"#, options: .regularExpression) != nil && $0.contains("SELECT") }
        #expect(reading.contains { $0.contains("r.kind = 'comune'") })
        #expect(reading.contains { $0.contains("r.kind = 'deliberation'") })
        for sql in Set(reading) {
            let plan = try Self.plan(of: sql, in: store)
            // "SCAN r" (or "SCAN records") is a read of every record; "SEARCH r USING INDEX" is not.
            #expect(!plan.contains { $0.range(of: #"^SCAN (r|records)\b"#, options: .regularExpression) != nil }, "\(sql)\n\(plan)")
        }
    }

    @Test("the Ambiti that name a Comune, an ASL or a capofila are found by index, not by reading every Ambito")
    func signatoriesUseIndexes() throws {
        let store = try Self.store()
        var outcomes: [SubmissionOutcome] = []
        let statements = try Self.statements(of: store) {
            // Sheets that name no Ambito: a Comune's and the ASL's are placed by the Ambiti that name
            // them, the capofila's plan table by the Ambito it leads.
            outcomes.append(try store.record(Fixtures.sheet([("SAD", 1_000)], file: "cabras-2.csv")))
            outcomes.append(try store.record(Fixtures.sheet([("SAD", 2_000)], by: Fixtures.asl, file: "asl.csv")))
            outcomes.append(try store.record(Fixtures.services(file: "servizi-2.csv", [("SAD", 300_000)])))
        }

        #expect(outcomes.map(\.submission.subject.ambito) == ["OR", "OR", "OR"])
        let reading = Set(statements.filter { $0.range(of: #"FROM ambiti\b"#, options: .regularExpression) != nil })
        #expect(reading.contains { $0.contains("capofila = ?") })
        #expect(reading.contains { $0.contains("asl_ente = ?") })
        #expect(reading.contains { $0.contains("other_signatories") })
        for sql in reading {
            let plan = try Self.plan(of: sql, in: store)
            // "SCAN ambiti USING INDEX ambiti_with_other_signatories" reads only the Ambiti that have any.
            #expect(!plan.contains { $0 == "SCAN ambiti" || $0.hasPrefix("SCAN ambiti USING COVERING INDEX sqlite_autoindex") }, "\(sql)\n\(plan)")
        }
    }

    /// The statements the store's connection ran while `body` ran, from its trace.
    static func statements(of store: SQLiteStore, during body: () throws -> Void) throws -> [String] {
        let statements = Statements()
        try store.dbQueue.inDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
        }
        defer { try? store.dbQueue.inDatabase { db in db.trace(options: .statement, nil) } }
        try body()
        return statements.all
    }

    /// SQLite's plan of `sql`, its parameters all NULL: one line of `EXPLAIN QUERY PLAN` each step.
    static func plan(of sql: String, in store: SQLiteStore) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(
                Array(repeating: DatabaseValue.null, count: placeholders(in: sql)))).map { $0["detail"] as String }
        }
    }

    /// The number of `?` a statement binds (none of these statements quotes one).
    static func placeholders(in sql: String) -> Int { sql.filter { $0 == "?" }.count }

    /// The statements a connection ran, from its trace.
    final class Statements: @unchecked Sendable {
        private let lock = NSLock()
        private var sql: [String] = []
        func append(_ text: String) { lock.withLock { sql.append(text) } }
        var all: [String] { lock.withLock { sql } }
    }
}
