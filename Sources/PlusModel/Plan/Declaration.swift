/// What one ente declared, in its own sheet, that it pays for one service.
///
/// ```swift
/// Declaration(ente: EnteRef(comune: "095018"), year: 2019, service: "SAD", amount: Money(euros: 4_786))
/// ```
public struct Declaration: Hashable, Sendable, Codable {
    public var ente: EnteRef
    public var year: Int
    public var service: String
    public var amount: Money
    public var note: String?
    /// The date of the ente's act approving the amount (delibera), if the sheet states it.
    public var approvedOn: CivilDate?
    public var provenance: Provenance?

    public init(
        ente: EnteRef, year: Int, service: String, amount: Money, note: String? = nil,
        approvedOn: CivilDate? = nil, provenance: Provenance? = nil
    ) {
        self.ente = ente
        self.year = year
        self.service = service
        self.amount = amount
        self.note = note
        self.approvedOn = approvedOn
        self.provenance = provenance
    }
}
