import Foundation
import PlusModel
import Testing
@testable import PlusStore

@Suite("Assembling an Ambito-year")
struct AmbitoYearTests {
    @Test("the plan is assembled from the current submissions and the reference data")
    func assemblesCurrentPlan() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.services([("SAD", 1_000_000), ("ADI", 200_000)]))
        try store.record(Fixtures.split([("SAD", Fixtures.cabras, 400_000), ("SAD", Fixtures.oristano, 600_000)]))
        try store.record(Fixtures.sheet([("SAD", 1)], file: "cabras-v1.csv"))
        try store.record(Fixtures.sheet([("SAD", 400_000)], file: "cabras-v2.csv"))
        try store.record(Fixtures.sheet([("SAD", 50_000)], by: Fixtures.asl, file: "asl.csv"))
        try store.record(Fixtures.sheet([("SAD", 9)], by: EnteRef(comune: "092009"), file: "altro.csv"))
        try store.record(Fixtures.sheet([("SAD", 7)], year: 2020, file: "cabras-2020.csv"))
        try store.record(Fixtures.deliberation())
        try store.setClosed(ambito: "OR", year: 2019, closed: true)

        let plan = try #require(try store.ambitoYear(ambito: "OR", year: 2019))

        #expect(plan.ambito == Fixtures.ambito)
        #expect(plan.services.map(\.code) == ["SAD", "ADI"])
        #expect(plan.services.first?.funding(.fondoRegionale) == Money(cents: 1_000_000))
        #expect(plan.services.first?.provenance?.file == "servizi.csv")
        #expect(plan.costShares.map(\.amount) == [Money(cents: 400_000), Money(cents: 600_000)])
        #expect(plan.declarations.map(\.ente) == [Fixtures.cabras, Fixtures.asl])
        #expect(plan.declarations.map(\.amount) == [Money(cents: 400_000), Money(cents: 50_000)])
        #expect(plan.submitters == [Fixtures.asl, Fixtures.cabras, Fixtures.oristano])
        #expect(plan.deliberation?.number == "40/32")
        #expect(plan.deliberation?.allocation(for: "OR")?.total == Money(euros: 773_760))
        #expect(plan.isClosed)
        #expect(try store.ambitoYear(ambito: "OR", year: 2020)?.isClosed == false)
        #expect(try store.ambitoYear(ambito: "XX", year: 2019) == nil)
    }

    @Test("an ASL serving two Ambiti files one sheet for each; neither replaces the other")
    func signatoryOfSeveralAmbiti() throws {
        let store = try SQLiteStore.inMemory()
        let ghilarza = Ambito(
            code: "GH", name: "Ghilarza-Bosa", capofila: "095021", comuni: [],
            asl: Signatory(ente: Fixtures.asl, name: "ASL 5 Oristano"))
        try store.saveReference([Fixtures.ambito, ghilarza])
        let forOristano = try store.record(
            Fixtures.sheet([("SAD", 50_000)], by: Fixtures.asl, file: "asl-or.csv"),
            subject: SubmissionSubject(ambito: "OR"), receivedAt: Date(), importedBy: nil)
        let forGhilarza = try store.record(
            Fixtures.sheet([("SAD", 70_000)], by: Fixtures.asl, file: "asl-gh.csv"),
            subject: SubmissionSubject(ambito: "GH"), receivedAt: Date(), importedBy: nil)

        #expect(forOristano.submission.key?.scope == "asl:ASL5@OR")
        #expect(forGhilarza.superseded.isEmpty)
        #expect(forGhilarza.touched == [AmbitoYearRef(ambito: "GH", year: 2019)])
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.declarations.map(\.amount) == [Money(cents: 50_000)])
        #expect(try store.ambitoYear(ambito: "GH", year: 2019)?.declarations.map(\.amount) == [Money(cents: 70_000)])
    }

    @Test("membership records replace the reference Comuni of their Ambito")
    func membershipFromRecords() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let allai = MemberComune(istatCode: "095001", name: "Allai", population: 372, province: "OR")
        try store.record(Fixtures.members(Fixtures.ambito.comuni + [allai]))

        let plan = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(plan.ambito.comuni.map(\.name) == ["Cabras", "Oristano", "Allai"])
        #expect(plan.ambito.capofila == "095038")
        #expect(try store.ambiti().map(\.code) == ["OR"])
    }

    @Test("the nightly job learns which Ambito-years changed since its last run")
    func changedSince() throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_560_000_000))
        let store = try SQLiteStore.inMemory(now: clock.now)
        try store.saveReference([Fixtures.ambito])
        let first = try store.record(Fixtures.sheet([("SAD", 1)]))
        #expect(first.touched == [AmbitoYearRef(ambito: "OR", year: 2019)])
        clock.advance(by: 3600)
        let lastRun = clock.now()
        clock.advance(by: 60)
        try store.record(Fixtures.sheet([("SAD", 2)], year: 2020, file: "cabras-2020.csv"))
        try store.setClosed(ambito: "SS", year: 2019, closed: true)

        let changed = try store.changedAmbitoYears(since: lastRun)
        #expect(changed == [AmbitoYearRef(ambito: "OR", year: 2020), AmbitoYearRef(ambito: "SS", year: 2019)])
        #expect(try store.ambitoYears() == [AmbitoYearRef(ambito: "OR", year: 2019), AmbitoYearRef(ambito: "OR", year: 2020)])

        // Saving the same reference again changes nothing; a new member changes every year of the Ambito.
        clock.advance(by: 3600)
        let referenceRun = clock.now()
        try store.saveReference([Fixtures.ambito])
        #expect(try store.changedAmbitoYears(since: referenceRun).isEmpty)
        var grown = Fixtures.ambito
        grown.comuni.append(MemberComune(istatCode: "095001", name: "Allai", population: 372, province: "OR"))
        try store.saveReference([grown])
        #expect(try store.changedAmbitoYears(since: referenceRun) == [
            AmbitoYearRef(ambito: "OR", year: 2019), AmbitoYearRef(ambito: "OR", year: 2020),
        ])
    }

    @Test("a deliberation touches every Ambito of the region for its year")
    func deliberationTouchesRegion() throws {
        let store = try SQLiteStore.inMemory()
        let sassari = Ambito(code: "SS", name: "Sassari", capofila: "090064", comuni: [])
        try store.saveReference([Fixtures.ambito, sassari])
        let outcome = try store.record(Fixtures.deliberation())
        #expect(outcome.touched == [AmbitoYearRef(ambito: "OR", year: 2019), AmbitoYearRef(ambito: "SS", year: 2019)])
    }

    @Test("each Ambito reads only its own plan and sheets, though other Ambiti use the same service codes")
    func ambitiApart() throws {
        let store = try SQLiteStore.inMemory()
        let bosa = MemberComune(istatCode: "095079", name: "Bosa", population: 7_975, province: "OR")
        let ghilarza = Ambito(code: "GH", name: "Ghilarza-Bosa", capofila: "095079", comuni: [bosa], asl: Signatory(ente: Fixtures.asl, name: "ASL 5"))
        try store.saveReference([Fixtures.ambito, ghilarza])
        for (ambito, cost) in [("OR", Int64(1_000_000)), ("GH", 300_000)] {
            let subject = SubmissionSubject(ambito: ambito, year: 2019)
            try store.record(Fixtures.services(file: "servizi-\(ambito).csv", [("SAD", cost)]), subject: subject)
            try store.record(Fixtures.split(file: "riparto-\(ambito).csv", [("SAD", Fixtures.asl, cost)]), subject: subject)
            try store.record(Fixtures.sheet([("SAD", cost)], by: Fixtures.asl, file: "asl-\(ambito).csv"), subject: subject)
        }
        try store.record(Fixtures.sheet([("SAD", 1_234)], file: "cabras.csv"))
        try store.record(Fixtures.sheet([("SAD", 5_678)], by: EnteRef(comune: bosa.istatCode), file: "bosa.csv"))

        let oristano = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(oristano.services.map(\.totalCost) == [Money(cents: 1_000_000)])
        #expect(oristano.costShares.map(\.amount) == [Money(cents: 1_000_000)])
        #expect(oristano.declarations.map(\.amount) == [Money(cents: 1_000_000), Money(cents: 1_234)])
        let bosaYear = try #require(try store.ambitoYear(ambito: "GH", year: 2019))
        #expect(bosaYear.services.map(\.totalCost) == [Money(cents: 300_000)])
        #expect(bosaYear.declarations.map(\.amount) == [Money(cents: 300_000), Money(cents: 5_678)])
    }

    @Test("a deliberation read for one Ambito is the one every Ambito sees, until a newer one replaces it")
    func deliberationReadOnceUntilReplaced() throws {
        let store = try SQLiteStore.inMemory()
        let sassari = Ambito(code: "SS", name: "Sassari", capofila: "090064", comuni: [])
        try store.saveReference([Fixtures.ambito, sassari])
        try store.record(Fixtures.deliberation(number: "40/32"))
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.deliberation?.number == "40/32")
        #expect(try store.ambitoYear(ambito: "SS", year: 2019)?.deliberation?.number == "40/32")
        #expect(try store.ambitoYear(ambito: "OR", year: 2019)?.deliberation?.allocation(for: "OR")?.total == Money(euros: 773_760))

        try store.record(Fixtures.deliberation(number: "41/1", total: 1_900_000_000))
        let replaced = try #require(try store.ambitoYear(ambito: "OR", year: 2019)?.deliberation)
        #expect(replaced.number == "41/1")
        #expect(replaced.fundTotal == Money(cents: 1_900_000_000))
    }

    @Test("the current sheets of the Ambito-year with rows rejected are listed, in the order they were stored")
    func incompleteSubmissionsAreTheCurrentOnesWithRejectedRows() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        func sheet(_ ente: EnteRef, file: String, rejected: Int, year: Int = 2019) -> ImportResult {
            // The amount tells the versions' bytes apart: the same bytes again would be a duplicate.
            var result = Fixtures.sheet([("SAD", Int64(100 + rejected))], by: ente, year: year, file: file)
            result.rowsRead += rejected
            result.rowsRejected = rejected
            return result
        }
        try store.record(sheet(Fixtures.oristano, file: "oristano.csv", rejected: 3))
        try store.record(sheet(Fixtures.cabras, file: "cabras-v1.csv", rejected: 2))
        try store.record(sheet(Fixtures.cabras, file: "cabras-v2.csv", rejected: 1))
        try store.record(sheet(Fixtures.asl, file: "asl.csv", rejected: 0))
        try store.record(sheet(Fixtures.oristano, file: "oristano-2020.csv", rejected: 5, year: 2020))

        let plan = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(plan.incompleteSubmissions.map(\.file) == ["oristano.csv", "cabras-v2.csv"])
        #expect(plan.incompleteSubmissions.map(\.rowsRejected) == [3, 1])
        #expect(plan.incompleteSubmissions.map(\.rowsRead) == [4, 2])
        #expect(plan.incompleteSubmissions.map(\.ente) == [Fixtures.oristano, Fixtures.cabras])
    }
}
