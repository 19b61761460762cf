import PlusModel

extension Problem {
    public static let percentagesAddUp = Problem(
        code: "R106", severity: .error,
        title: .init(it: "Percentuali di riparto diverse da 100", en: "Sharing percentages do not add up to 100"),
        template: .init(
            it: "Servizio {service}: le percentuali dei Comuni sommano {found} %, non 100 %.",
            en: "Service {service}: the Comuni's percentages add up to {found} %, not 100 %."))
}

/// Where the plan splits by percentages, the Comuni's percentages add up to 100 %.
public struct PercentagesAddUp: ServiceByServiceRule {
    public static let problem = Problem.percentagesAddUp
    public static let description = LocalizedText(
        it: "Con il criterio «percentuali», le percentuali indicate per i Comuni sommano esattamente a 100.",
        en: "Under the \"percentages\" criterion, the percentages stated for the Comuni add up to exactly 100.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.services.compactMap { service in
            guard service.sharingCriterion == .percentages else { return nil }
            let shares = year.shares(of: service.code, kind: .comune, in: context)
            let total = shares.compactMap(\.basisPoints).reduce(0, +)
            guard total != 10_000 else { return nil }
            return Self.problem.finding(
                at: shares.first?.provenance ?? service.provenance, about: .init(service: service.code),
                terms: shares.map(Term.share), arguments: ["found": .percent(basisPoints: total), "expected": .percent(basisPoints: 10_000)])
        }
    }
}
