import Foundation
import PlusModel

/// How many findings of each severity a report holds.
public struct SeverityCounts: Hashable, Sendable, Codable {
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(_ findings: [Finding], omitted: [OmittedFindings] = []) {
        errors = findings.count { $0.severity == .error }
        warnings = findings.count { $0.severity == .warning }
        infos = findings.count { $0.severity == .info }
        for left in omitted {
            switch left.severity {
            case .error: errors += left.count
            case .warning: warnings += left.count
            case .info: infos += left.count
            }
        }
    }
}

/// The outcome of validating one Ambito-year: the findings and everything needed to trust them.
///
/// The report names the rule set and every parameter value it used (and whether the
/// deliberation or the rule set supplied it), so that two reports can be compared.
///
/// ```swift
/// let report = Validator(ruleSet: ruleSet).validate(year)
/// report.counts.errors            // 2
/// try report.jsonData()           // the same data for machines
/// ```
public struct ValidationReport: Hashable, Sendable, Codable {
    public var ambito: String
    public var ambitoName: String?
    public var year: Int
    public var ruleSet: RuleSetIdentity
    public var parameters: [UsedParameter]
    /// Codes of the rules that ran.
    public var rulesRun: [String]
    /// The number of the deliberation checked, if one was present.
    public var deliberation: String?
    public var findings: [Finding]
    /// The findings left out of ``findings`` beyond the validator's limit per code, counted by
    /// code and severity (and in ``counts``); `nil` when every finding is listed.
    public var omitted: [OmittedFindings]?
    /// The names of the enti findings are about, keyed by `kind:code`, for people reading the report.
    public var enteNames: [String: String]
    public var counts: SeverityCounts
    public var hasErrors: Bool

    public init(
        ambito: String, ambitoName: String? = nil, year: Int, ruleSet: RuleSetIdentity, parameters: [UsedParameter],
        rulesRun: [String], deliberation: String? = nil, findings: [Finding], omitted: [OmittedFindings] = [],
        enteNames: [String: String] = [:]
    ) {
        self.ambito = ambito
        self.ambitoName = ambitoName
        self.year = year
        self.ruleSet = ruleSet
        self.parameters = parameters
        self.rulesRun = rulesRun
        self.deliberation = deliberation
        self.findings = findings
        self.omitted = omitted.isEmpty ? nil : omitted
        self.enteNames = enteNames
        counts = SeverityCounts(findings, omitted: omitted)
        hasErrors = counts.errors > 0
    }

    /// The process exit status for a command line: 1 when any finding is an error, else 0.
    public var exitStatus: Int32 { hasErrors ? 1 : 0 }

    /// The findings of one rule.
    public func findings(code: String) -> [Finding] {
        findings.filter { $0.code == code }
    }

    /// The report as JSON with sorted keys: the same input always gives the same bytes.
    /// Amounts are integers of cents, as ``Money`` encodes them.
    public func jsonData() throws -> Data {
        try SortedJSONWriter(prettyPrinted: true, datesInISO8601: false).data(self)
    }
}
