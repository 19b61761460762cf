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
