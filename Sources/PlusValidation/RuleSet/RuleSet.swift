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
    /// The population vintage the rules weigh Comuni and Ambiti by (`censimento-2011`, `istat-2019-01-01`),
    /// as the store keeps ISTAT's populations; `nil` when the rule set names none (then the
    /// populations of the Ambiti's reference data are used, and the reports say so).
    public var populationVintage: String?
    /// Whether the file states the fund's allocation parameters (split, UdP shares, cap): a
    /// region without the Sardinian fund (Emilia-Romagna) states none, and reports show none.
    public var statesAllocation: Bool = true
    /// The funding lines the region's plans may use, in the order reports list them; `nil` lets
    /// a plan use any. A line not listed is a finding (R120).
    public var fundingSources: [FundingSource]?
    /// The funds whose yearly statement the district must send when its plan uses them
    /// (Emilia-Romagna: `frna`; R124). Every statement sent is checked: its balance (R121) and
    /// what it says was used against the plan's lines (R122).
    public var fundStatements: [FundingSource] = []
    /// The funds whose services must record their rule on users' co-payment (R123).
    public var copaymentRuleRequiredFor: [FundingSource] = []
    /// Whether every service of the plan needs a monitoring indicator (`indicators_required`, R601).
    public var indicatorsRequired = false

    public init(
        name: String, version: Int, title: String? = nil, region: String, validYears: [Int],
        allocation: AllocationRules, toleranceCents: UInt64 = 0,
        deliberationMaySet: Set<String> = [], publishedFundTotals: [Int: Money] = [:], disabledRules: Set<String> = [],
        populationVintage: String? = nil
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
        self.populationVintage = populationVintage
    }

    public var identity: RuleSetIdentity {
        RuleSetIdentity(name: name, version: version, region: region, validYears: validYears, populationVintage: populationVintage)
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
    /// The population vintage the rule set names (see ``RuleSet/populationVintage``).
    public var populationVintage: String?

    public init(name: String, version: Int, region: String? = nil, validYears: [Int] = [], populationVintage: String? = nil) {
        self.name = name
        self.version = version
        self.region = region
        self.validYears = validYears
        self.populationVintage = populationVintage
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

    /// Which populations the rules used, as a report's header says it:
    /// `Popolazione: censimento-2011 (indicata dalle regole)`.
    public func populationText(language: Language) -> String {
        guard let populationVintage else {
            return language == .it
                ? "Popolazione: quella dei dati di riferimento degli Ambiti (le regole non indicano un'annata)"
                : "Population: the Ambiti's reference data (the rule set names no vintage)"
        }
        return language == .it
            ? "Popolazione: \(populationVintage) (annata indicata dalle regole)"
            : "Population: \(populationVintage) (the vintage the rule set names)"
    }
}
