import PlusModel

extension Problem {
    public static let comuniSharesMatchLine = Problem(
        code: "R102", severity: .error,
        title: .init(it: "Quote dei Comuni diverse dalla voce Comuni", en: "Comuni's shares differ from the Comuni line"),
        template: .init(
            it: "Servizio {service}: le quote dei Comuni sommano {found}, la voce «Comuni» del piano è {expected} (differenza {difference}).",
            en: "Service {service}: the Comuni's shares add up to {found}, the plan's \"Comuni\" line is {expected} (difference {difference})."))
}

/// The Comuni's shares of each service add up to the service's "Comuni" funding line.
public struct ComuniSharesMatchLine: ServiceByServiceRule {
    public static let problem = Problem.comuniSharesMatchLine
    public static let description = LocalizedText(
        it: "Per ogni servizio, la somma delle quote a carico dei singoli Comuni è uguale alla voce di finanziamento «Comuni».",
        en: "For each service, the shares charged to the single Comuni add up to the \"Comuni\" funding line.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.services.compactMap { service in
            let shares = year.shares(of: service.code, kind: .comune, in: context)
            guard !shares.isEmpty || service.funding(.comuni) != .zero else { return nil }
            return context.mismatch(
                Self.problem, at: service.provenance, about: .init(service: service.code),
                expected: service.funding(.comuni), found: shares.map(\.amount).sum(),
                terms: [.funding(.comuni, of: service)] + shares.map(Term.share))
        }
    }
}
