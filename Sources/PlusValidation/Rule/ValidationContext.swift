import PlusModel

/// What a rule may know besides the Ambito-year: the parameters in force.
public struct ValidationContext: Sendable {
    /// The rule set's parameters, with the deliberation's own values applied where allowed.
    public var parameters: EffectiveParameters

    public init(parameters: EffectiveParameters) {
        self.parameters = parameters
    }

    /// Whether two amounts differ by more than the rule set's tolerance.
    public func differ(_ lhs: Money, _ rhs: Money) -> Bool {
        (lhs - rhs).magnitude.cents > parameters.toleranceCents
    }
}

extension ValidationContext {
    /// A finding of `problem` when `found` differs from `expected` beyond the tolerance, else `nil`.
    public func mismatch(
        _ problem: Problem, at provenance: Provenance?, about subject: FindingSubject, expected: Money, found: Money,
        terms: [Term], details: [String: String] = [:]
    ) -> Finding? {
        guard differ(expected, found) else { return nil }
        return problem.finding(
            at: provenance, about: subject, expected: expected, found: found, terms: terms, details: details)
    }
}
