import PlusModel

/// One number a finding rests on, with where it was read.
///
/// A finding shows its terms so that a reader can check the arithmetic by hand:
/// "Quota Comuni 40.000,00 (servizi.csv:4) − Σ quote 39.999,00".
///
/// ```swift
/// Term(label: .init(it: "Costo totale", en: "Total cost"), amount: sad.totalCost, provenance: sad.provenance)
/// ```
public struct Term: Hashable, Sendable, Codable {
    public var label: LocalizedText
    public var amount: Money
    /// The file and row (or XPath) the amount was read from; `nil` when it was computed.
    public var provenance: Provenance?

    public init(label: LocalizedText, amount: Money, provenance: Provenance? = nil) {
        self.label = label
        self.amount = amount
        self.provenance = provenance
    }
}
