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
    /// A finding of this kind; the message's `{expected}`, `{found}` and `{difference}`
    /// are the amounts in Italian format, `{service}`, `{ente}` and `{ambito}` the subject.
    ///
    /// ```swift
    /// Problem.fundingMismatch.finding(
    ///     at: sad.provenance, about: .init(service: "SAD"),
    ///     expected: sad.totalCost, found: sum, terms: terms)
    /// ```
    public func finding(
        at provenance: Provenance?, about subject: FindingSubject, expected: Money? = nil, found: Money? = nil,
        terms: [Term] = [], details: [String: String] = [:], localizedDetails: [String: LocalizedText] = [:],
        severity: Severity? = nil
    ) -> Finding {
        var values = details
        values["service"] = subject.service ?? values["service"]
        values["ente"] = subject.ente?.description ?? values["ente"]
        values["ambito"] = subject.ambito ?? values["ambito"]
        if let expected, let found {
            values["difference"] = (found - expected).formatted(.italian)
        }
        let location = provenance?.location ?? SourceLocation(file: "-")
        let diagnostic = at(
            location, found: found?.formatted(.italian) ?? details["found"],
            expected: expected?.formatted(.italian) ?? details["expected"], details: values,
            localizedDetails: localizedDetails, severity: severity)
        return Finding(
            diagnostic: diagnostic, service: subject.service, ente: subject.ente, ambito: subject.ambito,
            expected: expected, found: found, terms: terms)
    }
}
