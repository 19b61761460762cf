/// Any record an importer produces, normalised into the canonical model.
public enum CanonicalRecord: Hashable, Sendable, Codable {
    case service(PlannedService)
    case costShare(CostShare)
    case declaration(Declaration)
    case comune(MemberComune, ambito: String?)
    case allocation(RegionalAllocation)
    case deliberation(Deliberation)

    /// A short name of the record's kind, used in summaries and the store.
    public var kindName: String {
        switch self {
        case .service: "service"
        case .costShare: "cost_share"
        case .declaration: "declaration"
        case .comune: "comune"
        case .allocation: "allocation"
        case .deliberation: "deliberation"
        }
    }
}
