import PlusModel

/// The resident population the reference data gives an Ambito, for comparing with a deliberation's.
///
/// One small function on purpose: when reference data carries its population vintage (the
/// census or ISTAT year), this is the one place that picks the vintage the rule set names.
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
