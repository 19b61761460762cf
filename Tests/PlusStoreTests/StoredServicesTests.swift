import Foundation
import PlusModel
import Testing
@testable import PlusStore

/// An Ambito-year's services read from the store in batches are the services the whole year has,
/// in the same order, never more than a batch at a time.
@Suite struct StoredServicesTests {
    /// A plan of `count` services, the one at `stating` stating its triennium.
    static func plan(count: Int, stating: Int) -> ImportResult {
        var result = Fixtures.services((1...count).map { ("S\(String(format: "%03d", count - $0))", Int64($0) * 100) })
        if case .service(var service) = result.records[stating].record {
            service.plan = PlanStatement(type: .plus, trienniumStart: 2018, version: 2)
            result.records[stating].record = .service(service)
        }
        return result
    }

    @Test func batchesAreTheWholeYearsServicesInOrder() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        try store.record(Self.plan(count: 23, stating: 10))
        try store.record(Fixtures.split([("S001", Fixtures.cabras, 100)]))
        let whole = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        let (year, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))

        #expect(whole.services.count == 23)
        #expect(whole.plan?.trienniumStart == 2018 && whole.plan?.version == 2)
        #expect(year.services.isEmpty)
        var withServices = year
        withServices.services = whole.services
        #expect(withServices == whole)
        #expect(services.serviceCount == 23)
        for size in [1, 4, 23, 100] {
            var batches: [[PlannedService]] = []
            try services.forEachBatch(of: size) { batches.append($0) }
            #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= size }, "batches of \(size)")
            #expect(batches.flatMap { $0 } == whole.services, "batches of \(size)")
        }
        #expect(try services.allServices() == whole.services)
    }

    /// A plan whose submission has cost shares among its services, after a file of other records:
    /// the stretches of record ids hold fewer services than a batch, or none.
    static func mixedPlan(count: Int) -> ImportResult {
        var result = plan(count: count, stating: 3)
        let share = Fixtures.split([("S001", Fixtures.cabras, 100)]).records[0]
        for index in stride(from: result.records.count - 1, through: 0, by: -5) { result.records.insert(share, at: index) }
        result.records += Array(repeating: share, count: 9)
        return result
    }

    /// The services read ahead on two threads, every other stretch of record ids on each (on two
    /// connections for a store on disk), come in the plan's order, each once, in batches of at
    /// most the size asked for: the services the year has whole.
    @Test(arguments: [false, true])
    func batchesReadOnTwoThreadsAreTheWholeYearsInOrder(onDisk: Bool) throws {
        let store = try onDisk ? SQLiteStore(path: Fixtures.temporaryPath()) : SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.split([("S001", Fixtures.cabras, 100), ("S002", Fixtures.cabras, 200)]))
        try store.record(Self.mixedPlan(count: 47))
        let whole = try #require(try store.ambitoYear(ambito: "OR", year: 2019)).services
        let (_, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
        #expect(whole.count == 47 && services.serviceCount == 47)
        for size in [1, 2, 3, 7, 46, 47, 48] {
            var batches: [[PlannedService]] = []
            try services.forEachBatch(of: size) { batches.append($0) }
            #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= size }, "batches of \(size)")
            #expect(batches.flatMap { $0 } == whole, "batches of \(size)")
        }
        // On disk the second thread read on a connection of the store's reader pool.
        #expect(onDisk ? (store.readers?.opened.load(ordering: .relaxed) ?? 0) > 0 : store.readers == nil)
    }

    /// Inside a group of submissions not yet committed, another connection would not see the
    /// group's rows: the services are read on the store's own connection then.
    @Test func servicesOfAnOpenGroupAreReadOnTheStoresConnection() throws {
        let store = try SQLiteStore(path: Fixtures.temporaryPath())
        try store.saveReference([Fixtures.ambito])
        try store.beginGroup()
        try store.record(Self.mixedPlan(count: 20))
        let (_, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
        var read: [PlannedService] = []
        try services.forEachBatch(of: 3) { read += $0 }
        #expect(read.count == 20)
        #expect(read == (try store.ambitoYear(ambito: "OR", year: 2019))?.services)
        #expect(store.readers?.opened.load(ordering: .relaxed) == 0)
        try store.commitGroup()
        // Committed, the rows are seen by another connection: the second thread reads on one.
        var again: [PlannedService] = []
        try services.forEachBatch(of: 3) { again += $0 }
        #expect(again == read)
        #expect((store.readers?.opened.load(ordering: .relaxed) ?? 0) > 0)
    }

    /// A submission whose records are all services of the year is left out of the queries for the
    /// year's cost shares and declarations; one with other records among its services is not, and
    /// the year has the same cost shares either way.
    @Test(arguments: [false, true])
    func aPlanTablesSubmissionIsLeftOutOfTheQueriesForOtherRecords(sharesAmongTheServices: Bool) throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        let plan = try store.record(sharesAmongTheServices ? Self.mixedPlan(count: 12) : Self.plan(count: 12, stating: 2)).submission.id
        try store.record(Fixtures.split([("S001", Fixtures.cabras, 100), ("S002", Fixtures.oristano, 200)]))
        let location = try store.read { db in try ServiceLocation(ambito: "OR", year: 2019, in: db) }
        #expect(location.submissions == [plan] && location.count == 12)
        #expect(location.holdingOnlyServices == (sharesAmongTheServices ? [] : [plan]))
        let year = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(year.services.count == 12)
        #expect(year.costShares.count == (sharesAmongTheServices ? 3 + 9 + 2 : 2))
        #expect(year.costShares.suffix(2).map(\.amount) == [Money(cents: 100), Money(cents: 200)])
        #expect(year.plan?.trienniumStart == 2018)
    }

    @Test("the first service of each code asked for, found by a query, is the one a pass over the batches finds")
    func firstServicesByCodeAsAPassFindsThem() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        // Codes repeated, out of order: the first of a code is the first in the plan's order.
        try store.record(Fixtures.services([("S100", 2), ("S002", 1), ("S100", 3), ("S005", 4), ("S002", 5), ("S001", 6)]))
        let (_, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
        let whole = try services.allServices()
        #expect(services.serviceCount == 6)
        for codes: Set<String> in [[], ["S002"], ["S100", "S005", "S999"], Set(whole.map(\.code)), ["S", "'S001'", "S001\""]] {
            let found = try services.firstServices(coded: codes)
            #expect(found == whole.firstServices(coded: codes), "codes \(codes.sorted())")
            #expect(Set(found.map(\.code)) == codes.intersection(whole.map(\.code)))
        }
        #expect(try services.firstServices(coded: ["S100", "S002"]).map(\.totalCost) == [Money(cents: 2), Money(cents: 1)])
    }

    @Test func aYearWithoutServicesHasNone() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.sheet([("SAD", 1)], file: "cabras.csv"))
        let (year, services) = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
        #expect(services.serviceCount == 0)
        #expect(year.plan == nil)
        try services.forEachBatch(of: 5) { _ in Issue.record("no batch expected") }
    }

    /// The services are read with SQLite's own column calls: NULL stays apart from empty text,
    /// text keeps its accents, integers their whole range, and a row is read as SQLite steps to it.
    @Test func columnsAreReadAsStored() throws {
        let store = try SQLiteStore.inMemory()
        var rows: [[String?]] = []
        var integers: [[Int64?]] = []
        try store.read { db in
            try StatementColumns.forEachRow(
                db, sql: "SELECT NULL, '', ?, ?, ? UNION ALL SELECT 'a', 'Società à 3€', NULL, 0, -1",
                arguments: ["Comunità Montana", Int64.max, Int64.min]
            ) { columns in
                rows.append((0..<3).map { columns.text(at: $0) })
                integers.append((3..<5).map { columns.int64(at: $0) })
                #expect(columns.int64(at: 0) == nil || columns.text(at: 0) == "a")
            }
        }
        #expect(rows == [[nil, "", "Comunità Montana"], ["a", "Società à 3€", nil]])
        #expect(integers == [[Int64.max, Int64.min], [0, -1]])
    }

    /// A submission streamed by this process is located from the services counted as its rows went
    /// in (``StreamedServices``): the same submissions, counts, plan tables and plan as reading its
    /// rows gives, whatever its services state, whenever its year was fixed, with cost shares among
    /// them, in another year, and once a later version supersedes it.
    @Test(.enabled(if: StreamedServices.isEnabled, "PLUS_STREAMED_SERVICES=off: nothing is counted"), arguments: [nil, 0, 7] as [Int?])
    func servicesCountedAsStreamedLocateTheYearAsReadingTheRows(yearAfter: Int?) throws {
        let plans: [ImportResult] = [
            Fixtures.services((0..<30).map { ("S\($0)", Int64($0 + 1)) }),
            Self.plan(count: 30, stating: 17),
            Self.mixedPlan(count: 30),
            Fixtures.services(year: 2020, (0..<12).map { ("S\($0)", Int64($0 + 1)) }),
        ]
        for (index, plan) in plans.enumerated() {
            let store = try SQLiteStore.inMemory(now: StreamingTests.clock)
            try store.saveReference([Fixtures.ambito])
            // A submission recorded whole, which is located by reading its rows either way.
            try store.record(Fixtures.services(file: "altri.csv", [("X1", 5), ("X2", 6)]))
            let first = try StreamingTests.stream(plan, into: store, yearAfter: yearAfter).submission.id
            var stored = [first]
            #expect(store.streamedServices.all[first] != nil, "plan \(index)")
            for superseded in [false, true] {
                if superseded {
                    // A later version of the same sheet: the first is no longer current.
                    var later = plan
                    later.sha256 = String(later.sha256.reversed())
                    later.records.removeLast()
                    stored.append(try StreamingTests.stream(later, into: store, yearAfter: yearAfter).submission.id)
                    #expect(try store.submission(id: first)?.status == .superseded, "plan \(index)")
                }
                let counted = store.streamedServices.all
                #expect(Set(counted.keys) == Set(stored), "plan \(index)")
                for year in [2019, 2020] {
                    let (byCounts, byRows) = try store.read { db in
                        (try ServiceLocation(ambito: "OR", year: year, in: db, streamed: counted),
                         try ServiceLocation(ambito: "OR", year: year, in: db))
                    }
                    let context: Comment = "plan \(index), year \(year), superseded \(superseded)"
                    #expect(byCounts.submissions == byRows.submissions, context)
                    #expect(byCounts.count == byRows.count, context)
                    #expect(byCounts.holdingOnlyServices == byRows.holdingOnlyServices, context)
                    let plans = try store.read { db in
                        (try byCounts.planIdentity(ambito: "OR", in: db), try byRows.planIdentity(ambito: "OR", in: db))
                    }
                    #expect(plans.0 == plans.1, context)
                }
            }
        }
    }

    /// Counts are kept only for a submission whose transaction committed: a duplicate, rolled
    /// back, leaves none, and neither does a file rejected whole.
    @Test(.enabled(if: StreamedServices.isEnabled, "PLUS_STREAMED_SERVICES=off: nothing is counted"))
    func countsAreKeptOnlyForCommittedSubmissions() throws {
        let store = try SQLiteStore.inMemory(now: StreamingTests.clock)
        try store.saveReference([Fixtures.ambito])
        let plan = Self.plan(count: 9, stating: 4)
        let first = try StreamingTests.stream(plan, into: store)
        let again = try StreamingTests.stream(plan, into: store)
        #expect(again.isDuplicate)
        var rejected = Fixtures.services(file: "rifiutato.csv", [("R1", 1)])
        rejected.status = .rejected
        _ = try StreamingTests.stream(rejected, into: store)
        #expect(Array(store.streamedServices.all.keys) == [first.submission.id])
        #expect(store.streamedServices.all[first.submission.id] == StreamedServices(byYear: [2019: 9], rows: 9, mayStatePlan: true))
    }

    /// The joint management, read back without parsing, is what parsing its text gives; every
    /// other text is parsed as before.
    @Test(arguments: ["associata", "Associata", " associata", "ambito", "comune:095038", "comune:", "associata\t", "altro", ""])
    func managementReadBackIsTheParsedOne(text: String) {
        #expect(PlanColumns.management(text) == Management(text: text))
    }
}
