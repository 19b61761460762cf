import PlusModel

/// Runs every rule of a rule set over an Ambito-year and gathers a report.
///
/// Given several rule sets, it picks for each Ambito-year the one that governs the Ambito's
/// region and the year (the highest version when more do); given one, it applies that one.
/// Either way a rule set that does not govern the year is reported (R001), never applied silently.
///
/// ```swift
/// let validator = Validator(ruleSets: try RuleSet.loadAll(in: rulesFolder))
/// let report = validator.validate(year)
/// print(report.renderText(language: .it))
/// exit(report.hasErrors ? 1 : 0)
/// ```
public struct Validator: Sendable {
    /// The rule set forced on every year (`--rules FILE`), or the most recent one available.
    public var ruleSet: RuleSet
    /// The rule sets to pick from; just ``ruleSet`` when one is forced.
    public var ruleSets: [RuleSet]
    public var rules: [any ValidationRule]
    /// How many findings of one code a report lists, and past them how many more at most, each the
    /// first of the code about an ente (or Ambito) not listed yet; the others are counted
    /// (``ValidationReport/omitted``). A real Ambito-year has a few hundred services: the limit
    /// bounds memory on a plan of millions.
    public var findingsPerCode = 500
    /// How many services a rule that checks each service on its own (``ServiceByServiceRule``) sees
    /// at once, so that its findings are capped batch by batch instead of held for the whole plan.
    public var serviceBatchSize = 5_000

    /// A validator that applies `ruleSet` to every year (checked against the years it governs).
    public init(ruleSet: RuleSet, rules: [any ValidationRule] = Validator.standardRules) {
        self.ruleSet = ruleSet
        ruleSets = [ruleSet]
        self.rules = rules
    }

    /// A validator that picks among `ruleSets` by region and year; `nil` when there is none.
    public init?(ruleSets: [RuleSet], rules: [any ValidationRule] = Validator.standardRules) {
        let sorted = ruleSets.sorted { ($0.validYears.last ?? 0, $0.version, $0.name) < ($1.validYears.last ?? 0, $1.version, $1.name) }
        guard let latest = sorted.last else { return nil }
        ruleSet = latest
        self.ruleSets = sorted
        self.rules = rules
    }

    /// The rule set for an Ambito of `region` in `year`: the highest version among those governing
    /// both; else the region's rule set for the nearest earlier years (or any), which R001 then reports.
    public func ruleSet(region: String, year: Int) -> RuleSet {
        let ofRegion = ruleSets.filter { $0.region == region }
        if let governing = ofRegion.last(where: { $0.governs(year) }) { return governing }
        return ofRegion.last { ($0.validYears.first ?? .max) <= year } ?? ofRegion.first ?? ruleSet
    }

    /// The rule set for one Ambito-year; see ``ruleSet(region:year:)``.
    public func ruleSet(for year: AmbitoYear) -> RuleSet {
        ruleSet(region: year.ambito.region, year: year.year)
    }

    /// Every rule, in code order.
    public static let standardRules: [any ValidationRule] = [
        RuleSetGovernsYear(), PopulationVintageAvailable(), AmbitoYearWithinRowLimit(), FundingMatchesCost(), ComuniSharesMatchLine(), SignatorySharesMatchLines(), DeclarationsMatchShares(),
        SharesFollowCriterion(), PercentagesAddUp(), FondoWithinAllocation(), RecordsOfTheYear(), PlanCoversYear(),
        AllocationRecomputed(), AllocationsAddUpToFund(), AllocationPartsAddUp(), UdpShareByThreshold(), UdpCap(),
        DeliberationPopulationsMatchReference(), DeliberationWithinRuleSet(), FundTotalAsPublished(),
        EnteBelongsToAmbito(), MissingSubmission(), DuplicateSubmission(), NoRowsRejected(),
        NoNegativeAmounts(), ServiceHasCost(), KnownService(), AmountsWithinRange(),
        FundingSourcesOfRegion(), FundStatementBalances(), FundStatementMatchesPlan(), CopaymentRuleRecorded(),
        FundStatementPresent(),
        ServicesHaveIndicators(),
    ]

    /// The findings of each of `rules`, from one pass over the services of `source`: each rule gets
    /// every batch in turn (the year-level ones their tally), and its findings are kept apart.
    private func findings<Source: ServiceSource>(
        of rules: [any ValidationRule], year: AmbitoYear, services source: Source, context: ValidationContext
    ) throws(Source.Failure) -> [RuleFindings] {
        guard !rules.isEmpty else { return [] }
        var found = rules.map { _ in RuleFindings(perCode: findingsPerCode) }
        let passes = rules.map { ServicePass($0, year: year, context: context) }
        try source.forEachBatch(of: max(serviceBatchSize, 1)) { batch in
            for index in passes.indices { found[index].add(passes[index].check(batch)) }
        }
        for index in passes.indices { found[index].add(passes[index].conclude()) }
        return found
    }

    /// The code, title and description of every standard rule, for documentation and `--list-rules`.
    public static var catalogue: [RuleDescriptor] {
        standardRules.map { descriptor(of: $0) }
    }

