import PlusModel

extension Problem {
    public static let ambitoYearTooLarge = Problem(
        code: "R003", severity: .error,
        title: .init(it: "Ambito-anno troppo grande per essere consolidato", en: "Ambito-year too large to consolidate"),
        template: .init(
            it: "L'Ambito {ambito} ha per il {year} più di {limit} righe tra quote di riparto, dichiarazioni, rendiconti dei fondi e indicatori, dove un piano reale ne ha qualche migliaio: l'anno non è stato validato né esportato, per non esaurire la memoria. {largest} Verificare che i file inviati siano quelli giusti; se il piano è davvero così grande, alzare il limite con la variabile d'ambiente PLUS_AMBITO_YEAR_ROWS e rieseguire.",
            en: "Ambito {ambito} has more than {limit} rows of cost shares, declarations, fund statements and indicators for {year}, where a real plan has a few thousand: the year was neither validated nor exported, so as not to exhaust memory. {largest} Check that the files sent are the right ones; if the plan really is that large, raise the limit with the environment variable PLUS_AMBITO_YEAR_ROWS and run again."))
}

/// The Ambito-year's rows held in memory are within the store's limit.
///
/// The store assembles an Ambito-year's cost shares, declarations, fund statements and indicators
/// in memory (its services are read in batches); past ``RowLimitExceeded/limit`` it leaves them out
/// rather than exhaust the memory of the run. ``Validator`` then runs this rule alone: the other
/// rules would report every share and declaration as missing.
public struct AmbitoYearWithinRowLimit: ValidationRule {
    public static let problem = Problem.ambitoYearTooLarge
    public static let description = LocalizedText(
        it: "Le righe dell'Ambito-anno tenute in memoria (quote di riparto, dichiarazioni, rendiconti dei fondi, indicatori) non superano il limite dell'archivio (PLUS_AMBITO_YEAR_ROWS, 50.000 se non indicato); oltre, l'anno non è validato né esportato.",
        en: "The Ambito-year's rows held in memory (cost shares, declarations, fund statements, indicators) are within the store's limit (PLUS_AMBITO_YEAR_ROWS, 50,000 unless set); past it the year is neither validated nor exported.")

    public init() {}

    public func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
        guard let excess = year.rowLimitExceeded else { return [] }
        let largest: LocalizedText = excess.largestFile.map { file in
            LocalizedText(
                it: "Il file che ne porta di più è «\(file.file)», con \(excess.rowsOfLargestFile) righe.",
                en: "The file that brings the most is “\(file.file)”, with \(excess.rowsOfLargestFile) rows.")
        } ?? LocalizedText(it: "", en: "")
        return [Self.problem.finding(
            at: excess.largestFile, about: .init(ambito: year.ambito.code),
            details: [
                "year": String(year.year), "found": "> \(excess.limit)", "expected": "≤ \(excess.limit)",
            ],
            localizedDetails: ["largest": largest], arguments: ["limit": .count(excess.limit)])]
    }
}
