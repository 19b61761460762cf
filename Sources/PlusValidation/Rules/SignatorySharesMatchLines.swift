import PlusModel

extension Problem {
    public static let signatorySharesMatchLines = Problem(
        code: "R103", severity: .error,
        title: .init(it: "Quota di ASL o Provincia diversa dalla sua voce", en: "ASL or Provincia share differs from its line"),
        template: .init(
            it: "Servizio {service}: la quota di {ente} nel riparto è {found}, la voce «{line}» del piano è {expected} (differenza {difference}).",
            en: "Service {service}: the share of {ente} in the cost split is {found}, the plan's \"{line}\" line is {expected} (difference {difference})."))
}

/// The ASL's and the Provincia's shares of each service match their funding lines.
public struct SignatorySharesMatchLines: ValidationRule {
    public static let problem = Problem.signatorySharesMatchLines
    public static let description = LocalizedText(
        it: "Per ogni servizio, la quota dell'ASL nel riparto è uguale alla voce «ASL» e quella della Provincia alla voce «Provincia».",
        en: "For each service, the ASL's share in the cost split equals the \"ASL\" line and the Provincia's the \"Provincia\" line.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let lines: [(EnteKind, FundingSource, Signatory?)] = [
            (.asl, .asl, year.ambito.asl), (.provincia, .provincia, year.ambito.provincia),
        ]
        return year.services.flatMap { service in
            lines.compactMap { kind, source, signatory -> Finding? in
                let shares = year.shares(of: service.code, kind: kind, in: context)
                guard !shares.isEmpty || service.funding(source) != .zero else { return nil }
                let ente = signatory?.ente ?? shares.first?.ente ?? EnteRef(kind: kind, code: "?")
                return context.mismatch(
                    Self.problem, at: service.provenance, about: .init(service: service.code, ente: ente),
                    expected: service.funding(source), found: shares.map(\.amount).sum(),
                    terms: [.funding(source, of: service)] + shares.map(Term.share),
                    localizedDetails: ["line": source.label])
            }
        }
    }
}
