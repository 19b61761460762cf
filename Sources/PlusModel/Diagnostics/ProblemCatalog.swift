/// Problems found by their code: the title a page shows beside a code the store kept.
///
/// The store keeps each diagnostic's code and message, not its ``Problem``. A page that lists a
/// sheet's warnings by code (the report, `plus status`) names each by its title through a
/// catalog of the problems the importers declare, so that a person reads what happened, not a
/// code to look up.
///
/// ```swift
/// let catalog = ProblemCatalog([sectionRow])  // CSV044, "Riga di sezione"
/// catalog.named("CSV044", in: .it)  // "Riga di sezione (CSV044)"
/// catalog.named("XYZ999", in: .it)  // "XYZ999": a code it does not hold stays as it is
/// ```
public struct ProblemCatalog: Sendable {
    private var byCode: [String: Problem] = [:]

    /// A catalog of `problems`; where two share a code, the first is kept.
    public init(_ problems: [Problem]) {
        for problem in problems where byCode[problem.code] == nil {
            byCode[problem.code] = problem
        }
    }

    /// The problem declared under `code`, if the catalog holds it.
    public subscript(code: String) -> Problem? { byCode[code] }

    /// Every code the catalog holds.
    public var codes: Set<String> { Set(byCode.keys) }

    /// The code with its title, `Riga di sezione (CSV044)`; the code alone when the catalog does not hold it.
    public func named(_ code: String, in language: Language) -> String {
        guard let problem = byCode[code] else { return code }
        return "\(problem.title[language]) (\(code))"
    }
}
