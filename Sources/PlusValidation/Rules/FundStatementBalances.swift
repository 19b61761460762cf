import PlusModel

extension Problem {
    public static let fundStatementUnbalanced = Problem(
        code: "R121", severity: .error,
        title: .init(it: "Rendiconto del fondo non in pareggio", en: "Fund statement does not balance"),
        template: .init(
            it: "{fund} {year}: utilizzato più residuo è {found}, assegnato più residuo degli anni precedenti è {expected} (differenza {difference}).",
            en: "{fund} {year}: used plus residual is {found}, assigned plus carried over is {expected} (difference {difference})."))
}

/// A district's fund statement balances to the cent: assigned + carried over = used + residual.
///
/// Every statement of the year is checked, whatever its fund (Emilia-Romagna's FRNA, whose
/// balance the Ufficio di Piano monitors under DGR 509/2007, is the one the sample sends).
public struct FundStatementBalances: ValidationRule {
    public static let problem = Problem.fundStatementUnbalanced
    public static let description = LocalizedText(
        it: "Nel rendiconto annuale di un fondo del distretto (il FRNA in Emilia-Romagna), assegnato più residuo degli anni precedenti è uguale a utilizzato più residuo, al centesimo.",
        en: "In a district's yearly fund statement (Emilia-Romagna's FRNA), assigned plus carried over equals used plus residual, to the cent.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.fundStatements.filter { $0.year == year.year }.compactMap { statement in
            context.mismatch(
                Self.problem, at: statement.provenance, about: .init(ambito: statement.ambito),
                expected: statement.assigned + statement.carriedOver, found: statement.used + statement.residual,
                terms: statement.lines.map { Term(label: $0.label, amount: $0.amount, provenance: statement.provenance) },
                details: ["fund": statement.fund.label.it, "year": String(statement.year)])
        }
    }
}
