import Foundation
import PlusModel
import Testing
@testable import PlusStore

@Suite("Submissions")
struct SubmissionTests {
    @Test("a submission keeps its file, counts, records with provenance, diagnostics and subject")
    func keepsEverything() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let result = Fixtures.sheet([("SAD", 478_600), ("ADI", 12_345)])
        let received = Date(timeIntervalSince1970: 1_574_000_000)

        let outcome = try store.record(result, subject: SubmissionSubject(), receivedAt: received, importedBy: "inbox/cabras")

        guard case .stored(let submission, let superseded, let touched) = outcome else {
            Issue.record("expected a new submission, got \(outcome)")
            return
        }
        #expect(superseded.isEmpty)
        #expect(touched == [AmbitoYearRef(ambito: "OR", year: 2019)])
        #expect(submission.status == .accepted)
        #expect(submission.sha256 == result.sha256)
        #expect(submission.mapping == "comune-scheda")
        #expect(submission.subject == SubmissionSubject(ente: Fixtures.cabras, ambito: "OR", year: 2019))
        #expect(submission.key == SupersedeKey(kind: "declaration", scope: "comune:095018", year: 2019))
        #expect(abs(submission.receivedAt.timeIntervalSince(received)) < 0.001)
        #expect(submission.importedBy == "inbox/cabras")
        #expect(submission.details["encoding"] == "windows-1252")
        #expect((submission.rowsRead, submission.recordCount) == (2, 2))
        #expect(try store.submission(id: submission.id) == submission)

