import PlusModel

extension Problem {
    public static let fondoWithinAllocation = Problem(
        code: "R107", severity: .error,
        title: .init(it: "Fondo regionale oltre l'assegnazione", en: "Regional fund beyond the allocation"),
        template: .init(
            it: "I servizi dell'Ambito {ambito} usano {found} di Fondo regionale, l'assegnazione della deliberazione è {expected} (eccedenza {difference}).",
            en: "The services of Ambito {ambito} use {found} of the regional fund, the deliberation allocates {expected} (excess {difference})."))

    public static let allocationMissing = Problem(
        code: "R108", severity: .error,
        title: .init(it: "Assegnazione dell'Ambito mancante", en: "Ambito's allocation missing"),
        template: .init(
            it: "La deliberazione {deliberation} non assegna nulla all'Ambito {ambito}: il Fondo regionale usato ({found}) non si può verificare.",
            en: "Deliberation {deliberation} allocates nothing to Ambito {ambito}: the regional fund used ({found}) cannot be checked."))
}

/// The regional fund used by the Ambito's services does not exceed its allocation for the year.
public struct FondoWithinAllocation: ServiceBatchRule {
    public static let problem = Problem.fondoWithinAllocation
    public static let description = LocalizedText(
        it: "La somma del Fondo regionale nei servizi dell'Ambito non supera il totale assegnato all'Ambito dalla deliberazione dell'anno.",
        en: "The regional fund used by the Ambito's services does not exceed the Ambito's total in the year's deliberation.")

    public init() {}

    public func tally(for year: AmbitoYear, context: ValidationContext) -> FundLines { FundLines() }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout FundLines, context: ValidationContext) -> [Finding] {
        tally.add(services, fund: .fondoRegionale) { $0.funding[.fondoRegionale] != nil }
        return []
    }

    public func conclude(_ tally: FundLines, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let usedTotal = tally.total
        let usedTerms = tally.terms
        let subject = FindingSubject(ambito: year.ambito.code)
        guard let deliberation = year.deliberation else {
            guard usedTotal != .zero else { return [] }
            // Until the act arrives there is nothing to compare with: worth knowing, not wrong.
            return [Problem.allocationMissing.finding(
                at: nil, about: subject, found: usedTotal, terms: usedTerms,
                details: ["deliberation": "-"], severity: .info)]
        }
        guard let allocation = deliberation.allocation(for: year.ambito.code) else {
            return [Problem.allocationMissing.finding(
                at: deliberation.provenance, about: subject, found: usedTotal, terms: usedTerms,
                details: ["deliberation": deliberation.number])]
        }
        guard usedTotal.cents - allocation.total.cents > Int64(context.parameters.toleranceCents) else { return [] }
        let allocated = Term(
            label: .init(it: "Assegnazione DGR \(deliberation.number) all'Ambito \(allocation.ambito)",
                         en: "Allocation of DGR \(deliberation.number) to Ambito \(allocation.ambito)"),
            amount: allocation.total, provenance: allocation.provenance ?? deliberation.provenance)
        return [Self.problem.finding(
            at: allocation.provenance ?? deliberation.provenance, about: subject,
            expected: allocation.total, found: usedTotal, terms: [allocated] + usedTerms)]
    }
}
