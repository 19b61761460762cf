/// One amount of an Ambito's plan (a service's total cost, or an ente's share of it) that cannot be
/// compared with the year before because its entries add up past the largest amount ``Money``
/// holds, in one year or both, or because the change itself does (`CMP001`).
///
/// Each entry is a valid amount; only their sum is not. The comparison lists it apart and goes on
/// with the other amounts.
///
/// ```swift
/// let overflow = PlanSumOverflow(service: "SAD", ente: nil, years: [2019])
/// print(overflow.message[.en])   // "CMP001 service SAD, total cost: in 2019 its amounts add up past …"
/// ```
public struct PlanSumOverflow: Hashable, Sendable, Codable {
    /// The stable code of the diagnostic.
    public static let code = "CMP001"

    public var service: String
    /// The ente whose share it is; `nil` for the service's total cost.
    public var ente: EnteRef?
    /// The years whose entries add up past the largest amount; empty when each year's sum fits but
    /// the change from one to the other does not.
    public var years: [Int]

    public init(service: String, ente: EnteRef?, years: [Int]) {
        self.service = service
        self.ente = ente
        self.years = years
    }

    /// What overflowed, where, and what was expected, in both languages.
    public var message: LocalizedText {
        let largest = Money(cents: .max)
        let it = "\(Self.code) servizio \(service), \(ente.map { "quota di \($0)" } ?? "costo totale"): "
            + (years.isEmpty
                ? "la variazione tra i due anni"
                : "nel \(years.map(String.init).joined(separator: " e nel ")) gli importi sommano a un totale che")
            + " supera l'importo massimo rappresentabile (\(largest.formatted(.italian)) €); atteso un totale entro questo limite:"
            + " questa voce non è confrontata, le altre sì."
        let en = "\(Self.code) service \(service), \(ente.map { "share of \($0)" } ?? "total cost"): "
            + (years.isEmpty
                ? "the change between the two years"
                : "in \(years.map(String.init).joined(separator: " and in ")) its amounts add up to a total that")
            + " passes the largest amount that can be held (\(largest.formatted(.english)) €); expected a total within it:"
            + " this item is not compared, the others are."
        return LocalizedText(it: it, en: en)
    }
}
