/// The rule parameters a deliberation states for splitting the regional fund.
///
/// Every field is optional: a deliberation states what it states, and the rule set
/// used by validation supplies the rest (and says so in its report).
public struct AllocationParameters: Hashable, Sendable, Codable {
    /// Part split in equal parts among the Ambiti, in basis points (40 % = 4000).
    public var equalShareBasisPoints: Int64?
    /// Part split by resident population, in basis points (60 % = 6000).
    public var populationShareBasisPoints: Int64?
    /// UdP share for an Ambito under the threshold (EUR 61,000.00).
    public var udpShareSmall: Money?
    /// UdP share for an Ambito over the threshold (EUR 76,000.00).
    public var udpShareLarge: Money?
    /// The residents' threshold between the two UdP shares (35,000).
    public var udpThreshold: Int?
    /// The cap on all UdP shares together (EUR 1,924,184.00).
    public var udpCap: Money?

    public init(
        equalShareBasisPoints: Int64? = nil, populationShareBasisPoints: Int64? = nil,
        udpShareSmall: Money? = nil, udpShareLarge: Money? = nil, udpThreshold: Int? = nil, udpCap: Money? = nil
    ) {
        self.equalShareBasisPoints = equalShareBasisPoints
        self.populationShareBasisPoints = populationShareBasisPoints
        self.udpShareSmall = udpShareSmall
        self.udpShareLarge = udpShareLarge
        self.udpThreshold = udpThreshold
        self.udpCap = udpCap
    }
}

/// One Ambito's part of the regional fund, as a deliberation states it or as the rules compute it.
///
/// A deliberation's allocation carries the provenance of the file that states it; one that
/// `AllocationCalculator` (PlusValidation) computed has none, so both compare field by field.
///
/// ```swift
/// let stated = RegionalAllocation(
///     year: 2019, ambito: "OR", population: 75_495, equalShare: Money(cents: 27_024_000),
///     populationShare: Money(cents: 59_742_569), udpShare: Money(cents: 7_600_000), total: Money(cents: 94_366_569))
/// stated.equalShare + stated.populationShare + stated.udpShare == stated.total   // true
/// ```
public struct RegionalAllocation: Hashable, Sendable, Codable {
    public var year: Int
    public var ambito: String
    public var ambitoName: String?
    public var population: Int
    public var equalShare: Money
    public var populationShare: Money
    /// The Ufficio di Piano share.
    public var udpShare: Money
    /// An upward derogation of the UdP share, if the deliberation grants one.
    public var derogation: Money?
    public var total: Money
    /// Where the allocation is stated; nil when it was computed rather than read from a file.
    public var provenance: Provenance?

    public init(
        year: Int, ambito: String, ambitoName: String? = nil, population: Int, equalShare: Money,
        populationShare: Money, udpShare: Money, derogation: Money? = nil, total: Money, provenance: Provenance? = nil
    ) {
        self.year = year
        self.ambito = ambito
        self.ambitoName = ambitoName
        self.population = population
        self.equalShare = equalShare
        self.populationShare = populationShare
        self.udpShare = udpShare
        self.derogation = derogation
        self.total = total
        self.provenance = provenance
    }
}

/// A regional act (DGR) that assigns the fund for one year.
///
/// ```swift
/// let dgr = Deliberation(number: "40/32", date: CivilDate(year: 2011, month: 10, day: 6)!,
///                        body: "Giunta Regionale", year: 2019, fundTotal: Money(cents: 1_861_000_000))
/// ```
public struct Deliberation: Hashable, Sendable, Codable {
    /// The act's number, e.g. `40/32`.
    public var number: String
    public var date: CivilDate
    /// The issuing body, e.g. "Giunta Regionale della Sardegna".
    public var body: String
    /// The year the fund is for.
    public var year: Int
    public var fundTotal: Money
    public var parameters: AllocationParameters
    public var allocations: [RegionalAllocation]
    public var provenance: Provenance?

    public init(
        number: String, date: CivilDate, body: String, year: Int, fundTotal: Money,
        parameters: AllocationParameters = .init(), allocations: [RegionalAllocation] = [], provenance: Provenance? = nil
    ) {
        self.number = number
        self.date = date
        self.body = body
        self.year = year
        self.fundTotal = fundTotal
        self.parameters = parameters
        self.allocations = allocations
        self.provenance = provenance
    }

    public func allocation(for ambito: String) -> RegionalAllocation? {
        // Compared in place, only the one found copied: every Ambito-year looks its own up among
        // the region's hundreds, several times, and `first(where:)` copied each one it passed.
        allocations.indices.first { allocations[$0].ambito == ambito }.map { allocations[$0] }
    }
}
