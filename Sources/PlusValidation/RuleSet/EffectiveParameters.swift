import PlusModel

/// Where a parameter's value came from.
public enum ParameterOrigin: String, Sendable, Codable {
    case ruleSet = "rule_set"
    case deliberation
}

/// A value a deliberation states for a parameter the rule set does not let it set: not applied, reported (R207).
public struct RefusedParameter: Hashable, Sendable, Codable {
    public var key: String
    /// What the deliberation states.
    public var stated: String
    /// What the rule set says, and what is applied.
    public var ruleSet: String
}

/// One parameter as used, for the report: key, value as text, origin.
public struct UsedParameter: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public var origin: ParameterOrigin
}

/// The parameters in force for one validation: the rule set's, with the deliberation's
/// own statements applied only where the rule set lists them in `deliberation_may_set`.
///
/// A deliberation cannot raise the UdP cap or change the split on its own: a value it states
/// for a parameter the rule set does not open differs from the rule set's is refused (R207)
/// and the rule set's applies. The report lists each value and its origin.
///
/// ```swift
/// let parameters = EffectiveParameters(ruleSet: ruleSet, deliberation: year.deliberation)
/// parameters.used.first { $0.key == "udp_cap" }?.origin   // .ruleSet
/// ```
public struct EffectiveParameters: Hashable, Sendable, Codable {
    public var ruleSet: RuleSetIdentity
    public var allocation: AllocationRules
    public var toleranceCents: UInt64
    /// Every parameter with its value and origin, in a fixed order.
    public var used: [UsedParameter]
    /// The values the deliberation states but may not set, when they differ from the rule set's.
    public var refused: [RefusedParameter]
    /// The fund total the Region published for the deliberation's year, if the rule set lists it.
    public var publishedFundTotal: Money?

    /// The parameters a rule set may let a deliberation set (`deliberation_may_set`).
    public static let overridableKeys = [
        "equal_share_percent", "population_share_percent", "udp_share_small", "udp_share_large", "udp_threshold", "udp_cap",
    ]

    /// The parameters of the fund's allocation: those a deliberation may set and the choices the sources leave open.
    static let allocationKeys = Set(overridableKeys + ["threshold_inclusive_side", "udp_before_split", "rounding"])

    public init(ruleSet: RuleSet, deliberation: Deliberation? = nil) {
        self.ruleSet = ruleSet.identity
        var rules = ruleSet.allocation
        var origins: [String: ParameterOrigin] = [:]
        var refused: [RefusedParameter] = []
        func text(_ value: Any) -> String {
            switch value {
            case let money as Money: money.formatted(.plain)
            case let basisPoints as Int64: basisPoints % 100 == 0 ? "\(basisPoints / 100)" : Money(cents: basisPoints).formatted(.plain)
            default: "\(value)"
            }
        }
        if let stated = deliberation?.parameters {
            func take<Value: Equatable>(_ value: Value?, _ key: String, _ path: WritableKeyPath<AllocationRules, Value>) {
                guard let value else { return }
                guard ruleSet.deliberationMaySet.contains(key) else {
                    if value != rules[keyPath: path] {
                        refused.append(RefusedParameter(key: key, stated: text(value), ruleSet: text(rules[keyPath: path])))
                    }
                    return
                }
                rules[keyPath: path] = value
                origins[key] = .deliberation
            }
            // A deliberation stating one part of the split states the other too: they add up to 100 %.
            take(stated.equalShareBasisPoints ?? stated.populationShareBasisPoints.map { 10_000 - $0 },
                 "equal_share_percent", \.equalShareBasisPoints)
            take(stated.populationShareBasisPoints ?? stated.equalShareBasisPoints.map { 10_000 - $0 },
                 "population_share_percent", \.populationShareBasisPoints)
            take(stated.udpShareSmall, "udp_share_small", \.udpShareSmall)
            take(stated.udpShareLarge, "udp_share_large", \.udpShareLarge)
            take(stated.udpThreshold, "udp_threshold", \.udpThreshold)
            take(stated.udpCap, "udp_cap", \.udpCap)
        }
        allocation = rules
        self.refused = refused
        publishedFundTotal = deliberation.flatMap { ruleSet.publishedFundTotals[$0.year] }
        toleranceCents = ruleSet.toleranceCents
        func percent(_ basisPoints: Int64) -> String {
            basisPoints % 100 == 0 ? "\(basisPoints / 100)" : Money(cents: basisPoints).formatted(.plain)
        }
        let values: [(String, String)] = [
            ("equal_share_percent", percent(rules.equalShareBasisPoints)),
            ("population_share_percent", percent(rules.populationShareBasisPoints)),
            ("udp_share_small", rules.udpShareSmall.formatted(.plain)),
            ("udp_share_large", rules.udpShareLarge.formatted(.plain)),
            ("udp_threshold", String(rules.udpThreshold)),
            ("threshold_inclusive_side", rules.thresholdSide.rawValue),
            ("udp_cap", rules.udpCap.formatted(.plain)),
            ("udp_before_split", String(rules.udpBeforeSplit)),
            ("rounding", rules.rounding.rawValue),
            ("tolerance_cents", String(ruleSet.toleranceCents)),
        ]
        // A rule set without the fund's allocation (Emilia-Romagna) shows none of its parameters.
        used = values.filter { ruleSet.statesAllocation || !Self.allocationKeys.contains($0.0) }
            .map { UsedParameter(key: $0.0, value: $0.1, origin: origins[$0.0] ?? .ruleSet) }
    }
}
