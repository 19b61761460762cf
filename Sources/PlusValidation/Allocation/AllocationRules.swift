import PlusModel

/// Which side an Ambito of exactly the threshold population falls on.
public enum ThresholdSide: String, Sendable, Codable, CaseIterable {
    /// Exactly the threshold counts as small: the large share needs strictly more residents.
    case small
    /// Exactly the threshold counts as large.
    case large
}

/// How cents left over by a proportional split are given out.
public enum RoundingMethod: String, Sendable, Codable, CaseIterable {
    /// Floor every quota, then one cent each to the largest remainders, ties to the one listed first.
    case largestRemainder = "largest_remainder"
}

/// The parameters that turn a fund total and the Ambiti's populations into allocations.
///
/// The sources state the 40/60 split, the UdP shares, the 35,000 threshold and the cap,
/// but not whether the UdP share comes first, how exactly 35,000 is treated, nor the
/// rounding: those are explicit here, so every report can show them.
///
/// ```swift
/// var rules = AllocationRules.sardegnaDefaults
/// rules.thresholdSide = .large
/// rules.udpShare(population: 35_000)   // EUR 76.000,00
/// ```
public struct AllocationRules: Hashable, Sendable, Codable {
    /// The part split in equal parts, in basis points (40 % = 4000).
    public var equalShareBasisPoints: Int64
    /// The part split by population, in basis points (60 % = 6000).
    public var populationShareBasisPoints: Int64
    public var udpShareSmall: Money
    public var udpShareLarge: Money
    public var udpThreshold: Int
    public var thresholdSide: ThresholdSide
    /// The most all UdP shares (derogations included) may add up to in a year.
    public var udpCap: Money
    /// Whether the UdP shares are taken from the fund before the 40/60 split
    /// (then an Ambito's total is equal + population + UdP share), or paid out of
    /// each Ambito's 40/60 part (then the total is equal + population).
    public var udpBeforeSplit: Bool
    public var rounding: RoundingMethod

    public init(
        equalShareBasisPoints: Int64, populationShareBasisPoints: Int64, udpShareSmall: Money, udpShareLarge: Money,
        udpThreshold: Int, thresholdSide: ThresholdSide, udpCap: Money, udpBeforeSplit: Bool,
        rounding: RoundingMethod = .largestRemainder
    ) {
        self.equalShareBasisPoints = equalShareBasisPoints
        self.populationShareBasisPoints = populationShareBasisPoints
        self.udpShareSmall = udpShareSmall
        self.udpShareLarge = udpShareLarge
        self.udpThreshold = udpThreshold
        self.thresholdSide = thresholdSide
        self.udpCap = udpCap
        self.udpBeforeSplit = udpBeforeSplit
        self.rounding = rounding
    }

    /// Whether an Ambito of `population` residents gets the large UdP share.
    public func isLarge(population: Int) -> Bool {
        switch thresholdSide {
        case .small: population > udpThreshold
        case .large: population >= udpThreshold
        }
    }

    /// The standard UdP share for an Ambito of `population` residents, before any derogation.
    public func udpShare(population: Int) -> Money {
        isLarge(population: population) ? udpShareLarge : udpShareSmall
    }

    /// What an Ambito's total must be, given its parts.
    public func total(equalShare: Money, populationShare: Money, udpShare: Money, derogation: Money?) -> Money {
        udpBeforeSplit ? equalShare + populationShare + udpShare + (derogation ?? .zero) : equalShare + populationShare
    }
}
