import PlusModel

/// One discrepancy found by a rule: a ``Diagnostic`` plus the numbers behind it.
///
/// Data first, text second: `expected`, `found` and `difference` are exact amounts,
/// `terms` say where each number came from, and the diagnostic carries the message
/// already written in Italian and English.
///
/// ```swift
/// let finding = report.findings[0]
/// finding.diagnostic.code      // "R101"
/// finding.difference           // Money(cents: -100): one euro missing
/// ```
public struct Finding: Hashable, Sendable, Codable {
    public var diagnostic: Diagnostic
    /// The service the finding is about, if any.
    public var service: String?
    /// The ente the finding is about, if any.
    public var ente: EnteRef?
    /// The Ambito the finding is about, for findings on the regional deliberation.
    public var ambito: String?
    /// What the rule computed or the plan states.
    public var expected: Money?
    /// What the data says.
    public var found: Money?
    /// `found − expected`, when both are known.
    public var difference: Money?
    /// The numbers involved, each with its source.
    public var terms: [Term]

    public init(
        diagnostic: Diagnostic, service: String? = nil, ente: EnteRef? = nil, ambito: String? = nil,
        expected: Money? = nil, found: Money? = nil, terms: [Term] = []
    ) {
        self.diagnostic = diagnostic
        self.service = service
        self.ente = ente
        self.ambito = ambito
        self.expected = expected
        self.found = found
        if let expected, let found {
            difference = found - expected
        }
        self.terms = terms
    }

    public var code: String { diagnostic.code }
    public var severity: Severity { diagnostic.severity }
}
