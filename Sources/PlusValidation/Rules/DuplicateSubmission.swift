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
        let listed = Dictionary(grouping: year.submitters) { $0 }.mapValues(\.count)
        let files = Dictionary(grouping: year.declarations.filter { $0.year == year.year }, by: \.ente)
            .mapValues { declarations in
                var unique: [Provenance] = []
                for provenance in declarations.compactMap(\.provenance)
                where !unique.contains(where: { $0.sha256 == provenance.sha256 }) {
                    unique.append(provenance)
                }
                return unique
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