    private static func descriptor(of rule: some ValidationRule) -> RuleDescriptor {
        RuleDescriptor(type(of: rule))
    }

    /// The report of an Ambito-year whose services are in hand.
    public func validate(_ assembled: AmbitoYear) -> ValidationReport {
        validate(assembled.withoutServices, services: assembled.services)
    }

    /// The report of an Ambito-year whose services `source` hands over in batches (the year's own
    /// list is not read): no rule sees more than ``serviceBatchSize`` services at once, and the
    /// report is the same for any batch size. A rule that reads services is a
    /// ``ServiceByServiceRule`` or a ``ServiceBatchRule``; any other sees the year without them.
    public func validate<Source: ServiceSource>(
        _ assembled: AmbitoYear, services source: Source
    ) throws(Source.Failure) -> ValidationReport {
        let ruleSet = ruleSet(for: assembled)
        // Without its shares and declarations every other rule would report them missing: R003 alone.
        if assembled.rowLimitExceeded != nil {
            let context = ValidationContext(parameters: EffectiveParameters(ruleSet: ruleSet, deliberation: assembled.deliberation), ruleSet: ruleSet)
            var findings = CappedFindings(perCode: findingsPerCode)
            findings.add(AmbitoYearWithinRowLimit().check(assembled, context: context))
            return report(of: assembled, ruleSet: ruleSet, context: context, rulesRun: [AmbitoYearWithinRowLimit.code], findings: findings)
        }
        // The Comuni are weighed by the vintage the rule set names, never silently by another.
        var year = assembled.withoutServices
        var withoutPopulation = false
        if let vintage = ruleSet.populationVintage {
            year = year.weighed(by: vintage)
            withoutPopulation = !PopulationVintageAvailable.missing(assembled, vintage: vintage).isEmpty
        }
        var context = ValidationContext(parameters: EffectiveParameters(ruleSet: ruleSet, deliberation: year.deliberation), ruleSet: ruleSet)
        context.sharesByService = Dictionary(grouping: year.costShares) { .init(service: $0.service, kind: $0.ente.kind) }
        context.indicatorsRequired = ruleSet.indicatorsRequired
        var active = rules.filter { !ruleSet.disabledRules.contains(type(of: $0).code) }
        // A year without a plan would make every declaration differ from a share of 0,00: R110 says it once.
        if active.contains(where: { $0 is PlanCoversYear }), PlanCoversYear.missingPlan(year, hasServices: source.serviceCount > 0) != nil {
            active = active.filter { PlanCoversYear.safeWithoutPlan.contains(type(of: $0).code) }
        }
        if withoutPopulation { active = active.filter { !PopulationVintageAvailable.dependentRules.contains(type(of: $0).code) } }
        // Out-of-range values would overflow the sums: the rules that do no arithmetic run first, in
        // one pass over the services with R404, which says whether the others may run at all.
        let isSafe = { (rule: any ValidationRule) in AmountsWithinRange.safeOnAnyValues.contains(type(of: rule).code) }
        var first = active.filter(isSafe)
        let probesRange = !first.contains(where: { $0 is AmountsWithinRange })
        if probesRange { first.append(AmountsWithinRange()) }
        let firstFound = try findings(of: first, year: year, services: source, context: context)
        let outOfRange = zip(first, firstFound).contains { $0 is AmountsWithinRange && !$1.isEmpty }
        var found: [RuleFindings]
        if outOfRange {
            // Only the rules of the first pass run, R404 with them even if the rule set leaves it out.
            active = first
            found = firstFound
        } else {
            let second = active.filter { !isSafe($0) }
            var secondFound = try findings(of: second, year: year, services: source, context: context)[...]
            var firstKept = (probesRange ? firstFound.dropLast() : firstFound[...])
            found = active.map { isSafe($0) ? firstKept.removeFirst() : secondFound.removeFirst() }
        }
        // Each rule's findings in the rules' order, as if each had run on its own.
        var gathered = CappedFindings(perCode: findingsPerCode)
        for ruleFindings in found { gathered.add(ruleFindings) }
        return report(of: year, ruleSet: ruleSet, context: context, rulesRun: active.map { type(of: $0).code }, findings: gathered)
    }

    /// The report of `year` with the findings `gathered`, its enti named.
    private func report(
        of year: AmbitoYear, ruleSet: RuleSet, context: ValidationContext, rulesRun: [String], findings gathered: CappedFindings
    ) -> ValidationReport {
        let findings = gathered.kept
        let signatories = year.ambito.signatories
        let names = year.ambito.comuni.map { ($0.ente.description, $0.name) } + signatories.map { ($0.ente.description, $0.name) }
        let mentioned = Set(findings.compactMap { $0.ente?.description })
        return ValidationReport(
            ambito: year.ambito.code, ambitoName: year.ambito.name, year: year.year, ruleSet: ruleSet.identity,
            parameters: context.parameters.used, rulesRun: rulesRun,
            deliberation: year.deliberation?.number, findings: findings, omitted: gathered.omitted,
            enteNames: Dictionary(names.filter { mentioned.contains($0.0) }, uniquingKeysWith: { first, _ in first }))
    }
}
