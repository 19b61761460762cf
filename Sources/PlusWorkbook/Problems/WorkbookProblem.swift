import PlusModel

/// Why a workbook is refused whole, each with a stable code (WBK001…).
///
/// ```swift
/// throw WorkbookError(.zipBomb, found: "xl/worksheets/sheet1.xml: 2 GB")
/// ```
public struct WorkbookError: Error, Sendable, CustomStringConvertible {
    public var problem: Problem
    public var found: String?
    public var expected: String?

    public init(_ problem: Problem, found: String? = nil, expected: String? = nil) {
        self.problem = problem
        self.found = found
        self.expected = expected
    }

    /// The diagnostic that rejects the file `file`.
    public func diagnostic(file: String) -> Diagnostic {
        problem.at(SourceLocation(file: file), found: found, expected: expected)
    }

    public var description: String { diagnostic(file: "workbook").rendered(.en) }
}

extension Problem {
    public static let workbookOldExcel = Problem(
        code: "WBK001", severity: .error,
        title: .init(it: "Foglio Excel 97-2003 (.xls)", en: "Excel 97-2003 workbook (.xls)"),
        template: .init(
            it: "Il file è nel vecchio formato binario di Excel (.xls), che non si legge: salvarlo come .xlsx o come CSV.",
            en: "The file is in Excel's old binary format (.xls), which is not read: save it as .xlsx or as CSV."))
    public static let workbookEncrypted = Problem(
        code: "WBK002", severity: .error,
        title: .init(it: "Cartella di lavoro protetta da password", en: "Password-protected workbook"),
        template: .init(
            it: "La cartella di lavoro è cifrata con una password: salvarla senza password (o come CSV) e inviarla di nuovo.",
            en: "The workbook is encrypted with a password: save it without one (or as CSV) and send it again."))
    public static let workbookDamaged = Problem(
        code: "WBK003", severity: .error,
        title: .init(it: "Cartella di lavoro danneggiata", en: "Damaged workbook"),
        template: .init(
            it: "Il file non è una cartella di lavoro .xlsx o .ods leggibile: {found}. Aprirlo e salvarlo di nuovo come .xlsx o CSV.",
            en: "The file is not a readable .xlsx or .ods workbook: {found}. Open it and save it again as .xlsx or CSV."))
    public static let workbookTooLarge = Problem(
        code: "WBK004", severity: .error,
        title: .init(it: "Contenuto compresso sospetto", en: "Suspicious compressed content"),
        template: .init(
            it: "Una parte della cartella di lavoro si espande oltre il limite ({found}; ammesso {expected}): rifiutata come possibile «zip bomb». Salvare il foglio come CSV.",
            en: "A part of the workbook inflates beyond the limit ({found}; allowed {expected}): refused as a possible zip bomb. Save the sheet as CSV."))
    public static let workbookUnsafePath = Problem(
        code: "WBK005", severity: .error,
        title: .init(it: "Percorso non ammesso nell'archivio", en: "Path not allowed in the archive"),
        template: .init(
            it: "L'archivio contiene il percorso «{found}», assoluto o con «..»: una cartella di lavoro vera non lo fa, il file è rifiutato.",
            en: "The archive holds the path '{found}', absolute or with '..': no real workbook does, the file is refused."))
    public static let workbookDoctype = Problem(
        code: "WBK006", severity: .error,
        title: .init(it: "Dichiarazione DOCTYPE nel foglio", en: "DOCTYPE declaration in the workbook"),
        template: .init(
            it: "La parte «{found}» dichiara un DOCTYPE o delle entità XML: le cartelle di lavoro non ne hanno, il file è rifiutato.",
            en: "The part '{found}' declares a DOCTYPE or XML entities: workbooks have none, the file is refused."))
    public static let workbookNoSheet = Problem(
        code: "WBK007", severity: .error,
        title: .init(it: "Foglio non trovato", en: "Sheet not found"),
        template: .init(
            it: "La cartella di lavoro non ha il foglio {expected}; fogli presenti: {found}.",
            en: "The workbook has no sheet {expected}; its sheets: {found}."))
    public static let workbookSheetsOfOneLayout = Problem(
        code: "WBK008", severity: .error,
        title: .init(it: "Più fogli con la stessa intestazione", en: "Several sheets with the same header"),
        template: .init(
            it: "Il primo foglio visibile non ha l'intestazione di {expected}, e più fogli la hanno: {found}. Quale contenga i dati non si indovina: lasciare visibile solo quello (nascondere o eliminare gli altri) e inviare di nuovo il file.",
            en: "The first visible sheet lacks the header of {expected}, and several sheets have it: {found}. Which one holds the data is not guessed: leave only that one visible (hide or delete the others) and send the file again."))
    public static let workbookFormulaWithoutValue = Problem(
        code: "WBK020", severity: .warning,
        title: .init(it: "Formule senza valore calcolato", en: "Formulas without a computed value"),
        template: .init(
            it: "{found:cella ha|celle hanno} una formula senza valore calcolato o un errore ({found?|la prima: }{expected}): {found?è letta|sono lette} come testo «#…» e {found?la sua riga scartata|le loro righe scartate} dove serve un numero o una data. Aprire il file in Excel o LibreOffice, ricalcolare e salvare.",
            en: "{found:cell holds|cells hold} a formula without a computed value or an error ({found?|the first: }{expected}): {found?it reads|they read} as the text '#…' and {found?its row is|their rows are} rejected wherever a number or date is needed. Open the file in Excel or LibreOffice, recalculate and save."))
    public static let workbookTitleRows = Problem(
        code: "WBK021", severity: .info,
        title: .init(it: "Righe di titolo saltate", en: "Title rows skipped"),
        template: .init(
            it: "{found?Saltata|Saltate} {found:riga di titolo unita|righe di titolo unite} sopra l'intestazione del foglio {expected}.",
            en: "Skipped {found:merged title row|merged title rows} above the header of sheet {expected}."))
    public static let workbookNumbersRounded = Problem(
        code: "WBK022", severity: .warning,
        title: .init(it: "Numeri letti come il foglio li mostra", en: "Numbers read as the sheet shows them"),
        template: .init(
            it: "{found:cella numerica ha|celle numeriche hanno} più decimali di quanti il foglio ne mostra (di solito il risultato di una formula): {found?è letta come il foglio la mostra, arrotondata, come la darebbe|sono lette come il foglio le mostra, arrotondate, come le darebbe} un CSV salvato dal foglio. {found?La cella|La prima}: {expected}. Se l'importo giusto è un altro, correggerlo nel foglio (ad es. con ARROTONDA) e inviarlo di nuovo.",
            en: "{found:number cell holds|number cells hold} more decimals than the sheet shows (usually a formula's result): {found?it is read as the sheet shows it, rounded, as a CSV saved from the sheet would hold it. The cell|they are read as the sheet shows them, rounded, as a CSV saved from the sheet would hold them. The first}: {expected}. If the right amount is another, correct it in the sheet (e.g. with ROUND) and send it again."))
    public static let workbookHiddenRows = Problem(
        code: "WBK023", severity: .warning,
        title: .init(it: "Righe nascoste lette", en: "Hidden rows read"),
        template: .init(
            it: "{found:riga del foglio con dei valori è nascosta|righe del foglio con dei valori sono nascoste} (a mano o da un filtro) e {found?è letta come le altre, come la terrebbe|sono lette come le altre, come le terrebbe} un CSV salvato dal foglio; {found?la riga|la prima}: {expected}. {found?Se non è un dato da inviare, eliminarla|Se non sono dati da inviare, eliminarle} dal foglio e inviarlo di nuovo.",
            en: "{found:row of the sheet holding values is|rows of the sheet holding values are} hidden (by hand or by a filter) and {found?is read as the others, as a CSV saved from the sheet would hold it; the row|are read as the others, as a CSV saved from the sheet would hold them; the first}: {expected}. {found?If it is not data to send, delete it|If they are not data to send, delete them} from the sheet and send it again."))
}

extension Problem {
    /// Every workbook problem, for ``ProblemCatalog``: a page names a stored code by its title.
    public static let workbookProblems: [Problem] = [
        .workbookOldExcel,
        .workbookEncrypted,
        .workbookDamaged,
        .workbookTooLarge,
        .workbookUnsafePath,
        .workbookDoctype,
        .workbookNoSheet,
        .workbookSheetsOfOneLayout,
        .workbookFormulaWithoutValue,
        .workbookTitleRows,
        .workbookNumbersRounded,
        .workbookHiddenRows,
    ]
}
