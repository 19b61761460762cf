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
public struct FundStatementMatchesPlan: ValidationRule {
    public static let problem = Problem.fundStatementDiffersFromPlan
    public static let description = LocalizedText(
        it: "Quanto il rendiconto del fondo (il FRNA) dichiara utilizzato nell'anno è uguale alla somma della voce di quel fondo nei servizi del piano.",
        en: "What the fund statement (the FRNA) declares used in the year equals the sum of that fund's line over the plan's services.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard !year.services.isEmpty else { return [] }
        return year.fundStatements.filter { $0.year == year.year }.compactMap { statement in
            let lines = year.services.filter { $0.funding[statement.fund] != nil }
            return context.mismatch(
                Self.problem, at: statement.provenance, about: .init(ambito: statement.ambito),
                expected: lines.map { $0.funding(statement.fund) }.sum(), found: statement.used,
                terms: [Term(label: statement.lines[2].label, amount: statement.used, provenance: statement.provenance)]
                    + lines.map { .funding(statement.fund, of: $0) },
                details: ["fund": statement.fund.label.it, "year": String(statement.year)])
        }
    }
}
