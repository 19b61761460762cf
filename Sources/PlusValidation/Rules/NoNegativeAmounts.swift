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
public struct NoNegativeAmounts: ValidationRule {
    public static let problem = Problem.negativeAmount
    public static let description = LocalizedText(
        it: "Costi, fonti di finanziamento, quote, dichiarazioni e assegnazioni non sono mai negativi.",
        en: "Costs, funding sources, shares, declarations and allocations are never negative.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.amountTerms(where: \.isNegative).map { term, subject in
            Self.problem.finding(
                at: term.provenance, about: subject, found: term.amount, terms: [term], localizedDetails: ["what": term.label])
        }
    }
}
