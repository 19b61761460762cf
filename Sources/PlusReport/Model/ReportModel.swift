import Foundation
import PlusModel
import PlusPipeline
import PlusValidation

/// Everything a report shows, as data: what the HTML page renders and `--format json` prints.
///
/// The page is drawn from this model only, so the browser test can compare what a person sees
/// with the figures here (totals, findings, missing enti).
///
/// ```swift
/// let model = try ReportBuilder(store: store, validator: validator).ambito("OR", year: 2019)
/// model.ambiti[0].missing.map(\.name)   // ["Comune di Bosa", …]
/// let html = ReportPage(model: model).html()
/// ```
public struct ReportModel: Codable, Sendable, Equatable {
    /// `ambito` for one Ambito-year, `regione` for every Ambito of a year.
    public enum Scope: String, Codable, Sendable { case ambito, regione }

    public var scope: Scope
    public var year: Int
    public var language: Language
    /// The newest submission's time: the same store always gives the same report.
    public var generatedAt: Date
    public var ruleSet: String
    /// Which populations the rules weighed the Comuni by (the rule set's vintage), in the report's language.
    public var population: String = ""
    public var deliberation: DeliberationSummary?
    /// Findings about the regional deliberation itself: shown once, not under every Ambito.
    public var deliberationFindings: [ReportFinding]
    public var ambiti: [AmbitoSection]
    /// Each Ambito's share of the regional fund, as the deliberation states it; on an Ambito's page
    /// at most ``ReportBuilder/allocationsShown`` of them (``ReportBuilder/allocationsAround(_:of:count:)``).
    public var allocations: [AllocationBar]
    public var totals: Totals
    /// How many Ambiti's allocations ``allocations`` leaves out; `nil` when none.
    public var allocationsNotShown: Int?
}

/// The deliberation a year's allocation comes from.
public struct DeliberationSummary: Codable, Sendable, Equatable {
    public var number: String
    public var date: String
    public var fundTotal: Money
    public var file: String?
}

/// Sums over the Ambiti in the report.
public struct Totals: Codable, Sendable, Equatable {
    public var ambiti: Int
    public var entiExpected: Int
    public var entiSubmitted: Int
    public var errors: Int
    public var warnings: Int
    public var totalCost: Money
    public var fundAllocated: Money
    public var fundPlanned: Money
    /// `true` when the Ambiti's totals did not add up within 64 bits, or an Ambito's amounts are
    /// out of range: the three totals are then zero and the page writes that they are out of range.
    public var amountsOutOfRange: Bool?
}

/// One Ambito-year: its submissions, its charts' data and its findings.
public struct AmbitoSection: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    /// Whether the Ambito-year passes validation, the deliberation's findings included (as `plus validate` says).
    public var validates: Bool
    /// Counts of the whole validation, the deliberation's findings included.
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var isClosed: Bool
    /// Every member ente, submitted or not, in the reference data's order.
    public var enti: [EnteSubmission]
    /// The members that have not submitted, by name.
    public var missing: [EnteSubmission] { enti.filter { $0.file == nil } }
    public var services: [ServiceFunding]
    public var declaredVsPlanned: [EnteAmounts]
    /// Findings grouped by service, then the Ambito and its submissions; deliberation findings apart.
    public var findingGroups: [FindingGroup]
    /// The total cost of the services planned.
    public var totalCost: Money
    /// The regional fund the deliberation allocates to the Ambito.
    public var fundAllocated: Money?
    /// The regional fund the plan's services use.
    public var fundPlanned: Money
    /// What the reference list of plans says of the year (``ListedPlan/summary(of:year:)``), in the report's language.
    public var listedPlan: String?
    /// The plan's monitoring indicators for the year, in the order sent.
    public var indicators: [IndicatorLine] = []
    /// The year's fund statements (Emilia-Romagna's FRNA), one per fund, in the funds' order.
    public var fundStatements: [FundStatementLine] = []
    /// What changed since the year before, when the store has that year's plan; `nil` otherwise.
    public var comparison: ReportComparison?
    /// How many services ``services`` leaves out beyond ``ReportBuilder/servicesShown``; `nil` when none.
    public var servicesNotShown: Int?
    /// `true` when amounts are beyond any plan (`R404`, or totals past 64 bits): the totals, the
    /// declared-vs-planned table and the comparison with the year before are then not computed
    /// (zero, empty, absent), and the page says so. `nil` otherwise.
    public var amountsOutOfRange: Bool?
    /// The findings the validation counted but did not list, beyond its limit per code; `nil` when none.
    public var findingsNotListed: [OmittedFindings]?
    /// The Ambito's own sheets (plan, split, indicators) refused whole after their current version,
    /// or with none (``StatusReport/refusedSheets(_:current:)``); `nil` when none.
    public var refusedSheets: [StatusReport.RefusedSheet]?

    public var submittedCount: Int { enti.count { $0.file != nil } }
    public var findingCount: Int { findingGroups.reduce(0) { $0 + $1.findings.count } }
    /// Findings of a severity about the Ambito itself, the deliberation's aside.
    public func ownCount(_ severity: Severity) -> Int {
        findingGroups.reduce(0) { total, group in total + group.findings.count { $0.severity == severity } }
    }
}

