import PlusModel

/// Why no mapping reads a file, one stable code each (`MAP0xx`): the file is refused whole before
/// any row is read, in `plus run` (to `rejected/`, with the reason in its receipt) as in
/// `plus import` without `--mapping`.
///
/// ```swift
/// let diagnostic = Problem.mapHeaderNotOfNamedMapping.at(
///     SourceLocation(file: "comune-milis-scheda-2019.csv", line: 1), found: "Anno | Comune | Spesa",
///     details: ["mapping": "comune-scheda"], localizedDetails: ["columns": columns])
/// diagnostic.rendered(.it)   // comune-milis-scheda-2019.csv:1 errore MAP001: nessuna mappatura riconosce il file: …
/// ```
extension Problem {
    /// MAP001: the name is that of a mapping, the header lacks some of its columns.
    static let mapHeaderNotOfNamedMapping = Problem(
        code: "MAP001", severity: .error,
        title: .init(it: "Intestazione non della scheda che il nome indica", en: "Header not of the sheet its name says"),
        template: .init(
            it: "nessuna mappatura riconosce il file: il nome è quello di {mapping}{title}, ma l'intestazione ({found}) non ha una colonna fra {columns}; correggere l'intestazione nel foglio, oppure aggiungere quella usata agli alias della mappatura",
            en: "no mapping recognises the file: its name is that of {mapping}{title}, but its header ({found}) has no column among {columns}; correct the header in the sheet, or add the one used to the mapping's aliases"))
    /// MAP002: neither the name nor the header is one a mapping knows.
    static let mapNoMapping = Problem(
        code: "MAP002", severity: .error,
        title: .init(it: "Nessuna mappatura per il file", en: "No mapping for the file"),
        template: .init(
            it: "nessuna mappatura riconosce il file (intestazione: {found}); aggiungere una mappatura in Mappings/ o rinominare il file",
            en: "no mapping recognises the file (header: {found}); add a mapping to Mappings/ or rename the file"))
    /// MAP003: several mappings fit the file equally well, and its rows do not tell them apart.
    static let mapSeveralMappings = Problem(
        code: "MAP003", severity: .error,
        title: .init(it: "Più mappature ugualmente adatte", en: "Several mappings fit equally"),
        template: .init(
            it: "il file corrisponde ugualmente a più mappature: {candidates}. Rinominarlo come chiede la mappatura giusta (con `plus import` si può anche indicare --mapping); se capita spesso, rendere più precise le regole match delle mappature",
            en: "the file fits several mappings equally well: {candidates}. Rename it as the right mapping asks (`plus import` also takes --mapping); if this happens often, make the mappings' match rules more precise"))
    /// MAP004: an XML document, and no XML mapping to read it.
    static let mapNoXMLMapping = Problem(
        code: "MAP004", severity: .error,
        title: .init(it: "Nessuna mappatura XML", en: "No XML mapping"),
        template: .init(it: "nessuna mappatura XML disponibile", en: "no XML mapping available"))

    /// Every problem above, for ``ProblemCatalog``.
    static let recognitionProblems: [Problem] = [
        .mapHeaderNotOfNamedMapping, .mapNoMapping, .mapSeveralMappings, .mapNoXMLMapping,
    ]
}
