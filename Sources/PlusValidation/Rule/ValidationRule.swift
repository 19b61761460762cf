import PlusModel

/// One check over an Ambito-year, with a stable code.
///
/// A rule is a small value: it reads the ``AmbitoYear`` and the ``ValidationContext``
/// and returns its findings, never throwing and never touching anything else.
///
/// ```swift
/// struct ServiceHasCost: ValidationRule {
///     static let problem = Problem.serviceWithoutCost
///     static let description = LocalizedText(it: "...", en: "...")
///     func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] { ... }
/// }
/// ```
public protocol ValidationRule: Sendable {
    /// The rule's code, title, default severity and message template.
    static var problem: Problem { get }
    /// What the rule checks and why, in both languages.
    static var description: LocalizedText { get }

    func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding]
}

extension ValidationRule {
    public static var code: String { problem.code }
    public static var title: LocalizedText { problem.title }
}

/// A rule's identity as the report and the documentation show it.
public struct RuleDescriptor: Hashable, Sendable, Codable {
    public var code: String
    public var title: LocalizedText
    public var description: LocalizedText

    public init<Rule: ValidationRule>(_ rule: Rule.Type) {
        code = rule.code
        title = rule.title
        description = rule.description
    }
}

/// A rule whose findings about each service depend on that service alone (with its shares and the
/// Ambito-year's other parts), never on the other services.
///
/// ``Validator`` runs such a rule over the services in batches (``Validator/serviceBatchSize``):
/// the findings come out the same and in the same order as over the whole plan, and a plan of
/// millions of services never has a finding for each of them in memory at once.
///
/// ```swift
/// extension ServiceHasCost: ServiceByServiceRule {}
/// ```
public protocol ServiceByServiceRule: ValidationRule {}

/// A rule about the Ambito-year as a whole that reads its services one batch at a time: what it
/// needs of them (sums, counts, codes it looks for) is kept in a tally, bounded by the year's
/// other parts, and its findings come out the same for any batch size.
///
/// ``Validator`` hands it the services in batches (from the store for a large plan); its
/// ``ValidationRule/check(_:context:)`` is the same three steps over one batch of every service.
/// Findings about the services of a batch come first, in the plan's order, then ``conclude(_:year:context:)``'s.
///
/// ```swift
/// var tally = rule.tally(for: year.withoutServices, context: context)
/// for batch in batches { findings += rule.check(batch, of: year.withoutServices, into: &tally, context: context) }
/// findings += rule.conclude(tally, year: year.withoutServices, context: context)
/// ```
public protocol ServiceBatchRule: ValidationRule {
    /// What the rule keeps of the services seen so far.
    associatedtype Tally

    /// The tally before any service, from the Ambito-year without its services.
    func tally(for year: AmbitoYear, context: ValidationContext) -> Tally

    /// The findings about `services` alone, with what the whole-year check needs of them added to `tally`.
    func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Tally, context: ValidationContext) -> [Finding]

    /// The findings about the Ambito-year once every service is in `tally`.
    func conclude(_ tally: Tally, year: AmbitoYear, context: ValidationContext) -> [Finding]
}

extension ServiceBatchRule {
    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        check(year.withoutServices, services: year.services, batchSize: year.services.count, context: context) { findings += $0 }
        return findings
    }

    /// Runs the rule over the services of `source` in batches of `batchSize`, handing each batch's
    /// findings to `found` as they come, then the whole year's.
    func check<Source: ServiceSource>(
        _ year: AmbitoYear, services source: Source, batchSize: Int, context: ValidationContext, found: ([Finding]) -> Void
    ) throws(Source.Failure) {
        var tally = tally(for: year, context: context)
        try source.forEachBatch(of: batchSize) { batch in found(check(batch, of: year, into: &tally, context: context)) }
        found(conclude(tally, year: year, context: context))
    }
}

/// One rule's part in a pass over the services: what it finds in each batch, then at the end.
///
/// A ``ServiceBatchRule`` keeps its tally between the two, a ``ServiceByServiceRule`` checks each
/// batch, any other rule checks the year (without services) at the end.
struct ServicePass {
    let check: ([PlannedService]) -> [Finding]
    let conclude: () -> [Finding]

    init(_ rule: any ValidationRule, year: AmbitoYear, context: ValidationContext) {
        if let rule = rule as? any ServiceBatchRule {
            self = rule.pass(over: year, context: context)
        } else if rule is any ServiceByServiceRule {
            var batchYear = year
            check = { batch in
                batchYear.services = batch
                return rule.check(batchYear, context: context)
            }
            conclude = { [] }
        } else {
            check = { _ in [] }
            conclude = { rule.check(year, context: context) }
        }
    }

    init(check: @escaping ([PlannedService]) -> [Finding], conclude: @escaping () -> [Finding]) {
        self.check = check
        self.conclude = conclude
    }
}

extension ServiceBatchRule {
    /// The rule's pass, its tally kept between the batches and the end.
    func pass(over year: AmbitoYear, context: ValidationContext) -> ServicePass {
        var tally = tally(for: year, context: context)
        return ServicePass(
            check: { batch in check(batch, of: year, into: &tally, context: context) },
            conclude: { conclude(tally, year: year, context: context) })
    }
}
