import PlusModel

extension Problem {
    public static let enteBelongsToAmbito = Problem(
        code: "R301", severity: .error,
        title: .init(it: "Ente estraneo all'Ambito", en: "Ente outside the Ambito"),
        template: .init(
            it: "{ente} compare nei dati dell'Ambito {ambito} ({where}) ma non ne fa parte.",
            en: "{ente} appears in the data of Ambito {ambito} ({where}) but is not a member."))
}

/// Every ente that submits, declares or is charged a share belongs to the Ambito.
public struct EnteBelongsToAmbito: ValidationRule {
    public static let problem = Problem.enteBelongsToAmbito
    public static let description = LocalizedText(
        it: "Ogni ente che presenta una scheda, dichiara un importo o ha una quota nel riparto è un membro dell'Ambito (Comune, ASL, Provincia o altro firmatario).",
        en: "Every ente that submits a sheet, declares an amount or has a share in the cost split is a member of the Ambito (Comune, ASL, Provincia or other signatory).")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        let members = Set(year.ambito.members)
        var seen: [EnteRef: (provenance: Provenance?, places: [String], terms: [Term])] = [:]
        // Only an outsider is noted: the members' thousands of rows are not copied into a term
        // (and a provenance) first, to be dropped.
        func note(_ ente: EnteRef, _ place: String, _ provenance: Provenance?, _ term: Term?) {
            var entry = seen[ente] ?? (provenance, [], [])
            if !entry.places.contains(place) { entry.places.append(place) }
            entry.provenance = entry.provenance ?? provenance
            if let term { entry.terms.append(term) }
            seen[ente] = entry
        }
        for submitter in year.submitters where !members.contains(submitter) { note(submitter, "submission", nil, nil) }
        // By index: only an outsider's row is copied (a loop over the rows copied every one).
        let declarations = year.declarations, shares = year.costShares
        for index in declarations.indices where !members.contains(declarations[index].ente) {
            let declaration = declarations[index]
            note(declaration.ente, "declaration", declaration.provenance, .declaration(declaration))
        }
        for index in shares.indices where !members.contains(shares[index].ente) {
            let share = shares[index]
            note(share.ente, "cost_share", share.provenance, .share(share))
        }
        return seen.keys.sorted().map { ente in
            let entry = seen[ente]!
            return Self.problem.finding(
                at: entry.provenance, about: .init(ente: ente, ambito: year.ambito.code), terms: entry.terms,
                details: ["where": entry.places.joined(separator: ", ")])
        }
    }
}
