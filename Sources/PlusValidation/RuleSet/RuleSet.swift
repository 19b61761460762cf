import PlusModel

/// A named, versioned set of rule parameters, read from a YAML file.
///
/// Parameters the sources leave open (UdP share before the split, exactly 35,000
/// residents, rounding, tolerance) live here, not in code, and every report names
/// the rule set it used.
///
/// ```swift
/// let ruleSet = try RuleSet.load(contentsOf: URL(filePath: "Mappings/rules/sardegna-plus-v1.yaml"))
/// ruleSet.identity   // sardegna-plus v1
/// ruleSet.governs(2020)   // false: it states the years 2017–2019
/// ```
public struct RuleSet: Hashable, Sendable, Codable {
    public var name: String
    public var version: Int
    public var title: String?
    /// The region whose plans the rule set governs, e.g. `sardegna` (see ``PlusModel/Ambito/region``).
    public var region: String
    /// The years the rule set governs, ascending.
    public var validYears: [Int]
    public var allocation: AllocationRules
    /// The largest difference, in cents, two amounts may have and still count as equal.
    public var toleranceCents: UInt64
    /// The parameters a deliberation may set itself (keys as in ``EffectiveParameters/overridableKeys``);
    /// any other value it states that differs from the rule set's is a finding (R207), not applied.
    public var deliberationMaySet: Set<String>
    /// The fund totals the Region published, by year: a deliberation's fund total must equal its year's (R208).
    public var publishedFundTotals: [Int: Money]
    /// Codes of rules not to run.
    public var disabledRules: Set<String>
    /// Whether every service of the plan needs a monitoring indicator (`indicators_required`, R601).
    public var indicatorsRequired = false

    public init(
        name: String, version: Int, title: String? = nil, region: String, validYears: [Int],
        allocation: AllocationRules, toleranceCents: UInt64 = 0,
        deliberationMaySet: Set<String> = [], publishedFundTotals: [Int: Money] = [:], disabledRules: Set<String> = []
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.region = region
        self.validYears = Array(Set(validYears)).sorted()
        self.allocation = allocation
        self.toleranceCents = toleranceCents
        self.deliberationMaySet = deliberationMaySet
        self.publishedFundTotals = publishedFundTotals
        self.disabledRules = disabledRules
    }

    public var identity: RuleSetIdentity {
        RuleSetIdentity(name: name, version: version, region: region, validYears: validYears)
    }

    /// Whether the rule set governs `year`.
    public func governs(_ year: Int) -> Bool { validYears.contains(year) }
}

/// The name and version of a rule set, as a report records it.
public struct RuleSetIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: String
    public var version: Int
    /// The region the rule set governs, when known.
    public var region: String?
    /// The years the rule set governs, ascending; empty when not known.
    public var validYears: [Int]

    public init(name: String, version: Int, region: String? = nil, validYears: [Int] = []) {
        self.name = name
        self.version = version
        self.region = region
        self.validYears = validYears
    }

    public var description: String { "\(name) v\(version)" }

    /// The years as people write them: `2017–2019` for a run, `2017, 2019` otherwise.
    public var yearsText: String {
        guard let first = validYears.first, let last = validYears.last else { return "-" }
        if validYears.count > 1, last - first + 1 == validYears.count { return "\(first)–\(last)" }
        return validYears.map(String.init).joined(separator: ", ")
    }

    /// The name, version, region and years, as a report's header shows them: `sardegna-plus v1 (sardegna, 2017–2019)`.
    public var scopeText: String {
        guard let region else { return description }
        return "\(description) (\(region), \(yearsText))"
    }
}
