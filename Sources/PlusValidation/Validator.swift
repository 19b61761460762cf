import PlusModel

/// Runs every rule of a rule set over an Ambito-year and gathers a report.
///
/// ```swift
/// let ruleSet = try RuleSet.load(contentsOf: rulesURL)
/// let report = Validator(ruleSet: ruleSet).validate(year)
/// print(report.renderText(language: .it))
/// exit(report.hasErrors ? 1 : 0)
/// ```
public struct Validator: Sendable {
    public var ruleSet: RuleSet
    public var rules: [any ValidationRule]

    public init(ruleSet: RuleSet, rules: [any ValidationRule] = Validator.standardRules) {
        self.ruleSet = ruleSet
        self.rules = rules
    }

    /// Every rule, in code order.
    public static let standardRules: [any ValidationRule] = [
        FundingMatchesCost(), ComuniSharesMatchLine(), SignatorySharesMatchLines(), DeclarationsMatchShares(),
        SharesFollowCriterion(), PercentagesAddUp(), FondoWithinAllocation(), RecordsOfTheYear(),
        AllocationRecomputed(), AllocationsAddUpToFund(), AllocationPartsAddUp(), UdpShareByThreshold(), UdpCap(),
        EnteBelongsToAmbito(), MissingSubmission(), DuplicateSubmission(), NoRowsRejected(),
        NoNegativeAmounts(), ServiceHasCost(), KnownService(), AmountsWithinRange(),
    ]

    /// The code, title and description of every standard rule, for documentation and `--list-rules`.
    public static var catalogue: [RuleDescriptor] {
        standardRules.map { descriptor(of: $0) }
    }

    private static func descriptor(of rule: some ValidationRule) -> RuleDescriptor {
        RuleDescriptor(type(of: rule))
    }

    public func validate(_ year: AmbitoYear) -> ValidationReport {
        var context = ValidationContext(parameters: EffectiveParameters(ruleSet: ruleSet, deliberation: year.deliberation))
        context.sharesByService = Dictionary(grouping: year.costShares, by: \.service)
        var active = rules.filter { !ruleSet.disabledRules.contains(type(of: $0).code) }
        // Out-of-range values would overflow the sums: run only the rules that do no arithmetic.
        if !AmountsWithinRange().check(year, context: context).isEmpty {
            active = active.filter { AmountsWithinRange.safeOnAnyValues.contains(type(of: $0).code) }
            if !active.contains(where: { $0 is AmountsWithinRange }) { active.append(AmountsWithinRange()) }
        }
        let findings = active.flatMap { $0.check(year, context: context) }
        let signatories = [year.ambito.asl, year.ambito.provincia].compactMap { $0 } + year.ambito.otherSignatories
        let names = year.ambito.comuni.map { ($0.ente.description, $0.name) } + signatories.map { ($0.ente.description, $0.name) }
        let mentioned = Set(findings.compactMap { $0.ente?.description })
        return ValidationReport(
            ambito: year.ambito.code, ambitoName: year.ambito.name, year: year.year, ruleSet: ruleSet.identity,
            parameters: context.parameters.used, rulesRun: active.map { type(of: $0).code },
            deliberation: year.deliberation?.number, findings: findings,
            enteNames: Dictionary(names.filter { mentioned.contains($0.0) }, uniquingKeysWith: { first, _ in first }))
    }
}
