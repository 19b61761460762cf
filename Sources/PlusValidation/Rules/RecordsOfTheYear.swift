import PlusModel

extension Problem {
    public static let recordOfAnotherYear = Problem(
        code: "R109", severity: .error,
        title: .init(it: "Dato di un altro anno", en: "Record of another year"),
        template: .init(
            it: "{what} riguarda il {found}, ma si sta verificando il {expected}: il dato non viene confrontato.",
            en: "{what} is for {found}, but {expected} is being checked: the record is not compared."))
}

/// The deliberation, its allocations and the declarations are for the year being checked.
///
/// The other rules ignore a declaration of another year; this rule says so, instead of
/// letting it vanish.
public struct RecordsOfTheYear: ValidationRule {
    public static let problem = Problem.recordOfAnotherYear
    public static let description = LocalizedText(
        it: "La deliberazione, le sue assegnazioni e le dichiarazioni degli enti riguardano l'anno verificato.",
        en: "The deliberation, its allocations and the enti's declarations are for the year being checked.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        // What is named is written only for a record of another year: not for each of the
        // Ambito's thousands of declarations of its own.
        func finding(_ what: @autoclosure () -> String, _ found: Int, _ provenance: Provenance?, _ subject: @autoclosure () -> FindingSubject) -> Finding? {
            guard found != year.year else { return nil }
            let what = what(), subject = subject()
            return Self.problem.finding(
                at: provenance, about: subject,
                details: ["what": what, "found": String(found), "expected": String(year.year)])
        }
        var findings: [Finding] = []
        if let deliberation = year.deliberation {
            if let act = finding("DGR \(deliberation.number)", deliberation.year, deliberation.provenance, .init()) { findings.append(act) }
            findings += deliberation.allocations.compactMap {
                finding("DGR \(deliberation.number), Ambito \($0.ambito)", $0.year, $0.provenance, .init(ambito: $0.ambito))
            }
        }
        findings += year.declarations.compactMap {
            finding("\($0.ente) \($0.service)", $0.year, $0.provenance, .init(service: $0.service, ente: $0.ente))
        }
        return findings
    }
}
