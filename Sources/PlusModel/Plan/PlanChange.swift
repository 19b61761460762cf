/// One amount of an Ambito's plan that differs between two years: a service's total cost, or an
/// ente's share of it; `nil` on the side where it is new or gone.
///
/// ```swift
/// let change = PlanChange(service: "SAD", ente: nil, previous: Money(cents: 40_000_000), current: Money(cents: 41_235_000))
/// change.difference   // Money(cents: 1_235_000)
/// ```
public struct PlanChange: Hashable, Sendable, Codable {
    public var service: String
    /// The ente whose share changed; `nil` for the service's total cost.
    public var ente: EnteRef?
    public var previous: Money?
    public var current: Money?

    public init(service: String, ente: EnteRef?, previous: Money?, current: Money?) {
        self.service = service
        self.ente = ente
        self.previous = previous
        self.current = current
    }

    /// `current − previous`, a missing side counting as zero.
    public var difference: Money { (current ?? .zero) - (previous ?? .zero) }
}
