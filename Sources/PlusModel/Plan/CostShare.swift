/// The part of one service's cost charged to one ente, as the plan states it.
///
/// ```swift
/// CostShare(service: "SAD", ente: EnteRef(comune: "095018"), amount: Money(euros: 4_786))
/// ```
public struct CostShare: Hashable, Sendable, Codable {
    public var service: String
    public var ente: EnteRef
    public var amount: Money
    /// For ``SharingCriterion/percentages``: the ente's stated share in basis points (1 % = 100).
    public var basisPoints: Int64?
    public var provenance: Provenance?

    public init(service: String, ente: EnteRef, amount: Money, basisPoints: Int64? = nil, provenance: Provenance? = nil) {
        self.service = service
        self.ente = ente
        self.amount = amount
        self.basisPoints = basisPoints
        self.provenance = provenance
    }
}
