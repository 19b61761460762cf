import PlusModel

/// The resident population the reference data gives an Ambito, for comparing with a deliberation's.
///
/// ``Validator`` has already weighed the member Comuni by the vintage the rule set names
/// (``AmbitoYear/populationsByVintage``), so this sums what the rules are to use.
///
/// ```swift
/// ReferencePopulation.of(oristano, year: 2019)   // 75,495 with the 2011 census
/// ```
enum ReferencePopulation {
    /// The sum over the Ambito's member Comuni, or `nil` when the reference data lists none.
    static func of(_ ambito: Ambito, year: Int) -> Int? {
        ambito.comuni.isEmpty ? nil : ambito.population
    }
}
