import PlusModel

extension Problem {
    public static let fundStatementMissing = Problem(
        code: "R124", severity: .warning,
        title: .init(it: "Rendiconto del fondo non presentato", en: "Fund statement not submitted"),
        template: .init(
            it: "{fund} {year}: i servizi del piano ne impiegano {expected}, ma il rendiconto dell'Ambito {ambito} non è stato presentato.",
            en: "{fund} {year}: the plan's services use {expected} of it, but Ambito {ambito}'s statement has not been submitted."))
}

/// A plan that uses a fund the rule set lists in `fund_statements` has that fund's statement for the year.
///
/// A warning while the plan is open, an error once the Ufficio di Piano has closed it, as for a
/// missing sheet (R302): without the statement, R121 and R122 have nothing to check.
public struct FundStatementPresent: ServiceBatchRule {
    public static let problem = Problem.fundStatementMissing
    public static let description = LocalizedText(
        it: "Se il piano impiega un fondo di cui le regole chiedono il rendiconto (fund_statements: il FRNA in Emilia-Romagna), il rendiconto dell'anno è stato presentato: avviso finché il piano è aperto, errore dopo la chiusura.",
        en: "When the plan uses a fund whose statement the rule set asks for (fund_statements: Emilia-Romagna's FRNA), the year's statement has been submitted: a warning while the plan is open, an error once it is closed.")

    public init() {}

    /// The lines of each fund the rule set asks a statement for, over the services seen so far.
    public func tally(for year: AmbitoYear, context: ValidationContext) -> [FundLines] {
        Array(repeating: FundLines(), count: (context.ruleSet?.fundStatements ?? []).count)
    }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout [FundLines], context: ValidationContext) -> [Finding] {
        for (index, fund) in (context.ruleSet?.fundStatements ?? []).enumerated() {
            tally[index].add(services, fund: fund) { $0.funding(fund) != .zero }
        }
        return []
    }

    public func conclude(_ tally: [FundLines], year: AmbitoYear, context: ValidationContext) -> [Finding] {
        zip(context.ruleSet?.fundStatements ?? [], tally).compactMap { fund, lines in
            guard !lines.terms.isEmpty, !year.fundStatements.contains(where: { $0.fund == fund && $0.year == year.year }) else { return nil }
            return Self.problem.finding(
                at: nil, about: .init(ambito: year.ambito.code), expected: lines.total,
                terms: lines.terms,
                details: ["fund": fund.label.it, "year": String(year.year)], severity: year.isClosed ? .error : .warning)
        }
    }
}