/// One monitoring indicator as the report shows it; numbers in plain form (`9.75`), exact.
public struct IndicatorLine: Codable, Sendable, Equatable {
    public var service: String
    public var code: String
    public var description: String?
    public var unit: String?
    public var target: String?
    public var actual: String?

    public init(_ indicator: Indicator) {
        service = indicator.service
        code = indicator.code
        description = indicator.description
        unit = indicator.unit
        target = indicator.target?.description
        actual = indicator.actual?.description
    }
}

/// A fund's statement for the year as the report shows it: what was assigned, carried over,
/// used and left, and whether it balances (assigned + carried over = used + residual, R121).
public struct FundStatementLine: Codable, Sendable, Equatable {
    public var fund: FundingSource
    public var assigned: Money
    public var carriedOver: Money
    public var used: Money
    public var residual: Money
    public var act: String?
    public var file: String?
    /// Whether assigned + carried over equals used + residual; `false` also when a sum overflows.
    public var balances: Bool

    public init(_ statement: FundStatement) {
        fund = statement.fund
        assigned = statement.assigned
        carriedOver = statement.carriedOver
        used = statement.used
        residual = statement.residual
        act = statement.act
        file = statement.provenance?.file
        let available = statement.assigned.cents.addingReportingOverflow(statement.carriedOver.cents)
        let accounted = statement.used.cents.addingReportingOverflow(statement.residual.cents)
        balances = !available.overflow && !accounted.overflow && available.partialValue == accounted.partialValue
    }
}

/// A member ente and its current sheet, if any.
public struct EnteSubmission: Codable, Sendable, Equatable {
    public var ente: String
    public var name: String
    public var file: String?
    public var receivedAt: Date?
    public var rowsRejected: Int?
    /// The codes of its sheet's warnings, when it has any: accepted, but read otherwise than written.
    public var warnings: [String]?
    /// Its latest sheet, refused whole, when it came after the current one or in place of one
    /// (``StatusReport/EnteStatus/refused``).
    public var refused: StatusReport.Version?
}

/// A service's cost and where the money comes from.
public struct ServiceFunding: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        public var source: FundingSource
        public var amount: Money
    }

    public var code: String
    public var name: String
    public var totalCost: Money
    public var funding: [Part]
}

/// What an ente declared against what the plan's shares give it.
public struct EnteAmounts: Codable, Sendable, Equatable {
    public var ente: String
    public var name: String
    public var planned: Money
    public var declared: Money
}

/// An Ambito's allocation from the regional fund, in its three parts.
public struct AllocationBar: Codable, Sendable, Equatable {
    public var ambito: String
    public var name: String
    public var equalShare: Money
    public var populationShare: Money
    public var udpShare: Money
    public var total: Money
}

/// Findings under one heading.
public struct FindingGroup: Codable, Sendable, Equatable {
    public var title: String
    public var findings: [ReportFinding]
}

/// One finding as a person reads it: words, numbers and where it comes from.
public struct ReportFinding: Codable, Sendable, Equatable {
    public var code: String
    public var severity: Severity
    public var message: String
    /// The ente's name, when the finding is about one.
    public var ente: String?
    public var expected: Money?
    public var found: Money?
    public var difference: Money?
    public var file: String
    public var line: Int?
    public var xpath: String?
    /// A relative link to the archived source file, when the report knows where it is.
    public var link: String?
}
