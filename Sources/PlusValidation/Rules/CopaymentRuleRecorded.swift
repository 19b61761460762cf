import PlusModel

extension Problem {
    public static let copaymentRuleMissing = Problem(
        code: "R123", severity: .warning,
        title: .init(it: "Regola di compartecipazione non indicata", en: "Co-payment rule not recorded"),
        template: .init(
            it: "Servizio {service}: finanziato con {fund} per {found}, non indica la regola di compartecipazione degli utenti (un atto, un regolamento o «nessuna»).",
            en: "Service {service}: funded by {fund} with {found}, it does not record its rule on users' co-payment (an act, a regulation or \"nessuna\")."))
}

/// Every service funded by a fund the rule set names in `copayment_rule_required_for` records
/// its rule on users' co-payment.
///
/// Emilia-Romagna's Ufficio di Piano monitors, with the FRNA's balance, the district's rules on
/// users' co-payment (DGR 509/2007): a plan row that leaves the rule blank is reported, one that
/// writes `nessuna` states that no co-payment applies.
public struct CopaymentRuleRecorded: ServiceByServiceRule {
    public static let problem = Problem.copaymentRuleMissing
    public static let description = LocalizedText(
        it: "Ogni servizio finanziato da un fondo che le regole indicano (il FRNA in Emilia-Romagna) riporta la sua regola di compartecipazione degli utenti, o «nessuna».",
        en: "Every service funded by a fund the rule set names (Emilia-Romagna's FRNA) records its rule on users' co-payment, or \"nessuna\".")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let funds = context.ruleSet?.copaymentRuleRequiredFor ?? []
        return year.services.compactMap { service in
            guard service.copaymentRule?.isEmpty ?? true,
                  let fund = funds.first(where: { service.funding($0) != .zero }) else { return nil }
            return Self.problem.finding(
                at: service.provenance, about: .init(service: service.code), found: service.funding(fund),
                terms: [.funding(fund, of: service)], localizedDetails: ["fund": fund.label])
        }
    }
}
