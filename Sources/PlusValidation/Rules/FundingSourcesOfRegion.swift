import PlusModel

extension Problem {
    public static let fundingSourceOfAnotherRegion = Problem(
        code: "R120", severity: .error,
        title: .init(it: "Fonte di finanziamento non prevista dalla regione", en: "Funding source the region does not provide"),
        template: .init(
            it: "Servizio {service}: la voce «{line}» è {found}, ma le regole {ruleSet} non la prevedono (attesa {expected}, differenza {difference}).",
            en: "Service {service}: the \"{line}\" line is {found}, but rule set {ruleSet} does not provide it (expected {expected}, difference {difference})."))
}

/// Each service is funded only from the lines its region's rule set lists (`funding_sources`).
///
/// Sardinia's plans draw on the Fondo regionale PLUS; Emilia-Romagna's on the FRNA, the Fondo
/// sociale regionale and the AUSL: a plan of one region with the other's fund is a mistake of
/// mapping or of data, not a new kind of money.
public struct FundingSourcesOfRegion: ServiceByServiceRule {
    public static let problem = Problem.fundingSourceOfAnotherRegion
    public static let description = LocalizedText(
        it: "Ogni servizio è finanziato solo dalle fonti che le regole della sua regione elencano (funding_sources): ad esempio il FRNA in Emilia-Romagna, il Fondo regionale PLUS in Sardegna.",
        en: "Every service is funded only from the sources its region's rule set lists (funding_sources): e.g. the FRNA in Emilia-Romagna, the regional PLUS fund in Sardinia.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let ruleSet = context.ruleSet, let listed = ruleSet.fundingSources else { return [] }
        let allowed = Set(listed)
        return year.services.flatMap { service in
            service.funding.keys.sorted().filter { !allowed.contains($0) && service.funding($0) != .zero }.map { source in
                Self.problem.finding(
                    at: service.provenance, about: .init(service: service.code), expected: .zero, found: service.funding(source),
                    terms: [.funding(source, of: service)],
                    details: ["ruleSet": ruleSet.identity.description],
                    localizedDetails: ["line": source.label])
            }
        }
    }
}
