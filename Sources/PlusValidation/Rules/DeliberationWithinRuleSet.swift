import PlusModel

extension Problem {
    public static let deliberationParameterRefused = Problem(
        code: "R207", severity: .error,
        title: .init(it: "Parametro non modificabile dalla deliberazione", en: "Parameter a deliberation may not set"),
        template: .init(
            it: "La deliberazione {deliberation} fissa {parameter} a {found}, ma il set di regole {rule_set} non le consente di cambiarlo: si applica {expected}.",
            en: "Deliberation {deliberation} sets {parameter} to {found}, but rule set {rule_set} does not let it change it: {expected} applies."))

    public static let fundTotalAsPublished = Problem(
        code: "R208", severity: .error,
        title: .init(it: "Fondo diverso dal totale pubblicato", en: "Fund differs from the published total"),
        template: .init(
            it: "Il Fondo della deliberazione {deliberation} è {found}, il totale pubblicato per il {year} è {expected} (differenza {difference}).",
            en: "The fund of deliberation {deliberation} is {found}, the total published for {year} is {expected} (difference {difference})."))
}

/// A deliberation sets only the parameters the rule set lets it set (`deliberation_may_set`).
public struct DeliberationWithinRuleSet: ValidationRule {
    public static let problem = Problem.deliberationParameterRefused
    public static let description = LocalizedText(
        it: "Una deliberazione non può alzare il tetto UdP né cambiare la ripartizione 40/60 o le quote UdP se il set di regole non elenca quel parametro in deliberation_may_set; vale il valore del set di regole.",
        en: "A deliberation cannot raise the UdP cap nor change the 40/60 split or the UdP shares unless the rule set lists that parameter in deliberation_may_set; the rule set's value applies.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation else { return [] }
        return context.parameters.refused.map { refused in
            Self.problem.finding(
                at: deliberation.provenance, about: .init(),
                details: [
                    "deliberation": deliberation.number, "parameter": refused.key, "found": refused.stated,
                    "expected": refused.ruleSet, "rule_set": context.parameters.ruleSet.description,
                ])
        }
    }
}

/// The deliberation's fund total is the one the Region published for its year, when the rule set lists it.
public struct FundTotalAsPublished: ValidationRule {
    public static let problem = Problem.fundTotalAsPublished
    public static let description = LocalizedText(
        it: "Il totale del Fondo della deliberazione è quello pubblicato per l'anno (published_fund_totals del set di regole: 2017 18.871.807,82; 2018 19.167.622,40; 2019 18.610.000,00).",
        en: "The deliberation's fund total is the one published for its year (the rule set's published_fund_totals: 2017 18,871,807.82; 2018 19,167,622.40; 2019 18,610,000.00).")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation, let published = context.parameters.publishedFundTotal else { return [] }
        let term = Term(label: .init(it: "Fondo DGR \(deliberation.number)", en: "Fund DGR \(deliberation.number)"),
                        amount: deliberation.fundTotal, provenance: deliberation.provenance)
        return [context.mismatch(
            Self.problem, at: deliberation.provenance, about: .init(), expected: published, found: deliberation.fundTotal,
            terms: [term, .computed("Totale pubblicato", "Published total", published)],
            details: ["deliberation": deliberation.number, "year": String(deliberation.year)])].compactMap { $0 }
    }
}
