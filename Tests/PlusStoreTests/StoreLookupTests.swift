import Foundation
import Synchronization
import GRDB
import PlusModel
import Testing
@testable import PlusStore

/// The questions the store asks once per file or per Ambito-year go through an index, so that
/// their cost does not grow with the store: each of them once read every submission or scope of
/// a kind, which made a nightly run's time grow with the square of its files.
@Suite("The store's lookups per file and per Ambito-year")
struct StoreLookupTests {
    /// How SQLite would run `sql`: the detail lines of `EXPLAIN QUERY PLAN`.
    static func plan(_ sql: String, arguments: StatementArguments, in store: SQLiteStore) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test("a file sent again is looked for by its checksum, whatever its ente and year")
    func duplicateIsFoundByChecksum() throws {
        let store = try SQLiteStore.inMemory()
        // A plan table has no ente: the lookup by ente and year read every such submission of its year.
        for arguments: StatementArguments in [
            ["abc", "piano-servizi", 1, "service", nil, 2019],
            ["abc", "comune-scheda", 1, "declaration", "comune:095018", 2019],
            ["abc", "ambiti-membri", 1, "ambito_member", nil, nil],
        ] {
            let details = try Self.plan(SubmissionRow.duplicateSQL, arguments: arguments, in: store)
            #expect(details.contains { $0.contains("USING INDEX submissions_by_bytes") }, "\(details)")
            #expect(!details.contains { $0.hasPrefix("SCAN") }, "\(details)")
        }
    }

