import PlusModel

extension Problem {
    public static let fundStatementDiffersFromPlan = Problem(
        code: "R122", severity: .error,
        title: .init(it: "Utilizzo del fondo diverso dal piano", en: "Fund use differs from the plan"),
        template: .init(
            it: "{fund} {year}: il rendiconto dichiara utilizzati {found}, le voci «{fund}» dei servizi del piano sommano {expected} (differenza {difference}).",
            en: "{fund} {year}: the statement declares {found} used, the plan's \"{fund}\" lines add up to {expected} (difference {difference})."))
}

/// What a fund statement says was used equals the sum of that fund's lines over the plan's services.
///
/// Runs once the plan has services, for every statement of the year.
public struct FundStatementMatchesPlan: ServiceBatchRule {
    public static let problem = Problem.fundStatementDiffersFromPlan
    public static let description = LocalizedText(
        it: "Quanto il rendiconto del fondo (il FRNA) dichiara utilizzato nell'anno è uguale alla somma della voce di quel fondo nei servizi del piano.",
        en: "What the fund statement (the FRNA) declares used in the year equals the sum of that fund's line over the plan's services.")

    public init() {}

    /// The lines of each statement's fund over the services seen so far, in the statements' order.
    public struct Tally {
        var lines: [FundLines]
        var hasServices = false
    }

    public func tally(for year: AmbitoYear, context: ValidationContext) -> Tally {
        Tally(lines: Array(repeating: FundLines(), count: statements(of: year).count))
    }

    public func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Tally, context: ValidationContext) -> [Finding] {
        tally.hasServices = tally.hasServices || !services.isEmpty
        for (index, statement) in statements(of: year).enumerated() {
            tally.lines[index].add(services, fund: statement.fund) { $0.funding[statement.fund] != nil }
        }
        return []
    }

    private func statements(of year: AmbitoYear) -> [FundStatement] {
        year.fundStatements.filter { $0.year == year.year }
    }

    public func conclude(_ tally: Tally, year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard tally.hasServices else { return [] }
        return zip(statements(of: year), tally.lines).compactMap { statement, lines in
            context.mismatch(
                Self.problem, at: statement.provenance, about: .init(ambito: statement.ambito),
                expected: lines.total, found: statement.used,
                terms: [Term(label: statement.lines[2].label, amount: statement.used, provenance: statement.provenance)]
                    + lines.terms,
                details: ["fund": statement.fund.label.it, "year": String(statement.year)])
        }
    }
}
