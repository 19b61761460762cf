import PlusModel

extension Problem {
    public static let duplicateSubmission = Problem(
        code: "R303", severity: .error,
        title: .init(it: "Più schede correnti dello stesso ente", en: "Several current sheets from one ente"),
        template: .init(
            it: "{ente} ha {count} schede correnti per il {year} ({files}): ne deve restare una sola.",
            en: "{ente} has {count} current sheets for {year} ({files}): only one may remain."))
}

/// No ente has two current submissions for the same year.
///
/// Read from the Ambito-year itself: the ente listed twice among the submitters, or its
/// declarations for the year coming from more than one file (by checksum).
public struct DuplicateSubmission: ValidationRule {
    public static let problem = Problem.duplicateSubmission
    public static let description = LocalizedText(
        it: "Nessun ente ha due schede correnti per lo stesso anno: compare una sola volta tra i presentatori e le sue dichiarazioni vengono da un solo file.",
        en: "No ente has two current submissions for the same year: it is listed once among the submitters and its declarations come from one file.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        var listed: [EnteRef: Int] = [:]
        for ente in year.submitters { listed[ente, default: 0] += 1 }
        // Each ente's files, the first declaration of each: read in place, a sheet's declarations one
        // after the other (grouping copied every declaration of the Ambito-year, its texts retained).
        var files: [EnteRef: [Provenance]] = [:]
        var last: (ente: EnteRef, sha256: String)?
        for index in year.declarations.indices where year.declarations[index].year == year.year {
            guard let provenance = year.declarations[index].provenance else { continue }
            let ente = year.declarations[index].ente
            if let last, last.sha256 == provenance.sha256, last.ente == ente { continue }
            last = (ente, provenance.sha256)
            if files[ente]?.contains(where: { $0.sha256 == provenance.sha256 }) == true { continue }
            files[ente, default: []].append(provenance)
        }
        let enti = Set(listed.keys).union(files.keys)
        return enti.sorted().compactMap { ente in
            let sources = files[ente] ?? []
            let count = max(listed[ente] ?? 0, sources.count)
            guard count > 1 else { return nil }
            return Self.problem.finding(
                at: sources.first, about: .init(ente: ente),
                details: [
                    "count": String(count), "year": String(year.year),
                    "files": sources.isEmpty ? "-" : sources.map(\.file).joined(separator: ", "),
                ])
        }
    }
}
