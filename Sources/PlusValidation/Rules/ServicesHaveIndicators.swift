import PlusModel

extension Problem {
    public static let serviceWithoutIndicator = Problem(
        code: "R601", severity: .warning,
        title: .init(it: "Servizio senza indicatori di monitoraggio", en: "Service without monitoring indicators"),
        template: .init(
            it: "Servizio {service}: nessun indicatore di monitoraggio per il {year}; il set di regole {ruleSet} li chiede per ogni servizio del piano (L.R. 23/2005 art. 20, punto 9).",
            en: "Service {service}: no monitoring indicator for {year}; rule set {ruleSet} asks for them for every service of the plan (L.R. 23/2005 art. 20 item 9)."))
}

/// Every service of the plan has at least one monitoring indicator, when the rule set asks
/// for them (`indicators_required: true`).
///
/// A warning, not an error: the plan's money is right without them, but its monitoring
/// (the Piano di Zona's indicator system) is incomplete.
public struct ServicesHaveIndicators: ServiceByServiceRule {
    public static let problem = Problem.serviceWithoutIndicator
    public static let description = LocalizedText(
        it: "Se il set di regole chiede gli indicatori (indicators_required), ogni servizio del piano ha almeno un indicatore di monitoraggio per l'anno.",
        en: "When the rule set asks for indicators (indicators_required), every service of the plan has at least one monitoring indicator for the year.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard context.indicatorsRequired else { return [] }
        let measured = Set(year.indicators.filter { $0.year == year.year }.map(\.service))
        return year.services.filter { !measured.contains($0.code) }.map { service in
            Self.problem.finding(
                at: service.provenance, about: .init(service: service.code),
                details: ["year": String(year.year), "ruleSet": context.parameters.ruleSet.description])
        }
    }
}
