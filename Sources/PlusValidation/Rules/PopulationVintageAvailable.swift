import PlusModel

extension Problem {
    public static let populationVintageMissing = Problem(
        code: "R002", severity: .error,
        title: .init(it: "Popolazione dell'annata indicata dalle regole mancante",
                     en: "Population of the rule set's vintage missing"),
        template: .init(
            it: "Ambito {ambito}: le regole {rule_set} usano la popolazione {vintage}, che i dati di riferimento non hanno per {count:Comune|Comuni} ({comuni}); annate presenti: {found}. Caricare la popolazione {vintage} (ad es. con la mappatura istat-popolazione): i controlli sui residenti (R105, R206) non sono stati eseguiti.",
            en: "Ambito {ambito}: rule set {rule_set} uses the {vintage} population, which the reference data lacks for {count:Comune|Comuni} ({comuni}); vintages present: {found}. Load the {vintage} population (e.g. with the istat-popolazione mapping): the checks on residents (R105, R206) were not run."))
}

/// The population vintage the rule set names is in the reference data for every member Comune.
///
/// ``Validator`` weighs the Comuni by that vintage; a Comune without it is never weighed by
/// another vintage instead: this rule says which are missing and the checks on residents
/// (``dependentRules``) do not run.
public struct PopulationVintageAvailable: ValidationRule {
    public static let problem = Problem.populationVintageMissing
    public static let description = LocalizedText(
        it: "La popolazione dell'annata indicata dalle regole (population_vintage) è nei dati di riferimento per ogni Comune dell'Ambito.",
        en: "The population of the vintage the rule set names (population_vintage) is in the reference data for every Comune of the Ambito.")

    /// The rules that weigh Comuni or Ambiti by their residents.
    static let dependentRules: Set<String> = ["R105", "R206"]
    /// How many missing Comuni the finding names.
    static let listed = 10

    public init() {}

    /// The member Comuni that lack the population of `vintage`.
    static func missing(_ year: AmbitoYear, vintage: String) -> [MemberComune] {
        let populations = year.populationsByVintage[vintage] ?? [:]
        return year.ambito.comuni.filter { populations[$0.istatCode] == nil }
    }

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let vintage = context.parameters.ruleSet.populationVintage else { return [] }
        let missing = Self.missing(year, vintage: vintage)
        guard !missing.isEmpty else { return [] }
        let named = missing.prefix(Self.listed).map { "\($0.istatCode) \($0.name)" }.joined(separator: ", ")
            + (missing.count > Self.listed ? ", …" : "")
        let present = year.populationsByVintage.keys.sorted()
        return [Self.problem.finding(
            at: nil, about: .init(ambito: year.ambito.code),
            details: [
                "rule_set": context.parameters.ruleSet.description, "vintage": vintage, "count": String(missing.count),
                "comuni": named, "found": present.isEmpty ? "-" : present.joined(separator: ", "), "expected": vintage,
            ])]
    }
}

extension AmbitoYear {
    /// The Ambito-year with each member Comune weighed by its population of `vintage`, where the
    /// reference data has it (the others are reported by ``PopulationVintageAvailable``).
    func weighed(by vintage: String) -> AmbitoYear {
        guard let populations = populationsByVintage[vintage] else { return self }
        var weighed = self
        for index in weighed.ambito.comuni.indices {
            if let population = populations[weighed.ambito.comuni[index].istatCode] {
                weighed.ambito.comuni[index].population = population
            }
        }
        return weighed
    }
}
