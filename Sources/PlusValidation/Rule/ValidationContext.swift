import PlusModel

/// What a rule may know besides the Ambito-year: the parameters in force.
public struct ValidationContext: Sendable {
    /// The rule set's parameters, with the deliberation's own values applied where allowed.
    public var parameters: EffectiveParameters
    /// The cost shares of the Ambito-year being checked, by service and kind of ente: ``Validator``
    /// builds it once for all the rules; without it the rules scan the shares.
    var sharesByService: [ServiceShares: [CostShare]]?

    /// A key of ``sharesByService``.
    struct ServiceShares: Hashable {
        var service: String
        var kind: EnteKind
    }
    /// The rule set in force, for the rules that read its lists (funding lines, funds with a
    /// statement); ``Validator`` sets it.
    public var ruleSet: RuleSet?
    /// Whether the rule set asks every service of the plan for a monitoring indicator (R601).
    public var indicatorsRequired = false

    public init(parameters: EffectiveParameters, ruleSet: RuleSet? = nil) {
        self.parameters = parameters
        self.ruleSet = ruleSet
    }

    /// Whether two amounts differ by more than the rule set's tolerance.
    public func differ(_ lhs: Money, _ rhs: Money) -> Bool {
        (lhs - rhs).magnitude.cents > parameters.toleranceCents
    }
}

extension ValidationContext {
    /// A finding of `problem` when `found` differs from `expected` beyond the tolerance, else `nil`.
    ///
    /// `terms` and `details` are built only for a finding: a region's checks compare millions
    /// of amounts that agree, and their labels would cost more than the comparisons.
    public func mismatch(
        _ problem: Problem, at provenance: Provenance?, about subject: FindingSubject, expected: Money, found: Money,
        terms: @autoclosure () -> [Term], details: @autoclosure () -> [String: String] = [:],
        localizedDetails: @autoclosure () -> [String: LocalizedText] = [:]
    ) -> Finding? {
        guard differ(expected, found) else { return nil }
        return problem.finding(
            at: provenance, about: subject, expected: expected, found: found, terms: terms(), details: details(),
            localizedDetails: localizedDetails())
    }
}
