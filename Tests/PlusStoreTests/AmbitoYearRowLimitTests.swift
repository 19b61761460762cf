import Foundation
import PlusModel
import Testing
@testable import PlusStore

/// The store holds at most ``SQLiteStore/ambitoYearRowLimit`` cost shares, declarations, fund
/// statements and indicators of one Ambito-year; past it the year comes without them and says so.
@Suite("An Ambito-year past the row limit is assembled without its rows and says so")
struct AmbitoYearRowLimitTests {
    /// A plan of two services, a split of three shares and Cabras's sheet of two declarations: five rows held.
    static func store(limit: Int) throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        try store.record(Fixtures.services([("SAD", 200_000), ("ADI", 1_000)]))
        try store.record(Fixtures.split([("SAD", Fixtures.cabras, 120_000), ("SAD", Fixtures.asl, 80_000), ("ADI", Fixtures.oristano, 1_000)]))
        try store.record(Fixtures.sheet([("SAD", 120_000), ("ADI", 0)]))
        store.ambitoYearRowLimit = limit
        return store
    }

    @Test("at the limit the year is whole", arguments: [5, 50_000])
    func atTheLimitTheYearIsWhole(limit: Int) throws {
        let store = try Self.store(limit: limit)
        let year = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        #expect(year.rowLimitExceeded == nil)
        #expect(year.costShares.count == 3 && year.declarations.count == 2)
    }

    @Test("one row past it, the shares and declarations are left out and the largest file is named")
    func pastTheLimitTheRowsAreLeftOut() throws {
        let store = try Self.store(limit: 4)
        let whole = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        let inBatches = try #require(try store.ambitoYearInBatches(ambito: "OR", year: 2019))
        for (year, services) in [(whole, whole.services.count), (inBatches.year, inBatches.services.serviceCount)] {
            let excess = try #require(year.rowLimitExceeded)
            #expect(excess.limit == 4)
            #expect(excess.largestFile?.file == "riparto.csv" && excess.rowsOfLargestFile == 3)
            #expect(year.costShares.isEmpty && year.declarations.isEmpty && year.indicators.isEmpty)
            // The rest of the year is there: its Ambito and its services (read in batches, not held).
            #expect(year.ambito.comuni.count == Fixtures.ambito.comuni.count)
            #expect(services == 2)
        }
        // A limit of 0 would refuse every year: the least is one row.
        store.ambitoYearRowLimit = 0
        #expect(store.ambitoYearRowLimit == 1)
    }
}
