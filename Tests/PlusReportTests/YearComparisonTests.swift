import Foundation
import PlusTestSupport
import Testing
import PlusModel
import PlusStore
@testable import PlusPipeline
@testable import PlusReport

/// The comparison with the year before, computed by the store in key order, is the comparison of
/// the two years read whole; it lists the first changes and counts the rest.
@Suite struct YearComparisonTests {
    static let oristano = OristanoAmbito.oristano
    static let cabras = OristanoAmbito.cabras
    static let asl = OristanoAmbito.asl
    static let ambito = OristanoAmbito.ambito

    /// One year of the capofila's plan: its services (codes may repeat) and its cost split.
    struct Plan {
        var services: [(String, Int64)] = []
        var shares: [(String, EnteRef, Int64)] = []
    }

    /// A store holding `plans` by year, each as the capofila's plan table and cost split.
    static func store(_ plans: [Int: Plan]) throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([ambito])
        for (year, plan) in plans.sorted(by: { $0.key < $1.key }) {
            let services = plan.services.map { code, cents in
                CanonicalRecord.service(PlannedService(
                    code: code, name: "Servizio \(code) \(year)", totalCost: Money(cents: cents), funding: [.fondoRegionale: Money(cents: cents)]))
            }
            let shares = plan.shares.map { CanonicalRecord.costShare(CostShare(service: $0.0, ente: $0.1, amount: Money(cents: $0.2))) }
            for (name, records) in [("servizi", services), ("riparto", shares)] where !records.isEmpty {
                let file = "\(name)-\(year).csv"
                let sha = Checksum.sha256(Data("\(file) \(plan.services.count) \(plan.shares.count)".utf8))
                try store.record(ImportResult(
                    file: file, sha256: sha, byteCount: 1, mapping: "capofila-\(name)", mappingVersion: 1, status: .accepted,
                    subject: SubmissionSubject(ente: oristano, year: year), rowsRead: records.count,
                    records: records.enumerated().map { ImportedRecord(record: $1, provenance: Provenance(file: file, sha256: sha, line: $0 + 2)) }))
            }
        }
        return store
    }

    /// The comparison as it was made before the store compared: both years whole, a dictionary of
    /// every key, sorted. The reference the streamed comparison must equal.
    static func wholeYears(_ previous: AmbitoYear, _ current: AmbitoYear) -> [PlanChange] {
        struct Key: Hashable, Comparable {
            var service: String
            var ente: EnteRef?
            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.service, lhs.ente?.description ?? "") < (rhs.service, rhs.ente?.description ?? "")
            }
        }
        func amounts(_ year: AmbitoYear) -> [Key: Money] {
            var amounts: [Key: Money] = [:]
            for service in year.services { amounts[Key(service: service.code), default: .zero] += service.totalCost }
            for share in year.costShares { amounts[Key(service: share.service, ente: share.ente), default: .zero] += share.amount }
            return amounts
        }
        let before = amounts(previous), after = amounts(current)
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            before[key] == after[key] ? nil : PlanChange(service: key.service, ente: key.ente, previous: before[key], current: after[key])
        }
    }

    /// Checks the store's comparison of 2019 with 2018 against the whole years' one.
    static func expectEqualToWholeYears(_ store: SQLiteStore, _ comment: Comment? = nil) throws {
        let previous = try #require(try store.ambitoYear(ambito: "OR", year: 2018))
        let current = try #require(try store.ambitoYear(ambito: "OR", year: 2019))
        let comparison = try #require(try YearComparison(store: store, ambito: "OR", year: 2019))
        #expect(comparison.changes == wholeYears(previous, current), comment)
        #expect(comparison.changesNotListed == 0 && (comparison.previousYear, comparison.year, comparison.ambito) == (2018, 2019, "OR"))
    }

    @Test func addedRemovedAndChangedServicesAndSharesAreTheWholeYearsChanges() throws {
        let store = try Self.store([
            2018: Plan(
                services: [("SAD", 40_000_000), ("SET", 1_000), ("CDD", 500), ("GONE", 7), ("SAD", 100), ("ZERO", 0)],
                shares: [("SAD", Self.cabras, 1_800_000), ("SAD", Self.oristano, 5), ("SET", Self.asl, 9), ("CDD", Self.cabras, 3)]),
            2019: Plan(
                services: [("SAD", 41_235_000), ("CDD", 500), ("SET", 1_001), ("NEW", 0), ("SAD", -100)],
                shares: [("SAD", Self.cabras, 1_822_671), ("SAD", Self.oristano, 5), ("CDD", Self.cabras, 3), ("CDD", Self.cabras, 1),
                         ("NEW", Self.asl, 2)]),
        ])
        try Self.expectEqualToWholeYears(store)
        let changes = try #require(try YearComparison(store: store, ambito: "OR", year: 2019)).changes
        // Summed by code: SAD 40.000.100 → 41.234.900; ZERO gone though it cost nothing; NEW new at zero.
        #expect(changes.first { $0.service == "SAD" && $0.ente == nil }?.difference == Money(cents: 1_234_800))
        #expect(changes.contains(PlanChange(service: "ZERO", ente: nil, previous: .zero, current: nil)))
        #expect(changes.contains(PlanChange(service: "NEW", ente: nil, previous: nil, current: .zero)))
        #expect(changes.contains(PlanChange(service: "SET", ente: Self.asl, previous: Money(cents: 9), current: nil)))
        #expect(!changes.contains { $0.service == "SAD" && $0.ente == Self.oristano })
    }

    @Test func theSameYearTwiceAndAPlanUnchangedHaveNoChange() throws {
        let plan = Plan(services: [("SAD", 10), ("SET", 20)], shares: [("SAD", Self.cabras, 4)])
        let store = try Self.store([2018: plan, 2019: plan])
        try Self.expectEqualToWholeYears(store)
        #expect(try YearComparison(store: store, ambito: "OR", year: 2019)?.changes == [])
        var sameYear: [PlanChange] = []
        try store.forEachPlanChange(ambito: "OR", from: 2019, to: 2019, overflowing: { _ in Issue.record("no overflow") }) { sameYear.append($0) }
        #expect(sameYear.isEmpty)
        #expect(try YearComparison(store: store, ambito: "OR", year: 2019)?.render(language: .it)
            == "Rispetto al 2018 (Ambito OR, 2019): nessuna variazione del piano.")
    }

    @Test func aPreviousYearWithoutServicesIsNoPlanToCompareWith() throws {
        // Shares but no service in 2018, as `plus status` and the report have always had it: nothing compared.
        let store = try Self.store([2018: Plan(shares: [("SAD", Self.cabras, 4)]), 2019: Plan(services: [("SAD", 10)])])
        #expect(try YearComparison(store: store, ambito: "OR", year: 2019) == nil)
        #expect(try YearComparison(store: store, ambito: "OR", year: 2018) == nil)
        // A current year with nothing: every amount of the year before is gone.
        let gone = try Self.store([2018: Plan(services: [("SAD", 10)], shares: [("SAD", Self.cabras, 4)])])
        #expect(try YearComparison(store: gone, ambito: "OR", year: 2019)?.changes == [
            PlanChange(service: "SAD", ente: nil, previous: Money(cents: 10), current: nil),
            PlanChange(service: "SAD", ente: Self.cabras, previous: Money(cents: 4), current: nil),
        ])
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func seededPairsOfYearsCompareAsTheWholeYears(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let codes = (0..<40).map { "S\($0 * 37 % 41)" } + ["SAD", "S1", "S10", "s1", "S-1", "Sé"]
        let enti = [Self.cabras, Self.oristano, Self.asl]
        func plan() -> Plan {
            var plan = Plan()
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                plan.services.append((codes.randomElement(using: &random)!, Int64.random(in: -3...3, using: &random) * 1_000))
            }
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                plan.shares.append((codes.randomElement(using: &random)!, enti.randomElement(using: &random)!, Int64.random(in: 0...2, using: &random)))
            }
            return plan
        }
        var previous = plan()
        if previous.services.isEmpty { previous.services = [("SAD", 1)] }
        let store = try Self.store([2018: previous, 2019: plan()])
        try Self.expectEqualToWholeYears(store, "seed \(seed)")
    }

    @Test func theListingIsBoundedAndSaysHowManyItLeavesOutInBothLanguages() throws {
        let store = try Self.store([
            2018: Plan(services: (1...9).map { ("S\($0)", 100) }),
            2019: Plan(services: (1...9).map { ("S\($0)", 200) }, shares: [("S1", Self.cabras, 5)]),
        ])
        let whole = try #require(try YearComparison(store: store, ambito: "OR", year: 2019))
        #expect(whole.changes.count == 10 && whole.changesNotListed == 0)
        #expect(!whole.render(language: .it).contains("non elencate"))
        let bounded = try #require(try YearComparison(store: store, ambito: "OR", year: 2019, listing: 4))
        #expect(bounded.changes == Array(whole.changes.prefix(4)))
        #expect(bounded.changesNotListed == 6)
        let italian = bounded.render(language: .it), english = bounded.render(language: .en)
        #expect(italian.hasSuffix("\n  Variazioni non elencate qui: 6 (sono elencate le prime 4)."))
        #expect(english.hasSuffix("\n  Changes not listed here: 6 (the first 4 are listed)."))
        #expect(italian.split(separator: "\n").count == 1 + 4 + 1)
        // The report's model carries the count, and its page says it in the report's language.
        let model = ReportComparison(bounded, services: [:], enti: [:])
        #expect(model.changesNotListed == 6 && model.changes.count == 4)
        #expect(ReportComparison(whole, services: [:], enti: [:]).changesNotListed == nil)
        // A large count is grouped as the report's other counts.
        #expect(YearComparison.notListed(1_157_896, listed: 500)[.it] == "Variazioni non elencate qui: 1.157.896 (sono elencate le prime 500).")
        #expect(YearComparison.notListed(1_157_896, listed: 500)[.en] == "Changes not listed here: 1,157,896 (the first 500 are listed).")
    }

    /// Amounts each a valid Money whose sum by key passes Int64: the comparison says so for that key
    /// with CMP001 in both languages, and compares the rest as the whole years do.
    @Test func amountsThatAddUpPastTheLargestAreToldApartAndTheRestCompared() throws {
        let large = Int64.max / 2 + 1
        let store = try Self.store([
            2018: Plan(
                services: [("SAD", large), ("SAD", large), ("SET", 100), ("CDD", -large), ("CDD", -large), ("CDD", -large)],
                shares: [("SAD", Self.cabras, 7), ("SET", Self.asl, large), ("SET", Self.asl, large - 1)]),
            2019: Plan(
                services: [("SAD", large), ("SET", 200), ("CDD", 3), ("UDP", .max), ("UDP", .max)],
                shares: [("SAD", Self.cabras, 8), ("SET", Self.asl, large), ("SET", Self.asl, large), ("UDP", Self.cabras, .min), ("UDP", Self.cabras, .max)]),
        ])
        let comparison = try #require(try YearComparison(store: store, ambito: "OR", year: 2019))
        #expect(comparison.overflows == [
            PlanSumOverflow(service: "CDD", ente: nil, years: [2018]),
            PlanSumOverflow(service: "SAD", ente: nil, years: [2018]),
            PlanSumOverflow(service: "SET", ente: Self.asl, years: [2019]),
            PlanSumOverflow(service: "UDP", ente: nil, years: [2019]),
        ])
        // SET's share of the ASL sums to Int64.max exactly in 2018, told apart only for 2019; UDP's
        // share of Cabras is min + max, −1: sums that fit are compared as always.
        #expect(comparison.changes == [
            PlanChange(service: "SAD", ente: Self.cabras, previous: Money(cents: 7), current: Money(cents: 8)),
            PlanChange(service: "SET", ente: nil, previous: Money(cents: 100), current: Money(cents: 200)),
            PlanChange(service: "UDP", ente: Self.cabras, previous: nil, current: Money(cents: -1)),
        ])
        let italian = comparison.render(language: .it), english = comparison.render(language: .en)
        #expect(italian.contains("  CMP001 servizio SAD, costo totale: nel 2018 gli importi sommano a un totale che supera l'importo massimo rappresentabile (92.233.720.368.547.758,07 €)"))
        #expect(italian.contains("  CMP001 servizio SET, quota di \(Self.asl): nel 2019 gli importi"))
        #expect(english.contains("  CMP001 service SAD, total cost: in 2018 its amounts add up to a total that passes the largest amount that can be held (92,233,720,368,547,758.07 €)"))
        #expect(english.contains("SET total cost: 1.00 → 2.00 (+1.00)"))
        // The report carries them, and its page says them in its language.
        #expect(ReportComparison(comparison, services: [:], enti: [:]).overflows == comparison.overflows)
    }

    @Test func aChangeThatPassesTheLargestAmountIsToldApartToo() throws {
        let store = try Self.store([
            2018: Plan(services: [("SAD", 1)], shares: [("SAD", Self.cabras, -Int64.max)]),
            2019: Plan(services: [("SAD", 1)], shares: [("SAD", Self.cabras, .max)]),
        ])
        let comparison = try #require(try YearComparison(store: store, ambito: "OR", year: 2019))
        #expect(comparison.changes.isEmpty)
        #expect(comparison.overflows == [PlanSumOverflow(service: "SAD", ente: Self.cabras, years: [])])
        #expect(comparison.render(language: .it).contains("la variazione tra i due anni supera l'importo massimo rappresentabile"))
        #expect(comparison.render(language: .en).contains("the change between the two years passes the largest amount"))
    }

    /// Sums near both ends of Int64, joined from their 32-bit halves, are the exact sums.
    @Test(arguments: [11, 12, 13, 14])
    func sumsNearTheLimitsAreExact(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let edges: [Int64] = [.max, .min, .max - 1, .min + 1, 1 << 32, -(1 << 32), (1 << 32) - 1, 0, -1, 1, .max / 3, .min / 3]
        func plan() -> Plan {
            var plan = Plan(services: [("SAD", 1)])
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                plan.shares.append((["A", "B"].randomElement(using: &random)!, Self.cabras, edges.randomElement(using: &random)!))
            }
            return plan
        }
        let previous = plan(), current = plan()
        let store = try Self.store([2018: previous, 2019: current])
        let comparison = try #require(try YearComparison(store: store, ambito: "OR", year: 2019))
        // The exact sums, in a type that cannot overflow here.
        func sums(_ plan: Plan) -> [String: (Int64, Bool)] {
            var sums: [String: [Int64]] = [:]
            for share in plan.shares { sums[share.0, default: []].append(share.2) }
            return sums.mapValues { values in
                let exact = values.reduce(into: (high: Int64(0), low: UInt64(0))) { total, value in
                    let (sum, carry) = total.low.addingReportingOverflow(UInt64(bitPattern: value))
                    total = (total.high + (value < 0 ? -1 : 0) + (carry ? 1 : 0), sum)
                }
                let fits = exact.high == (Int64(bitPattern: exact.low) < 0 ? -1 : 0)
                return (Int64(bitPattern: exact.low), fits)
            }
        }
        let before = sums(previous), after = sums(current)
        for service in ["A", "B"] {
            let overflowed = comparison.overflows.contains { $0.service == service }
            let change = comparison.changes.first { $0.service == service }
            let old = before[service], new = after[service]
            if old?.1 == false || new?.1 == false {
                #expect(overflowed, "seed \(seed) \(service)")
            } else if let change {
                #expect(change.previous?.cents == old?.0 && change.current?.cents == new?.0, "seed \(seed) \(service)")
            } else if !overflowed {
                #expect(old?.0 == new?.0, "seed \(seed) \(service)")
            }
        }
    }
}
