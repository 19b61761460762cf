import PlusModel

/// The subject of a finding: which service, ente or Ambito it is about.
public struct FindingSubject: Hashable, Sendable {
    public var service: String?
    public var ente: EnteRef?
    public var ambito: String?

    public init(service: String? = nil, ente: EnteRef? = nil, ambito: String? = nil) {
        self.service = service
        self.ente = ente
        self.ambito = ambito
    }
}

extension Problem {
    /// A finding of this kind; the message's `{expected}`, `{found}` and `{difference}` are the
    /// amounts, written in each language's own way (`1.234,56`, `1,234.56`), `{service}`, `{ente}`
    /// and `{ambito}` the subject. The diagnostic's `found` and `expected` carry the amounts for
    /// machines (`1234.56`); the finding keeps them as ``Money``.
    ///
    /// ```swift
    /// Problem.fundingMismatch.finding(
    ///     at: sad.provenance, about: .init(service: "SAD"),
    ///     expected: sad.totalCost, found: sum, terms: terms)
    /// ```
    public func finding(
        at provenance: Provenance?, about subject: FindingSubject, expected: Money? = nil, found: Money? = nil,
        terms: [Term] = [], details: [String: String] = [:], localizedDetails: [String: LocalizedText] = [:],
        arguments: [String: MessageArgument] = [:], severity: Severity? = nil
    ) -> Finding {
        var values = details
        values["service"] = subject.service ?? values["service"]
        values["ente"] = subject.ente?.description ?? values["ente"]
        values["ambito"] = subject.ambito ?? values["ambito"]
        var typed = arguments
        typed["expected"] = expected.map(MessageArgument.money) ?? typed["expected"]
        typed["found"] = found.map(MessageArgument.money) ?? typed["found"]
        if let expected, let found {
            typed["difference"] = .money(found - expected)
        }
        let location = provenance?.location ?? SourceLocation(file: "-")
        let diagnostic = at(
            location, found: found?.formatted(.plain) ?? details["found"] ?? arguments["found"]?.plain,
            expected: expected?.formatted(.plain) ?? details["expected"] ?? arguments["expected"]?.plain,
            details: values, localizedDetails: localizedDetails, arguments: typed, severity: severity)
        return Finding(
            diagnostic: diagnostic, service: subject.service, ente: subject.ente, ambito: subject.ambito,
            expected: expected, found: found, terms: terms)
    }
}
