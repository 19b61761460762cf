import PlusModel

extension Problem {
    public static let allocationsAddUpToFund = Problem(
        code: "R202", severity: .error,
        title: .init(it: "Assegnazioni diverse dal totale del Fondo", en: "Allocations differ from the fund total"),
        template: .init(
            it: "Le assegnazioni della deliberazione {deliberation} sommano {found}, il Fondo è {expected} (differenza {difference}).",
            en: "The allocations of deliberation {deliberation} add up to {found}, the fund is {expected} (difference {difference})."))

    public static let allocationPartsAddUp = Problem(
        code: "R203", severity: .error,
        title: .init(it: "Totale dell'Ambito diverso dalla somma delle quote", en: "Ambito total differs from its parts"),
        template: .init(
            it: "Ambito {ambito}: le quote (parti uguali, popolazione, UdP, deroga) sommano {expected}, il totale indicato è {found} (differenza {difference}).",
            en: "Ambito {ambito}: the parts (equal, population, UdP, derogation) add up to {expected}, the stated total is {found} (difference {difference})."))
}

/// The allocations of the deliberation add up exactly to the fund total.
public struct AllocationsAddUpToFund: ValidationRule {
    public static let problem = Problem.allocationsAddUpToFund
    public static let description = LocalizedText(
        it: "La somma dei totali assegnati agli Ambiti è uguale al totale del Fondo della deliberazione.",
        en: "The totals allocated to the Ambiti add up to the deliberation's fund total.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation, !deliberation.allocations.isEmpty else { return [] }
        // The terms are written out only for a finding: every Ambito-year of a region checks its
        // deliberation, and an Italy-year's 601 wrote out their regions' 20,000 labels for none.
        return [context.mismatch(
            Self.problem, at: deliberation.provenance, about: .init(),
            expected: deliberation.fundTotal, found: Self.total(of: deliberation),
            terms: Self.terms(of: deliberation), details: ["deliberation": deliberation.number])].compactMap { $0 }
    }

    /// The Ambiti's totals added up in place: each Ambito-year adds up the region's hundreds.
    static func total(of deliberation: Deliberation) -> Money {
        var total = Money.zero
        for index in deliberation.allocations.indices { total = total + deliberation.allocations[index].total }
        return total
    }

    /// The fund, then each Ambito's total.
    static func terms(of deliberation: Deliberation) -> [Term] {
        let fund = Term(label: .init(it: "Fondo DGR \(deliberation.number)", en: "Fund DGR \(deliberation.number)"),
                        amount: deliberation.fundTotal, provenance: deliberation.provenance)
        return [fund] + deliberation.allocations.map {
            Term(label: .init(it: "Totale \($0.ambito)", en: "Total \($0.ambito)"), amount: $0.total, provenance: $0.provenance)
        }
    }
}

/// Each Ambito's total in the deliberation is the sum of its parts.
public struct AllocationPartsAddUp: ValidationRule {
    public static let problem = Problem.allocationPartsAddUp
    public static let description = LocalizedText(
        it: "Per ogni Ambito, il totale è la somma di quota in parti uguali, quota per popolazione, quota UdP e deroga (se le quote UdP sono prelevate prima della ripartizione; altrimenti parti uguali + popolazione).",
        en: "For each Ambito, the total is equal share + population share + UdP share + derogation (when UdP shares are taken before the split; otherwise equal + population).")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation else { return [] }
        let rules = context.parameters.allocation
        return deliberation.allocations.compactMap { allocation in
            let expected = rules.total(
                equalShare: allocation.equalShare, populationShare: allocation.populationShare,
                udpShare: allocation.udpShare, derogation: allocation.derogation)
            // Compared before anything is built, as ``UdpShareByThreshold``'s; the terms only for a
            // finding, as ``AllocationsAddUpToFund``'s.
            guard context.differ(expected, allocation.total) else { return nil }
            return context.mismatch(
                Self.problem, at: allocation.provenance ?? deliberation.provenance, about: .init(ambito: allocation.ambito),
                expected: expected, found: allocation.total, terms: Self.terms(of: allocation))
        }
    }

    /// The parts, then the stated total, each citing the allocation when it cites nothing of its own.
    static func terms(of allocation: RegionalAllocation) -> [Term] {
        [
            Term.computed("Parti uguali", "Equal share", allocation.equalShare),
            .computed("Popolazione", "Population share", allocation.populationShare),
            .computed("Quota UdP", "UdP share", allocation.udpShare),
            .computed("Deroga", "Derogation", allocation.derogation ?? .zero),
            Term(label: .init(it: "Totale \(allocation.ambito)", en: "Total \(allocation.ambito)"),
                 amount: allocation.total, provenance: allocation.provenance),
        ].map { term in
            var term = term
            term.provenance = term.provenance ?? allocation.provenance
            return term
        }
    }
}
