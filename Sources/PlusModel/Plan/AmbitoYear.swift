/// Everything known about one Ambito in one year: the input of validation and export.
///
/// A store assembles it from the current (not superseded) submissions; tests build it by hand.
///
/// ```swift
/// var year = AmbitoYear(ambito: oristano, year: 2019)
/// year.services.append(sad)
/// year.declarations.append(cabrasSAD)
/// ```
public struct AmbitoYear: Hashable, Sendable, Codable {
    public var ambito: Ambito
    public var year: Int
    public var plan: PlanIdentity?
    public var services: [PlannedService]
    public var costShares: [CostShare]
    public var declarations: [Declaration]
    /// The enti with a current submission this year, whatever it contained.
    public var submitters: [EnteRef]
    /// The year's regional deliberation, if it has arrived.
    public var deliberation: Deliberation?
    /// Whether the Ufficio di Piano has closed the plan (missing submissions become errors).
    public var isClosed: Bool
    /// The current submissions that had rows rejected: what the plan is missing.
    public var incompleteSubmissions: [IncompleteSubmission]
    /// The member Comuni's populations in each vintage the reference data keeps (`censimento-2011`),
    /// by vintage then ISTAT code: the rule set picks one (its `population_vintage`).
    public var populationsByVintage: [String: [String: Int]] = [:]
    /// The district's statements of its funds for the year (Emilia-Romagna's FRNA).
    public var fundStatements: [FundStatement]
    /// The plan's monitoring indicators for the year (L.R. 23/2005 art. 20 item 9).
    public var indicators: [Indicator]
    /// The Ambito's plans as the reference data list them (any year), oldest first.
    public var listedPlans: [ListedPlan] = []
    /// Set when the year held more rows than the store allows: its cost shares, declarations, fund
    /// statements and indicators are then left out (empty), and the year is neither validated nor
    /// exported (`R003`).
    public var rowLimitExceeded: RowLimitExceeded?

    public init(
        ambito: Ambito, year: Int, plan: PlanIdentity? = nil, services: [PlannedService] = [],
        costShares: [CostShare] = [], declarations: [Declaration] = [], submitters: [EnteRef] = [],
        deliberation: Deliberation? = nil, isClosed: Bool = false, incompleteSubmissions: [IncompleteSubmission] = [],
        fundStatements: [FundStatement] = [], indicators: [Indicator] = []
    ) {
        self.fundStatements = fundStatements
        self.ambito = ambito
        self.year = year
        self.plan = plan
        self.services = services
        self.costShares = costShares
        self.declarations = declarations
        self.submitters = submitters
        self.deliberation = deliberation
        self.isClosed = isClosed
        self.incompleteSubmissions = incompleteSubmissions
        self.indicators = indicators
    }
}

extension AmbitoYear {
    /// The Ambito-year without its services: what goes with a ``ServiceSource`` that hands them
    /// over in batches, so that nothing reads a list that is not the whole plan.
    public var withoutServices: AmbitoYear {
        var header = self
        header.services = []
        return header
    }
}
