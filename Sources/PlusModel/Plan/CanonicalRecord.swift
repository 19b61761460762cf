/// Any record an importer produces, normalised into the canonical model.
public enum CanonicalRecord: Hashable, Sendable, Codable {
    case service(PlannedService)
    case costShare(CostShare)
    case declaration(Declaration)
    /// A Comune from a reference list, with its Ambito when the list states it.
    case comune(MemberComune, ambito: String?)
    /// A Comune's membership of an Ambito, from the reference data of the Ambiti.
    case ambitoMember(AmbitoMembership)
    /// The ASL and Provincia of an Ambito, from the reference data of the Ambiti.
    case ambitoSignatories(AmbitoSignatories)
    case allocation(RegionalAllocation)
    case deliberation(Deliberation)
    /// A district's yearly statement of a fund (Emilia-Romagna's FRNA).
    case fundStatement(FundStatement)
    /// A plan of an Ambito, from the reference list of plans (its own table, not a record row).
    case ambitoPlan(ListedPlan)
    /// A monitoring indicator of a planned service (stored in its own table, not as a record row).
    case indicator(Indicator)

    /// A short name of the record's kind, used in summaries and the store.
    public var kindName: String {
        switch self {
        case .service: "service"
        case .costShare: "cost_share"
        case .declaration: "declaration"
        case .comune: "comune"
        case .ambitoMember: "ambito_member"
        case .ambitoSignatories: "ambito_signatories"
        case .allocation: "allocation"
        case .deliberation: "deliberation"
        case .fundStatement: "fund_statement"
        case .indicator: "indicator"
        case .ambitoPlan: "ambito_plan"
        }
    }

    /// Whether a store keeps it in a typed table of its own (indicators, listed plans) rather
    /// than among the plan's records.
    public var hasTableOfItsOwn: Bool {
        switch self {
        case .indicator, .ambitoPlan: true
        default: false
        }
    }
}
