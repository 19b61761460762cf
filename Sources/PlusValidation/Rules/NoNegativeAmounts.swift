import PlusModel

extension Problem {
    public static let negativeAmount = Problem(
        code: "R401", severity: .error,
        title: .init(it: "Importo negativo", en: "Negative amount"),
        template: .init(
            it: "{what}: importo negativo {found}.",
            en: "{what}: negative amount {found}."))
}

/// No amount in the plan, the cost split, the declarations or the deliberation is negative.
public struct NoNegativeAmounts: ServiceBatchRule {
    public static let problem = Problem.negativeAmount
    public static let description = LocalizedText(
        it: "Costi, fonti di finanziamento, quote, dichiarazioni e assegnazioni non sono mai negativi.",
        en: "Costs, funding sources, shares, declarations and allocations are never negative.")

    public init() {}

    public func tally(for year: AmbitoYear, context: ValidationContext) {}

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Void, context: ValidationContext) -> [Finding] {
        AmbitoYear.amountTerms(of: services, where: \.isNegative).map(finding)
    }

    public func conclude(_ tally: Void, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.amountTermsBesideServices(where: \.isNegative).map(finding)
    }

    private func finding(_ term: Term, about subject: FindingSubject) -> Finding {
        Self.problem.finding(
            at: term.provenance, about: subject, found: term.amount, terms: [term], localizedDetails: ["what": term.label])
    }
}
