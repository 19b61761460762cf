import PlusModel

extension Problem {
    public static let deliberationPopulation = Problem(
        code: "R206", severity: .error,
        title: .init(it: "Popolazione della deliberazione diversa dai dati di riferimento",
                     en: "Deliberation's population differs from the reference data"),
        template: .init(
            it: "Ambito {ambito}: la deliberazione {deliberation} usa {found} residenti, i dati di riferimento ({vintage}) ne contano {expected} (differenza {difference}).",
            en: "Ambito {ambito}: deliberation {deliberation} uses {found} residents, the reference data ({vintage}) counts {expected} (difference {difference})."))
}

/// The population a deliberation weighs the Ambito by is the one of the reference data.
///
/// The 60 % split follows the populations the act states; an act with altered populations
/// would pass every arithmetic check, so they are compared with the member Comuni's in the
/// vintage the rule set names (``Validator`` weighs them so), which the finding names.
public struct DeliberationPopulationsMatchReference: ValidationRule {
    public static let problem = Problem.deliberationPopulation
    public static let description = LocalizedText(
        it: "I residenti dell'Ambito nella deliberazione sono la somma dei residenti dei suoi Comuni nei dati di riferimento.",
        en: "The Ambito's residents in the deliberation are the sum of its Comuni's residents in the reference data.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let deliberation = year.deliberation, let allocation = deliberation.allocation(for: year.ambito.code),
              let expected = ReferencePopulation.of(year.ambito, year: deliberation.year), expected != allocation.population
        else { return [] }
        return [Self.problem.finding(
            at: allocation.provenance ?? deliberation.provenance, about: .init(ambito: year.ambito.code),
            details: [
                "deliberation": deliberation.number, "expected": String(expected),
                "found": String(allocation.population), "difference": String(allocation.population - expected),
            ],
            localizedDetails: ["vintage": context.parameters.ruleSet.populationVintage.map { LocalizedText(it: "popolazione \($0)", en: "\($0) population") }
                ?? LocalizedText(it: "popolazione degli Ambiti, annata non indicata dalle regole", en: "the Ambiti's population, no vintage named by the rule set")])]
    }
}