    @Test("the same bytes sent again are still a duplicate among many plan tables without an ente")
    func duplicateAmongManyWithoutEnte() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        // Plan tables of forty years, each current, none with an ente.
        func table(_ index: Int) -> ImportResult {
            var table = Fixtures.services(year: 1990 + index, file: "servizi-\(index).csv", [("S\(index)", Int64(100 * (index + 1)))])
            table.subject = SubmissionSubject(ambito: "OR", year: 1990 + index)
            return table
        }
        var stored: [Submission] = []
        for index in 0..<40 {
            guard case .stored(let submission, _, _) = try store.record(table(index)) else {
                Issue.record("table \(index) not stored")
                return
            }
            #expect(submission.subject.ente == nil)
            stored.append(submission)
        }
        for index in [0, 7, 39] {
            let outcome = try store.record(table(index))
            guard case .duplicate(let existing) = outcome else {
                Issue.record("table \(index) sent again not told as a duplicate: \(outcome)")
                continue
            }
            #expect(existing.id == stored[index].id)
        }
        // Other bytes for a year already sent are no duplicate.
        var other = Fixtures.services(year: 1997, file: "servizi-7.csv", [("S7", 999)])
        other.subject = SubmissionSubject(ambito: "OR", year: 1997)
        guard case .stored = try store.record(other) else {
            Issue.record("a corrected table told as a duplicate")
            return
        }
    }

    @Test("an Ambito-year's scopes are read through their index, from it alone")
    func scopesAreFoundByAmbitoYear() throws {
        let store = try SQLiteStore.inMemory()
        let details = try Self.plan(AmbitoYearAssembly.incompleteSubmissionsSQL, arguments: ["OR", 2019], in: store)
        #expect(details.contains { $0.contains("USING COVERING INDEX submission_scopes_by_ambito_year") }, "\(details)")
        #expect(!details.contains { $0.hasPrefix("SCAN") }, "\(details)")
        let years = try Self.plan("SELECT DISTINCT year FROM submission_scopes WHERE ambito = ?", arguments: ["OR"], in: store)
        #expect(years.contains { $0.contains("submission_scopes_by_ambito_year") }, "\(years)")
    }

    /// Two Sardinian Ambiti (OR, GH: no region stated, so read as Sardinia's) beside an Emilia-Romagna district (CFE).
    static let ghilarza = Ambito(
        code: "GH", name: "Ghilarza-Bosa", capofila: "095022",
        comuni: [MemberComune(istatCode: "095022", name: "Ghilarza", population: 4_300)])

    static func allocations(_ codes: [String], year: Int = 2019) -> ImportResult {
        let file = "dgr-\(codes.joined(separator: "-")).xml"
        let sha = Checksum.sha256(Data(file.utf8))
        return ImportResult(
            file: file, sha256: sha, byteCount: 100, mapping: "dgr-riparto", mappingVersion: 1, status: .accepted,
            rowsRead: codes.count,
            records: codes.enumerated().map { index, code in
                ImportedRecord(
                    record: .allocation(RegionalAllocation(
                        year: year, ambito: code, population: 1_000, equalShare: Money(euros: 100),
                        populationShare: Money(euros: 100), udpShare: Money(euros: 0), total: Money(euros: 200))),
                    provenance: Provenance(file: file, sha256: sha, xpath: "/delibera/ambito[\(index + 1)]"))
            })
    }

    @Test("an act's allocations change the Ambiti of their own regions, an unknown Ambito's every one")
    func allocationsTouchTheirRegions() throws {
        for codes in [["OR"], ["CFE"], ["OR", "CFE"], ["OR", "GH", "OR"], ["ZZZ"], ["CFE", "ZZZ"], []] {
            let store = try SQLiteStore.inMemory()
            try store.saveReference([Fixtures.ambito, Self.ghilarza, SecondRegionTests.district])
            let result = Self.allocations(codes)
            // What each allocation changed when it asked the store for the Ambiti of the other regions.
            let expected: Set<AmbitoYearRef> = try store.dbQueue.read { db in
                let known = try Membership.knownAmbiti(in: db).union(codes)
                var refs = Set<AmbitoYearRef>()
                for code in codes {
                    let other = try Membership.ambitiOfOtherRegions(than: [code], in: db)
                    for ambito in known.subtracting(other).union([code]) { refs.insert(AmbitoYearRef(ambito: ambito, year: 2019)) }
                }
                return refs
            }
            let outcome = try store.record(result)
            guard case .stored(_, _, let touched) = outcome else {
                Issue.record("not stored: \(outcome)")
                continue
            }
            #expect(Set(touched) == expected, "\(codes)")
        }
    }

    /// `count` Ambiti of three Comuni each, the second with another signatory.
    static func referenceAmbiti(_ count: Int) -> [Ambito] {
        (0..<count).map { index in
            let comuni = (0..<3).map { member in
                MemberComune(istatCode: String(format: "%06d", 100_000 + 10 * index + member), name: "Comune \(index)-\(member)",
                             population: 1_000 + member, province: "OR")
            }
            return Ambito(
                code: "A\(index)", name: "Ambito \(index)", capofila: comuni[0].istatCode, comuni: comuni,
                otherSignatories: index == 1 ? [Signatory(ente: EnteRef(kind: .altro, code: "ASP"), name: "Azienda")] : [])
        }
    }

    @Test("a reference file reads the stored Ambiti' members in one query and saves only the Ambiti it changes")
    func referenceFileReadsMembersOnce() throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_560_000_000))
        let store = try SQLiteStore.inMemory(now: clock.now)
        let before = Self.referenceAmbiti(40)
        try store.saveReference(before)
        clock.advance(by: 3600)
        // One Ambito's Comune grows, one Ambito is new, one loses its other signatory, the rest stay.
        var after = before
        after[7].comuni[2].population += 1
        after[1].otherSignatories = []
        after.append(Self.referenceAmbiti(41)[40])
        let statements = Mutex<[String]>([])
        try store.dbQueue.writeWithoutTransaction { db in
            db.trace { event in statements.withLock { $0.append(event.description) } }
        }
        let outcome = try store.record(
            try store.prepare(Fixtures.members([])), subject: SubmissionSubject(), receivedAt: clock.now(), importedBy: nil,
            updatingReference: { stored in
                #expect(stored == before.sorted { $0.code < $1.code })
                return after
            })
        try store.dbQueue.writeWithoutTransaction { db in db.trace(options: [], nil) }
        guard case .stored = outcome else {
            Issue.record("not stored: \(outcome)")
            return
        }
        let memberReads = statements.withLock { $0 }.filter { $0.contains("SELECT") && $0.contains("ambito_members") }
        // One per Ambito, twice, before: 80 reads of members for 40 Ambiti.
        #expect(memberReads.count == 1, "\(memberReads.count) reads of members")
        #expect(try store.ambiti() == after.sorted { $0.code < $1.code })
        // Only what changed was written again: the others keep their date.
        let changed = try store.dbQueue.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM ambiti WHERE changed_at > ? ORDER BY code", arguments: [clock.now() - 60])
        }
        #expect(changed == ["A1", "A40", "A7"])
    }
}