        let records = try store.records(submission: submission.id)
        #expect(records.map(\.provenance.line) == [2, 3])
        #expect(records.allSatisfy { $0.provenance.file == "cabras.csv" && $0.provenance.sha256 == result.sha256 })
        guard case .declaration(let sad) = records.first?.record else {
            Issue.record("expected a declaration")
            return
        }
        #expect(sad.amount == Money(cents: 478_600))
        #expect(try store.diagnostics(submission: submission.id) == result.diagnostics)
    }

    @Test(
        "the submission a record returns is the one read back, its dates cut to the stored millisecond",
        arguments: [ImportStatus.accepted, .rejected])
    func returnedAsStored(status: ImportStatus) throws {
        // Fractions below the millisecond, which the stored text drops: the store returns the
        // inserted row without reading it back, and must give what reading it back gives.
        let stored = Date(timeIntervalSince1970: 1_574_000_123.456_789)
        let store = try SQLiteStore.inMemory(now: { stored })
        try store.saveReference([Fixtures.ambito])
        let received = Date(timeIntervalSince1970: 1_574_000_000.987_654_3)

        let outcome = try store.record(
            Fixtures.sheet([("SAD", 478_600)], status: status), subject: SubmissionSubject(), receivedAt: received,
            importedBy: "inbox/cabras")

        guard case .stored(let submission, _, _) = outcome else {
            Issue.record("expected a new submission, got \(outcome)")
            return
        }
        #expect(try store.submission(id: submission.id) == submission)
        #expect(submission.receivedAt != received && abs(submission.receivedAt.timeIntervalSince(received)) < 0.001)
        #expect(submission.storedAt != stored && abs(submission.storedAt.timeIntervalSince(stored)) < 0.001)
        #expect(submission.status == (status == .accepted ? .accepted : .rejected))
    }

    @Test("the same bytes again change nothing and say so")
    func idempotentReimport() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.record(Fixtures.sheet([("SAD", 478_600)]))
        let before = try store.tableCounts()

        let again = try store.record(Fixtures.sheet([("SAD", 478_600)]), receivedAt: Date().addingTimeInterval(3600))

        #expect(again == .duplicate(existing: first.submission))
        #expect(again.touched.isEmpty)
        #expect(again.summary.it == "«cabras.csv» è già stato importato (invio n. 1, accettata): nessuna modifica.")
        #expect(again.summary.en == "“cabras.csv” was already imported (submission 1, accepted): nothing changed.")
        #expect(try store.tableCounts() == before)
        #expect(try store.submissions(ambito: nil, year: nil, includeHistory: true).count == 1)
    }

    @Test("the same bytes are recognised even when reference data arrived in between")
    func duplicateAfterReferenceChange() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.record(Fixtures.services([("SAD", 1_000_000)]))
        #expect(first.submission.subject.ambito == nil)
        try store.saveReference([Fixtures.ambito])
        let before = try store.tableCounts()

        let again = try store.record(Fixtures.services([("SAD", 1_000_000)]))

        #expect(again.isDuplicate)
        #expect(again.submission.id == first.submission.id)
        #expect(try store.tableCounts() == before)
    }

    @Test("the same bytes read with a newer mapping version are a new submission")
    func newMappingVersionIsNotADuplicate() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.record(Fixtures.sheet([("SAD", 478_600)]))
        let second = try store.record(Fixtures.sheet([("SAD", 478_600)], mappingVersion: 2))

        #expect(!second.isDuplicate)
        #expect(second.superseded == [first.submission.id])
    }

    @Test("a newer sheet of the same ente and year supersedes the older, which stays as history")
    func supersedeWithHistory() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let old = try store.record(Fixtures.sheet([("SAD", 100_000)], file: "cabras-v1.csv")).submission
        let new = try store.record(Fixtures.sheet([("SAD", 120_000), ("ADI", 5_000)], file: "cabras-v2.csv"))

        #expect(new.superseded == [old.id])
        #expect(new.summary.en == "“cabras-v2.csv” stored (submission 2): 2 records; supersedes submission 1.")
        let replaced = try #require(try store.submission(id: old.id))
        #expect(replaced.status == .superseded)
        #expect(replaced.supersededBy == new.submission.id)
        #expect(try store.submissions(ambito: "OR", year: 2019, includeHistory: false).map(\.id) == [new.submission.id])
        #expect(try store.submissions(ambito: "OR", year: 2019, includeHistory: true).map(\.id) == [new.submission.id, old.id])
        #expect(try store.history(ente: Fixtures.cabras, year: 2019).map(\.file) == ["cabras-v2.csv", "cabras-v1.csv"])
        // The old records stay readable; the plan counts only the new ones.
        #expect(try store.records(submission: old.id).count == 1)
        let plan = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(plan.declarations.map(\.amount) == [Money(cents: 120_000), Money(cents: 5_000)])
        #expect(plan.declarations.first?.provenance?.file == "cabras-v2.csv")
    }

    @Test("other enti and other years are not superseded")
    func supersedeIsPerEnteAndYear() throws {
        let store = try SQLiteStore.inMemory()
        let cabras2019 = try store.record(Fixtures.sheet([("SAD", 1)])).submission
        let cabras2020 = try store.record(Fixtures.sheet([("SAD", 2)], year: 2020))
        let oristano2019 = try store.record(Fixtures.sheet([("SAD", 3)], by: Fixtures.oristano, file: "oristano.csv"))

        #expect(cabras2020.superseded.isEmpty)
        #expect(oristano2019.superseded.isEmpty)
        #expect(try store.submission(id: cabras2019.id)?.status == .accepted)
    }

    @Test("a rejected file is kept with its diagnostics and rows but never replaces an accepted one")
    func rejectedNeverSupersedes() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let accepted = try store.record(Fixtures.sheet([("SAD", 100_000)])).submission

        let refused = try store.record(Fixtures.refusedSheet())

        #expect(refused.superseded.isEmpty)
        #expect(refused.touched.isEmpty)
        #expect(refused.submission.status == .rejected)
        #expect(try store.submission(id: accepted.id)?.status == .accepted)
        #expect(try store.diagnostics(submission: refused.submission.id).map(\.code) == ["CSV001"])
        #expect(try store.rejectedRows(submission: refused.submission.id).map(\.cells) == [["095018", "2019", "SAD", "1.2.3"]])
        let plan = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(plan.declarations.map(\.amount) == [Money(cents: 100_000)])

        // A later accepted sheet replaces both the accepted and the failed attempt.
        let fixed = try store.record(Fixtures.sheet([("SAD", 110_000)], file: "cabras-ok.csv"))
        #expect(fixed.superseded == [accepted.id, refused.submission.id])
    }

    @Test("the plan table and the cost split are replaced apart")
    func planTableAndSplitAreKeyedApart() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let services = try store.record(Fixtures.services([("SAD", 1_000_000)])).submission
        let split = try store.record(Fixtures.split([("SAD", Fixtures.cabras, 400_000)]))

        #expect(services.key == SupersedeKey(kind: "service", scope: "OR", year: 2019))
        #expect(split.submission.key == SupersedeKey(kind: "cost_share", scope: "OR", year: 2019))
        #expect(split.superseded.isEmpty)

        let newServices = try store.record(Fixtures.services(file: "servizi-v2.csv", [("SAD", 1_100_000)]))
        #expect(newServices.superseded == [services.id])
        #expect(try store.submission(id: split.submission.id)?.status == .accepted)
    }

    @Test("a newer deliberation for the year replaces the older, region-wide")
    func deliberationSupersedes() throws {
        let store = try SQLiteStore.inMemory()
        let first = try store.record(Fixtures.deliberation(number: "40/32")).submission
        #expect(first.key == SupersedeKey(kind: "deliberation", scope: "region", year: 2019))
        let second = try store.record(Fixtures.deliberation(number: "41/1", total: 1_900_000_000))
        #expect(second.superseded == [first.id])
        let other = try store.record(Fixtures.deliberation(year: 2020))
        #expect(other.superseded.isEmpty)
    }
}
