import PlusModel

extension Problem {
    public static let noPlanForYear = Problem(
        code: "R110", severity: .error,
        title: .init(it: "Nessun piano per l'anno", en: "No plan for the year"),
        template: .init(
            it: "{reason}; le {count} dichiarazioni dell'anno non sono confrontate con il piano.",
            en: "{reason}; the year's {count} declarations are not compared with the plan."))
}

/// The year checked has a plan: its services, and a triennium that includes the year.
///
/// Without a plan every declaration would differ from a plan share of 0,00 and name an
/// unknown service; this rule says once what is missing, and ``Validator`` then runs only the
/// rules that need no plan (``safeWithoutPlan``).
public struct PlanCoversYear: ServiceBatchRule {
    public static let problem = Problem.noPlanForYear
    public static let description = LocalizedText(
        it: "L'anno verificato ha un piano (la tabella dei servizi) e rientra nel suo triennio; altrimenti un solo errore lo dice e le regole che confrontano con il piano non vengono eseguite.",
        en: "The year checked has a plan (the services table) and lies within its triennium; otherwise one error says so and the rules that compare with the plan do not run.")

    /// The rules that still mean something without a plan: records of another year, membership,
    /// duplicates, rejected rows, sanity of the amounts.
    static let safeWithoutPlan: Set<String> = ["R002", "R109", "R110", "R301", "R303", "R304", "R401", "R404"]

    public init() {}

    /// The tally is whether the plan has any service.
    public func tally(for year: AmbitoYear, context: ValidationContext) -> Bool { false }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into hasServices: inout Bool, context: ValidationContext) -> [Finding] {
        hasServices = hasServices || !services.isEmpty
        return []
    }

    public func conclude(_ hasServices: Bool, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let reason = Self.missingPlan(year, hasServices: hasServices) else { return [] }
        let count = year.declarations.count { $0.year == year.year }
        return [Self.problem.finding(
            at: year.declarations.first?.provenance ?? year.deliberation?.provenance, about: .init(ambito: year.ambito.code),
            details: ["year": String(year.year), "count": String(count)], localizedDetails: ["reason": reason])]
    }

    /// The year lies outside every triennium the reference data list for the Ambito, and
    /// something was sent for it; `nil` when the list has no plan of the Ambito or one covers it.
    private static func listedPlanMissing(_ year: AmbitoYear, hasServices: Bool) -> LocalizedText? {
        let plans = year.listedPlans.sorted { $0.trienniumStart < $1.trienniumStart }
        guard let earliest = plans.first, !plans.contains(where: { $0.covers(year.year) }),
              hasServices || !year.costShares.isEmpty || year.declarations.contains(where: { $0.year == year.year })
        else { return nil }
        // The plan named is the one nearest the year: the latest before it, else the earliest after.
        let nearest = plans.last { $0.trienniumStart <= year.year } ?? earliest
        return LocalizedText(
            it: "Il \(year.year) è fuori dal triennio \(nearest.trienniumStart)–\(nearest.trienniumEnd) del piano dell'Ambito \(year.ambito.code) elencato nei dati di riferimento (\(nearest.label.it))",
            en: "\(year.year) lies outside the triennium \(nearest.trienniumStart)–\(nearest.trienniumEnd) of Ambito \(year.ambito.code)'s plan listed in the reference data (\(nearest.label.en))")
    }

    /// Why the year has no plan, or `nil` when it has one; `hasServices` says whether the plan
    /// has services (the year's own list may have been left out: they are read in batches).
    static func missingPlan(_ year: AmbitoYear, hasServices: Bool) -> LocalizedText? {
        if let plan = year.plan, !(plan.trienniumStart...plan.trienniumEnd).contains(year.year) {
            return LocalizedText(
                it: "Il \(year.year) è fuori dal triennio \(plan.trienniumStart)–\(plan.trienniumEnd) del piano dell'Ambito \(year.ambito.code)",
                en: "\(year.year) lies outside the triennium \(plan.trienniumStart)–\(plan.trienniumEnd) of Ambito \(year.ambito.code)'s plan")
        }
        // The reference list of plans, when it has the Ambito, says which years have a plan.
        if let listed = listedPlanMissing(year, hasServices: hasServices) { return listed }
        // An Ambito nobody has sent anything for this year (only the region-wide act) is not short of a plan.
        guard !hasServices, year.costShares.isEmpty, year.declarations.contains(where: { $0.year == year.year })
        else { return nil }
        guard year.deliberation == nil else {
            return LocalizedText(it: "Nessun piano dell'Ambito \(year.ambito.code) per il \(year.year)",
                                 en: "No plan of Ambito \(year.ambito.code) for \(year.year)")
        }
        return LocalizedText(
            it: "Nessuna deliberazione per il \(year.year): l'Ambito \(year.ambito.code) non ha né un piano né una deliberazione per quell'anno",
            en: "No deliberation for \(year.year): Ambito \(year.ambito.code) has neither a plan nor a deliberation for that year")
    }
}
