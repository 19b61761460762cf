import PlusModel

extension Problem {
    public static let udpShareByThreshold = Problem(
        code: "R204", severity: .error,
        title: .init(it: "Quota UdP non conforme alla soglia", en: "UdP share does not follow the threshold"),
        template: .init(
            it: "Ambito {ambito} ({population} residenti, soglia {threshold}): la quota UdP dovrebbe essere {expected}, la deliberazione indica {found} (differenza {difference}).",
            en: "Ambito {ambito} ({population} residents, threshold {threshold}): the UdP share should be {expected}, the deliberation states {found} (difference {difference})."))

    public static let udpCap = Problem(
        code: "R205", severity: .error,
        title: .init(it: "Quote UdP oltre il tetto", en: "UdP shares beyond the cap"),
        template: .init(
            it: "Le quote UdP della deliberazione {deliberation}, deroghe comprese, sommano {found}, oltre il tetto di {expected} (eccedenza {difference}).",
            en: "The UdP shares of deliberation {deliberation}, derogations included, add up to {found}, beyond the cap of {expected} (excess {difference})."))
}

/// Each Ambito's UdP share is the small or large share by the residents' threshold,
/// unless the deliberation states a derogation for it.
public struct UdpShareByThreshold: ValidationRule {
    public static let problem = Problem.udpShareByThreshold
    public static let description = LocalizedText(
        it: "La quota dell'Ufficio di Piano è 61.000,00 euro sotto la soglia di 35.000 residenti e 76.000,00 sopra (valori e trattamento della soglia esatta dal set di regole), salvo deroga indicata.",
        en: "The Ufficio di Piano share is EUR 61,000.00 under the 35,000 residents threshold and 76,000.00 over it (values and the exact-threshold case from the rule set), unless a derogation is stated.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation else { return [] }
        let rules = context.parameters.allocation
        return deliberation.allocations.compactMap { allocation in
            guard allocation.derogation == nil else { return nil }
            // Compared before anything is built: every Ambito-year checks the region's every
            // allocation, and the finding's place, subject and terms (each capturing a copy of the
            // allocation) cost a hundred times the comparison, for none.
            let expected = rules.udpShare(population: allocation.population)
            guard context.differ(expected, allocation.udpShare) else { return nil }
            return context.mismatch(
                Self.problem, at: allocation.provenance ?? deliberation.provenance, about: .init(ambito: allocation.ambito),
                expected: expected, found: allocation.udpShare,
                terms: [Term(label: .init(it: "Quota UdP \(allocation.ambito)", en: "UdP share \(allocation.ambito)"),
                             amount: allocation.udpShare, provenance: allocation.provenance)],
                details: ["population": String(allocation.population), "threshold": String(rules.udpThreshold)])
        }
    }
}

/// All UdP shares together, derogations included, stay within the yearly cap.
public struct UdpCap: ValidationRule {
    public static let problem = Problem.udpCap
    public static let description = LocalizedText(
        it: "La somma di tutte le quote UdP, deroghe comprese, non supera 1.924.184,00 euro l'anno (valore dal set di regole).",
        en: "All UdP shares together, derogations included, do not exceed EUR 1,924,184.00 a year (value from the rule set).")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation else { return [] }
        let cap = context.parameters.allocation.udpCap
        // Added up in place, as ``AllocationsAddUpToFund``'s total: each Ambito-year adds up the region's shares.
        var total = Money.zero
        for index in deliberation.allocations.indices {
            total = total + (deliberation.allocations[index].udpShare + (deliberation.allocations[index].derogation ?? .zero))
        }
        guard total.cents - cap.cents > Int64(context.parameters.toleranceCents) else { return [] }
        // The terms only for a finding, as ``AllocationsAddUpToFund``'s.
        let terms = deliberation.allocations.map {
            Term(label: .init(it: "Quota UdP + deroga \($0.ambito)", en: "UdP share + derogation \($0.ambito)"),
                 amount: $0.udpShare + ($0.derogation ?? .zero), provenance: $0.provenance)
        }
        return [Self.problem.finding(
            at: deliberation.provenance, about: .init(), expected: cap, found: total, terms: terms,
            details: ["deliberation": deliberation.number])]
    }
}
