import PlusModel

/// One Ambito as the allocation needs it: its code and resident population.
public struct AllocationInput: Hashable, Sendable, Codable {
    public var ambito: String
    public var population: Int
    /// An upward derogation of the UdP share, added to the standard share.
    public var derogation: Money?

    public init(ambito: String, population: Int, derogation: Money? = nil) {
        self.ambito = ambito
        self.population = population
        self.derogation = derogation
    }
}

/// Splits a regional fund among Ambiti: the UdP shares, then 40 % in equal parts, 60 % by population.
///
/// The convention, step by step (with `udpBeforeSplit`, the default):
/// 1. each Ambito's UdP share is the small or large share by population, plus its derogation;
/// 2. the remainder is the fund total minus all UdP shares;
/// 3. the equal part is the remainder × 40 %, rounded half up to the cent, split equally
///    by largest remainder (ties to the Ambito listed first);
/// 4. the population part is the remainder minus the equal part, split in proportion to
///    population by largest remainder;
/// 5. total = equal + population + UdP share + derogation: the totals add up to the fund exactly.
///
/// Without `udpBeforeSplit` the whole fund is split 40/60 and the UdP share is part of
/// each Ambito's total (total = equal + population).
///
/// The parts are ``RegionalAllocation``s, the type a deliberation states, so that stated and
/// computed figures compare field by field; a computed part has no `provenance` (no file
/// states it) and no `ambitoName` (the inputs carry none).
///
/// ```swift
/// let calculator = AllocationCalculator(rules: ruleSet.parameters.allocation)
/// let parts = calculator.allocate(year: 2019, fundTotal: Money(cents: 1_861_000_000), among: ambiti)
/// parts.map(\.total).sum()   // Money(cents: 1_861_000_000)
/// parts[0].provenance         // nil: computed, not stated
/// ```
public struct AllocationCalculator: Sendable {
    public var rules: AllocationRules

    public init(rules: AllocationRules) {
        self.rules = rules
    }

    /// The allocations of `year` in the order of `ambiti`, without provenance (they are computed);
    /// empty when `ambiti` is empty or every population is zero.
    public func allocate(year: Int, fundTotal: Money, among ambiti: [AllocationInput]) -> [RegionalAllocation] {
        guard !ambiti.isEmpty else { return [] }
        let udpShares = ambiti.map { rules.udpShare(population: $0.population) }
        let udpTotal = zip(udpShares, ambiti).map { $0 + ($1.derogation ?? .zero) }.sum()
        let splittable = rules.udpBeforeSplit ? fundTotal - udpTotal : fundTotal
        let equalPart = Self.percentage(splittable, basisPoints: rules.equalShareBasisPoints)
        let populationPart = splittable - equalPart
        guard let equalShares = equalPart.splitEqually(into: ambiti.count),
              let populationShares = populationPart.split(weights: ambiti.map { Int64(max(0, $0.population)) })
        else { return [] }
        return ambiti.indices.map { index in
            let ambito = ambiti[index]
            return RegionalAllocation(
                year: year, ambito: ambito.ambito, population: ambito.population, equalShare: equalShares[index],
                populationShare: populationShares[index], udpShare: udpShares[index], derogation: ambito.derogation,
                total: rules.total(
                    equalShare: equalShares[index], populationShare: populationShares[index],
                    udpShare: udpShares[index], derogation: ambito.derogation))
        }
    }

    /// `amount × basisPoints / 10,000`, rounded half up (away from zero), with a 128-bit
    /// product so that no fund total can overflow; `basisPoints` is clamped to 0...10,000.
    static func percentage(_ amount: Money, basisPoints: Int64) -> Money {
        let points = UInt64(min(max(basisPoints, 0), 10_000))
        let product = amount.cents.magnitude.multipliedFullWidth(by: points)
        let (quotient, remainder) = UInt64(10_000).dividingFullWidth(product)
        let rounded = Int64(quotient + (remainder * 2 >= 10_000 ? 1 : 0))
        return Money(cents: amount.isNegative ? -rounded : rounded)
    }

    /// The allocations a deliberation should state, recomputed from its own year, fund total,
    /// populations and derogations.
    ///
    /// The last recomputation is kept: every Ambito-year of a region validates and exports the
    /// same deliberation, and recomputing the region's split for each of them made a region's
    /// consolidation grow with the square of its Ambiti (601 splits of 601 Ambiti for Italy).
    public func recompute(_ deliberation: Deliberation) -> [RegionalAllocation] {
        Self.lastRecomputed.value(if: { $0.rules == rules && $0.isSource(of: deliberation) }) {
            let inputs = deliberation.allocations.map {
                AllocationInput(ambito: $0.ambito, population: $0.population, derogation: $0.derogation)
            }
            let source = RecomputationSource(rules: rules, year: deliberation.year, fundTotal: deliberation.fundTotal, inputs: inputs)
            return (source, allocate(year: deliberation.year, fundTotal: deliberation.fundTotal, among: inputs))
        }
    }

    /// What a recomputation was computed from.
    private struct RecomputationSource: Sendable {
        let rules: AllocationRules
        let year: Int
        let fundTotal: Money
        let inputs: [AllocationInput]

        /// Whether `deliberation` states what this is: compared field by field in place, not as
        /// whole deliberations (their provenance strings made the comparison cost as much as the split).
        func isSource(of deliberation: Deliberation) -> Bool {
            let stated = deliberation.allocations
            guard deliberation.year == year, deliberation.fundTotal == fundTotal, stated.count == inputs.count else { return false }
            for index in inputs.indices {
                guard stated[index].population == inputs[index].population, stated[index].derogation == inputs[index].derogation,
                      stated[index].ambito == inputs[index].ambito else { return false }
            }
            return true
        }
    }

    private static let lastRecomputed = LastComputed<RecomputationSource, [RegionalAllocation]>()
}
