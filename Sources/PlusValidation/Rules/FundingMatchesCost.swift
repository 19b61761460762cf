import PlusModel

extension Problem {
    public static let fundingMatchesCost = Problem(
        code: "R101", severity: .error,
        title: .init(it: "Fonti di finanziamento diverse dal costo", en: "Funding sources differ from cost"),
        template: .init(
            it: "Servizio {service}: le fonti di finanziamento sommano {found}, il costo totale è {expected} (differenza {difference}).",
            en: "Service {service}: the funding sources add up to {found}, the total cost is {expected} (difference {difference})."))
}

/// Each service's funding sources add up exactly to its total cost.
public struct FundingMatchesCost: ServiceByServiceRule {
    public static let problem = Problem.fundingMatchesCost
    public static let description = LocalizedText(
        it: "Per ogni servizio, la somma delle fonti (Fondo regionale, Comuni, ASL, Provincia, FNPS, FNA, UE, compartecipazione, altro; in Emilia-Romagna anche FRNA, Fondo sociale regionale, altri firmatari) è uguale al costo totale.",
        en: "For each service, the funding sources (regional fund, Comuni, ASL, Provincia, FNPS, FNA, EU, co-payment, other; in Emilia-Romagna also the FRNA, the regional social fund, other signatories) add up to the total cost.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.services.compactMap { service in
            let sources = service.funding.keys.sorted()
            return context.mismatch(
                Self.problem, at: service.provenance, about: .init(service: service.code),
                expected: service.totalCost, found: sources.map(service.funding).sum(),
                terms: [.totalCost(of: service)] + sources.map { .funding($0, of: service) })
        }
    }
}
