import PlusModel

extension Problem {
    public static let missingSubmission = Problem(
        code: "R302", severity: .warning,
        title: .init(it: "Scheda non presentata", en: "Sheet not submitted"),
        template: .init(
            it: "{ente} ({name}) non ha ancora presentato la scheda {year} dell'Ambito {ambito}.",
            en: "{ente} ({name}) has not submitted its {year} sheet for Ambito {ambito} yet."))
}

/// Every member Comune has submitted, and so have the ASL and the Provincia when the plan charges them.
///
/// A warning while the plan is open; an error once the Ufficio di Piano has closed it.
public struct MissingSubmission: ValidationRule {
    public static let problem = Problem.missingSubmission
    public static let description = LocalizedText(
        it: "Ogni Comune dell'Ambito ha presentato la propria scheda (e l'ASL e la Provincia, se il piano pone quote a loro carico): avviso finché il piano è aperto, errore dopo la chiusura.",
        en: "Every member Comune has submitted its sheet (and the ASL and the Provincia, when the plan charges them): a warning while the plan is open, an error once it is closed.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let submitted = year.submittingEnti
        // Two enti to look for, each by a scan: a set of every ente charged hashed each cost share.
        let signatories = [year.ambito.asl, year.ambito.provincia].compactMap { $0 }.filter { signatory in
            year.costShares.contains { $0.amount != .zero && $0.ente == signatory.ente }
        }
        let expected = year.comuniByCode.map { ($0.ente, $0.name) } + signatories.map { ($0.ente, $0.name) }
        return expected.filter { !submitted.contains($0.0) }.map { ente, name in
            Self.problem.finding(
                at: nil, about: .init(ente: ente, ambito: year.ambito.code),
                details: ["name": name, "year": String(year.year)], severity: year.isClosed ? .error : .warning)
        }
    }
}
