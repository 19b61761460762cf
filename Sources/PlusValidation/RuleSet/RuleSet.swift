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
/// ```
public struct RuleSet: Hashable, Sendable, Codable {
    public var name: String
    public var version: Int
    public var title: String?
    public var allocation: AllocationRules
    /// The largest difference, in cents, two amounts may have and still count as equal.
    public var toleranceCents: UInt64
    /// Whether parameters a deliberation states itself replace the rule set's.
    public var deliberationOverrides: Bool
    /// Codes of rules not to run.
    public var disabledRules: Set<String>

    public init(
        name: String, version: Int, title: String? = nil, allocation: AllocationRules, toleranceCents: UInt64 = 0,
        deliberationOverrides: Bool = true, disabledRules: Set<String> = []
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.allocation = allocation
        self.toleranceCents = toleranceCents
        self.deliberationOverrides = deliberationOverrides
        self.disabledRules = disabledRules
    }

    public var identity: RuleSetIdentity { RuleSetIdentity(name: name, version: version) }
}

/// The name and version of a rule set, as a report records it.
public struct RuleSetIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: String
    public var version: Int

    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }

    public var description: String { "\(name) v\(version)" }
}
