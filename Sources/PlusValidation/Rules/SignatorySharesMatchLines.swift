import PlusModel

extension Problem {
    public static let signatorySharesMatchLines = Problem(
        code: "R103", severity: .error,
        title: .init(it: "Quota di ASL, Provincia o altro firmatario diversa dalla sua voce", en: "ASL, Provincia or other signatory's share differs from its line"),
        template: .init(
            it: "Servizio {service}: la quota di {ente} nel riparto è {found}, la voce «{line}» del piano è {expected} (differenza {difference}).",
            en: "Service {service}: the share of {ente} in the cost split is {found}, the plan's \"{line}\" line is {expected} (difference {difference})."))
}

/// The ASL's and the Provincia's shares of each service match their funding lines, and so do the
/// other signatories' (the ente gestore when an Unione or a Comunità Montana, and the others of the
/// programme agreement) together, against the "Altri firmatari" line.
public struct SignatorySharesMatchLines: ServiceByServiceRule {
    public static let problem = Problem.signatorySharesMatchLines
    public static let description = LocalizedText(
        it: "Per ogni servizio, la quota dell'ASL nel riparto è uguale alla voce «ASL», quella della Provincia alla voce «Provincia» e quelle degli altri firmatari (Unione di Comuni, Comunità Montana, altri) insieme alla voce «Altri firmatari».",
        en: "For each service, the ASL's share in the cost split equals the \"ASL\" line, the Provincia's the \"Provincia\" line and the other signatories' (Unione di Comuni, Comunità Montana, others) together the \"Other signatories\" line.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        // The ente gestore (an Unione di Comuni, a Comunità Montana) and the other signatories
        // together answer for the "Altri firmatari" line.
        let others = [year.ambito.enteGestore].compactMap { $0 } + year.ambito.otherSignatories
        let lines: [(kinds: [EnteKind], source: FundingSource, signatory: Signatory?)] = [
            ([.asl], .asl, year.ambito.asl), ([.provincia], .provincia, year.ambito.provincia),
            ([.unione, .altro], .altriFirmatari, others.count == 1 ? others[0] : nil),
        ]
        return year.services.flatMap { service in
            lines.compactMap { kinds, source, signatory -> Finding? in
                let shares = kinds.flatMap { year.shares(of: service.code, kind: $0, in: context) }
                guard !shares.isEmpty || service.funding(source) != .zero else { return nil }
                let ente = signatory?.ente ?? shares.first?.ente ?? EnteRef(kind: kinds[0], code: "?")
                return context.mismatch(
                    Self.problem, at: service.provenance, about: .init(service: service.code, ente: ente),
                    expected: service.funding(source), found: shares.map(\.amount).sum(),
                    terms: [.funding(source, of: service)] + shares.map(Term.share),
                    localizedDetails: ["line": source.label])
            }
        }
    }
}
