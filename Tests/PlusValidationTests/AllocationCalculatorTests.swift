import PlusModel
import Testing
@testable import PlusValidation

@Suite struct AllocationCalculatorTests {
    typealias F = Fixtures

    /// 25 Ambiti, two at the threshold's edge (35,000 and 34,999) and one just over (36,001).
    static let populations = [
        75_495, 35_000, 34_999, 120_000, 48_210, 22_150, 18_900, 160_000, 31_000, 52_000, 27_400, 69_800, 40_100,
        15_300, 89_000, 24_700, 33_500, 101_200, 57_600, 29_800, 44_300, 19_750, 36_001, 63_900, 30_500,
    ]

    static var inputs: [AllocationInput] {
        populations.enumerated().map { AllocationInput(ambito: "A\($0.offset + 1)", population: $0.element) }
    }

    @Test func twentyFiveAmbitiShareTheWhole2019Fund() {
        let fund = F.euros("18610000.00")
        let parts = AllocationCalculator(rules: F.ruleSet.allocation).allocate(year: 2019, fundTotal: fund, among: Self.inputs)
        #expect(parts.count == 25)
        #expect(parts.map(\.total).sum() == fund)
        // 13 Ambiti over 35,000 × 76,000.00 + 12 × 61,000.00 = 1,720,000.00; remainder 16,890,000.00.
        #expect(parts.map(\.udpShare).sum() == F.euros("1720000.00"))
        #expect(parts.map(\.equalShare).sum() == F.euros("6756000.00"))
        #expect(parts.map(\.populationShare).sum() == F.euros("10134000.00"))
        #expect(Set(parts.map(\.equalShare)) == [F.euros("270240.00")])
        // Worked independently: 10,134,000.00 × 75,495 / 1,280,605 = 597,425.69 (largest remainder).
        #expect(parts[0].populationShare == F.euros("597425.69"))
        #expect(parts[0].total == F.euros("943665.69"))
        #expect(parts[1].udpShare == F.euros("61000.00"))
        #expect(parts[1].total == F.euros("608210.65"))
        #expect(parts[2].total == F.euros("608202.74"))
        #expect(parts[3].total == F.euros("1295853.66"))
        #expect(parts[22].udpShare == F.euros("76000.00"))
    }

    @Test func smallExampleWorkedByHandMatchesTheFixtureDeliberation() {
        let parts = AllocationCalculator(rules: F.ruleSet.allocation).recompute(F.deliberation)
        #expect(parts.map(\.equalShare) == [F.euros("172600.00"), F.euros("172600.00")])
        #expect(parts.map(\.populationShare) == [F.euros("67539.13"), F.euros("450260.87")])
        #expect(parts.map(\.total) == F.deliberation.allocations.map(\.total))
    }

    /// Computed parts are the deliberation's own type: its year and Ambiti, no provenance, so they compare with the stated ones.
    @Test func recomputedPartsAreRegionalAllocationsOfTheDeliberationsYearWithoutProvenance() {
        let parts = AllocationCalculator(rules: F.ruleSet.allocation).recompute(F.deliberation)
        #expect(parts.map(\.year) == F.deliberation.allocations.map { _ in F.deliberation.year })
        #expect(parts.map(\.ambito) == F.deliberation.allocations.map(\.ambito))
        #expect(parts.allSatisfy { $0.provenance == nil && $0.ambitoName == nil })
        let stripped = F.deliberation.allocations.map { stated -> RegionalAllocation in
            var bare = stated
            bare.ambitoName = nil
            bare.provenance = nil
            return bare
        }
        #expect(parts == stripped)
    }

    @Test func derogationIsAddedToTheStandardShareAndTakenFromTheFund() {
        let inputs = [
            AllocationInput(ambito: "OR", population: 6_000, derogation: F.euros("10000.00")),
            AllocationInput(ambito: "XX", population: 40_000),
        ]
        let parts = AllocationCalculator(rules: F.ruleSet.allocation).allocate(year: 2019, fundTotal: F.euros("1000000.00"), among: inputs)
        // Remainder 853,000.00: equal 341,200.00 → 170,600.00 each.
        #expect(parts.map(\.equalShare) == [F.euros("170600.00"), F.euros("170600.00")])
        #expect(parts[0].udpShare == F.euros("61000.00"))
        #expect(parts[0].derogation == F.euros("10000.00"))
        #expect(parts.map(\.total).sum() == F.euros("1000000.00"))
    }

    @Test func udpAfterTheSplitKeepsTheWholeFundForTheFortySixtyParts() {
        var rules = F.ruleSet.allocation
        rules.udpBeforeSplit = false
        let parts = AllocationCalculator(rules: rules).recompute(F.deliberation)
        #expect(parts.map(\.equalShare) == [F.euros("200000.00"), F.euros("200000.00")])
        #expect(parts.map(\.total).sum() == F.euros("1000000.00"))
        #expect(parts[0].total == parts[0].equalShare + parts[0].populationShare)
    }

    /// The last recomputation is kept for the next Ambito-year of the same deliberation, never
    /// given for another deliberation (another fund, one population moved) or other rules.
    @Test func aKeptRecomputationIsGivenOnlyForTheSameDeliberationAndRules() {
        func fresh(_ deliberation: Deliberation, _ rules: AllocationRules) -> [RegionalAllocation] {
            AllocationCalculator(rules: rules).allocate(
                year: deliberation.year, fundTotal: deliberation.fundTotal,
                among: deliberation.allocations.map { AllocationInput(ambito: $0.ambito, population: $0.population, derogation: $0.derogation) })
        }
        var larger = F.deliberation
        larger.fundTotal = F.euros("2000000.00")
        var moved = F.deliberation
        moved.allocations[0].population += 1
        var afterSplit = F.ruleSet.allocation
        afterSplit.udpBeforeSplit = false
        let standard = F.ruleSet.allocation
        let sequence = [
            (F.deliberation, standard), (larger, standard), (F.deliberation, standard), (moved, standard),
            (moved, afterSplit), (F.deliberation, afterSplit), (F.deliberation, standard),
        ]
        for (deliberation, rules) in sequence {
            for _ in 0..<2 {
                #expect(AllocationCalculator(rules: rules).recompute(deliberation) == fresh(deliberation, rules))
            }
        }
        #expect(fresh(moved, standard) != fresh(F.deliberation, standard))
    }

    @Test func noAmbitiGiveNoAllocations() {
        #expect(AllocationCalculator(rules: F.ruleSet.allocation).allocate(year: 2019, fundTotal: F.euros("10.00"), among: []).isEmpty)
    }
}
