/// A district's yearly statement of one fund: what was assigned, carried over, used and left.
///
/// Emilia-Romagna's Ufficio di Piano monitors the FRNA this way (DGR 509/2007): the amount
/// assigned for the year plus the residual carried over from the years before must equal what
/// was used plus what is left, to the cent (rule R121); what was used must equal the fund's
/// lines in the plan (R122).
///
/// ```swift
/// let frna = FundStatement(ambito: "CFE", year: 2019, fund: .frna, assigned: Money(euros: 6_000_000),
///                          carriedOver: Money(euros: 150_000), used: Money(euros: 6_050_000),
///                          residual: Money(euros: 100_000))
/// frna.available   // 6,150,000.00: assigned + carried over
/// ```
public struct FundStatement: Hashable, Sendable, Codable {
    public var ambito: String
    public var year: Int
    public var fund: FundingSource
    public var assigned: Money
    /// The residual of the years before, brought into this one.
    public var carriedOver: Money
    public var used: Money
    /// What is left at the end of the year, carried into the next.
    public var residual: Money
    /// The act that approved the statement, if stated.
    public var act: String?
    public var provenance: Provenance?

    public init(
        ambito: String, year: Int, fund: FundingSource, assigned: Money, carriedOver: Money = .zero,
        used: Money, residual: Money, act: String? = nil, provenance: Provenance? = nil
    ) {
        self.ambito = ambito
        self.year = year
        self.fund = fund
        self.assigned = assigned
        self.carriedOver = carriedOver
        self.used = used
        self.residual = residual
        self.act = act
        self.provenance = provenance
    }
}
