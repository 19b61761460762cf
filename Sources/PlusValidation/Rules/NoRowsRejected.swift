import PlusModel

extension Problem {
    public static let rowsRejected = Problem(
        code: "R304", severity: .error,
        title: .init(it: "Righe scartate in una scheda corrente", en: "Rows rejected in a current sheet"),
        template: .init(
            it: "{sender}: la scheda corrente «{file}» ha {count:riga scartata|righe scartate} su {read}: il piano non contiene quei dati; correggere le righe (vedere il file .scarti.csv) e reinviare la scheda.",
            en: "{sender}: the current sheet “{file}” has {count:rejected row|rejected rows} out of {read}: the plan lacks that data; fix the rows (see the .scarti.csv file) and send the sheet again."))
}

/// No current submission of the Ambito-year had rows rejected.
///
/// A rejected row is data the plan does not hold: the totals may still add up by chance, so
/// the Ambito-year must not read as in order while any current sheet has rows left out.
/// Read from ``AmbitoYear/incompleteSubmissions``; no arithmetic on amounts.
public struct NoRowsRejected: ValidationRule {
    public static let problem = Problem.rowsRejected
    public static let description = LocalizedText(
        it: "Nessuna scheda corrente ha righe scartate: finché mancano righe, l'Ambito non è in regola.",
        en: "No current sheet has rejected rows: while rows are missing, the Ambito-year does not validate.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        year.incompleteSubmissions.map { submission in
            Self.problem.finding(
                at: Provenance(file: submission.file, sha256: submission.sha256),
                about: .init(ente: submission.ente, ambito: year.ambito.code),
                details: [
                    // A sheet of the whole Ambito (the capofila's split, its plan table) has no ente of its own.
                    "ente": submission.ente?.description ?? "-", "sender": submission.ente?.description ?? "Ambito \(year.ambito.code)",
                    "file": submission.file, "count": String(submission.rowsRejected), "read": String(submission.rowsRead),
                    "found": String(submission.rowsRejected), "expected": "0",
                ])
        }
    }
}
