import PlusModel

extension Problem {
    public static let noRulesForYear = Problem(
        code: "R001", severity: .error,
        title: .init(it: "Nessuna regola per l'anno", en: "No rules for the year"),
        template: .init(
            it: "Nessuna regola per il {year} nella regione {region}: le regole {rule_set} valgono per {valid_years} ({ambito_region}), applicate comunque e da non considerare definitive.",
            en: "No rules for {year} in region {region}: rule set {rule_set} governs {valid_years} ({ambito_region}); it was applied anyway and its results are not final."))
}

/// The rule set in force governs the Ambito's region and the year checked.
///
/// ``Validator`` picks the rule set by region and year; when none governs them (or `--rules`
/// forces one that does not), it still applies the closest one, and this rule says so: the
/// choice is never silent.
public struct RuleSetGovernsYear: ValidationRule {
    public static let problem = Problem.noRulesForYear
    public static let description = LocalizedText(
        it: "Il set di regole applicato vale per la regione dell'Ambito e per l'anno controllato (chiavi region e valid_years).",
        en: "The rule set applied governs the Ambito's region and the year checked (keys region and valid_years).")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let ruleSet = context.parameters.ruleSet
        // An identity without years is a rule set built in code, not read from a file: nothing to compare.
        guard !ruleSet.validYears.isEmpty else { return [] }
        let region = ruleSet.region ?? year.ambito.region
        guard region != year.ambito.region || !ruleSet.validYears.contains(year.year) else { return [] }
        return [Self.problem.finding(
            at: year.deliberation?.provenance, about: .init(ambito: year.ambito.code),
            details: [
                "year": String(year.year), "region": year.ambito.region, "rule_set": ruleSet.description,
                "valid_years": ruleSet.yearsText, "ambito_region": region,
            ])]
    }
}
