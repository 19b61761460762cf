import PlusModel

/// Every problem the CSV importer reports, one stable code each.
///
/// Codes: `CSV0xx` the file as a whole, `CSV1xx` a row, `CSV2xx` a cell, `CSV3xx` personal
/// data in a cell (data protection).
extension Problem {
    // MARK: File
    static let csvEncoding = Problem(
        code: "CSV001", severity: .info,
        title: .init(it: "Codifica dei caratteri", en: "Character encoding"),
        template: .init(it: "Codifica: {found}.", en: "Encoding: {found}."))
    static let csvDelimiter = Problem(
        code: "CSV002", severity: .info,
        title: .init(it: "Separatore di campo", en: "Field delimiter"),
        template: .init(it: "Separatore: {found}.", en: "Delimiter: {found}."))
    static let csvEmptyFile = Problem(
        code: "CSV010", severity: .error,
        title: .init(it: "File vuoto", en: "Empty file"),
        template: .init(it: "Il file non contiene righe: atteso {expected}.", en: "The file has no rows: expected {expected}."))
    static let csvUnterminatedQuote = Problem(
        code: "CSV011", severity: .error,
        title: .init(it: "Virgolette non chiuse", en: "Unterminated quote"),
        template: .init(
            it: "Un campo tra virgolette aperto alla riga {line} non è mai chiuso: il file è rifiutato per intero.",
            en: "A quoted field opened on line {line} is never closed: the whole file is rejected."))
    static let csvMalformedQuoting = Problem(
        code: "CSV012", severity: .error,
        title: .init(it: "Virgolette non valide", en: "Malformed quoting"),
        template: .init(
            it: "Virgolette in posizione non ammessa nella riga che inizia alla riga {line} (atteso: un campo intero tra virgolette, con \"\" per le virgolette interne): il file è rifiutato per intero.",
            en: "Quote in a position CSV does not allow in the row starting on line {line} (expected: a whole field in quotes, with \"\" for inner quotes): the whole file is rejected."))
    static let csvForeignDocument = Problem(
        code: "CSV019", severity: .error,
        title: .init(it: "Documento che non è un foglio di dati", en: "Document that is no data sheet"),
        template: .init(
            it: "Il file è in formato {found}, non un foglio di dati: inviare il foglio di calcolo con i dati (CSV, .xlsx o .ods), non una sua stampa, scansione o foto.",
            en: "The file is in {found} format, not a data sheet: send the spreadsheet holding the data (CSV, .xlsx or .ods), not a print, scan or photo of it."))
    static let csvBinary = Problem(
        code: "CSV013", severity: .error,
        title: .init(it: "Contenuto binario", en: "Binary content"),
        template: .init(
            it: "Byte nulli vicino alla riga {line}: non è un file di testo CSV (forse un .xlsx o .ods?). Esportare il foglio come CSV.",
            en: "NUL bytes near line {line}: this is not a CSV text file (an .xlsx or .ods?). Export the sheet as CSV."))
    static let csvFieldTooLarge = Problem(
        code: "CSV014", severity: .error,
        title: .init(it: "Campo troppo grande", en: "Field too large"),
        template: .init(
            it: "Un campo della riga {line} supera {expected} byte: il file è rifiutato.",
            en: "A field on line {line} exceeds {expected} bytes: the file is rejected."))
    static let csvRowTooLarge = Problem(
        code: "CSV018", severity: .error,
        title: .init(it: "Riga troppo grande", en: "Row too large"),
        template: .init(
            it: "La riga {line} è troppo grande ({found}; al massimo {expected}): il file è rifiutato. Verificare che sia il file giusto e che il suo separatore sia quello atteso.",
            en: "Line {line} is too large ({found}; at most {expected}): the file is rejected. Check that it is the right file, and that its separator is the one expected."))
    static let csvInvalidUTF16 = Problem(
        code: "CSV015", severity: .error,
        title: .init(it: "UTF-16 non valido", en: "Invalid UTF-16"),
        template: .init(it: "Sequenza UTF-16 non valida vicino alla riga {line}.", en: "Invalid UTF-16 sequence near line {line}."))
    static let csvUnreadable = Problem(
        code: "CSV016", severity: .error,
        title: .init(it: "File illeggibile", en: "Unreadable file"),
        template: .init(it: "Impossibile leggere il file: {found}.", en: "Cannot read the file: {found}."))
    /// A sheet of a kind read whole (reference data, indicators) larger than such files ever are.
    public static let csvTooLargeToReadWhole = Problem(
        code: "CSV017", severity: .error,
        title: .init(it: "File troppo grande per essere letto per intero", en: "File too large to read whole"),
        template: .init(
            it: "Il file è di {found} byte: i file di tipo {target} si leggono per intero, e oltre {expected} byte non vengono letti, per non esaurire la memoria (l'elenco di tutti i Comuni italiani è di circa 1,5 MB). Verificare che sia il file giusto.",
            en: "The file is {found} bytes long: {target} files are read whole, and past {expected} bytes they are not read, so as not to exhaust memory (the list of every Italian Comune is about 1.5 MB). Check that it is the right file."))
    static let csvMissingColumn = Problem(
        code: "CSV020", severity: .error,
        title: .init(it: "Colonna mancante", en: "Missing column"),
        template: .init(
            it: "Manca la colonna per «{field}» (attesa una di: {expected}); intestazioni trovate: {found}. Mappatura sbagliata? Il file è rifiutato.",
            en: "No column for '{field}' (expected one of: {expected}); headers found: {found}. Wrong mapping? The file is rejected."))
    static let csvDuplicateColumn = Problem(
        code: "CSV021", severity: .warning,
        title: .init(it: "Colonna ripetuta", en: "Repeated column"),
        template: .init(
            it: "Più colonne corrispondono a «{field}»: si usa la prima ({found}).",
            en: "Several columns match '{field}': the first is used ({found})."))
    static let csvMissingHeader = Problem(
        code: "CSV022", severity: .error,
        title: .init(it: "Intestazione mancante", en: "Missing header"),
        template: .init(
            it: "Il file finisce prima della riga di intestazione {expected}.",
            en: "The file ends before header line {expected}."))
    static let csvNoDataRows = Problem(
        code: "CSV030", severity: .error,
        title: .init(it: "Nessuna riga di dati", en: "No data rows"),
        template: .init(
            it: "Il file ha l'intestazione (riga {found}) ma nessuna riga di dati: il file è rifiutato per intero e non sostituisce una versione precedente. Compilare il foglio ed esportarlo di nuovo.",
            en: "The file has a header (line {found}) but no data row: the whole file is rejected and does not replace an earlier version. Fill in the sheet and export it again."))
    static let csvNoRowAccepted = Problem(
        code: "CSV031", severity: .error,
        title: .init(it: "Nessuna riga accettata", en: "No row accepted"),
        template: .init(
            it: "Nessuna riga di dati è stata accettata (righe lette: {found}; i motivi sono elencati riga per riga): il file è rifiutato per intero e non sostituisce una versione precedente.",
            en: "No data row was accepted (rows read: {found}; the reasons are listed row by row): the whole file is rejected and does not replace an earlier version."))
    static let csvTooManyRejected = Problem(
        code: "CSV032", severity: .error,
        title: .init(it: "Troppe righe scartate", en: "Too many rejected rows"),
        template: .init(
            it: "{found:riga scartata supera|righe scartate superano} il limite di {expected}: il file è rifiutato per intero (sono elencate solo le prime {expected}). Spesso la causa è una sola, come la mappatura o il separatore dei decimali; il limite si cambia con `max_rejected` nella mappatura o con --max-rejected.",
            en: "{found:rejected row exceeds|rejected rows exceed} the limit of {expected}: the whole file is rejected (only the first {expected} are listed). Often one cause explains them, such as the mapping or the decimal separator; the limit is set by `max_rejected` in the mapping or by --max-rejected."))
    static let csvDotDecimals = Problem(
        code: "CSV040", severity: .warning,
        title: .init(it: "Importi con il punto decimale", en: "Amounts with a decimal dot"),
        template: .init(
            it: "Gli importi sembrano scritti con il punto decimale, ad es. 1234.56 ({found:riga scartata|righe scartate} su {expected} per questo): risalvare il foglio con le impostazioni italiane, oppure indicare `decimal: dot` nella mappatura.",
            en: "The amounts look written with a dot decimal, e.g. 1234.56 ({found} of {expected} rows rejected for it): re-save the sheet with Italian settings, or set `decimal: dot` in the mapping."))
    static let csvHeaderBelowTitle = Problem(
        code: "CSV041", severity: .warning,
        title: .init(it: "Intestazione sotto un titolo", en: "Header below a title"),
        template: .init(
            it: "L'intestazione è alla riga {line} (riga {found} del foglio) invece che alla riga {expected}: le righe sopra sono lette come titolo e non importate. Se contengono dati, spostarli sotto l'intestazione e inviare di nuovo il file.",
            en: "The header is on line {line} (row {found} of the sheet) instead of row {expected}: the rows above it are read as a title and not imported. If they hold data, move it below the header and send the file again."))
    static let csvTotalsRow = Problem(
        code: "CSV042", severity: .warning,
        title: .init(it: "Riga di totale", en: "Totals row"),
        template: .init(
            it: "Riga di totale («{found}») non importata: non è un servizio, e i totali si calcolano dalle righe del foglio.",
            en: "Totals row ('{found}') not imported: it is no service, and totals are computed from the sheet's rows."))
    static let csvSectionRow = Problem(
        code: "CSV044", severity: .warning,
        title: .init(it: "Riga di sezione", en: "Section heading row"),
        template: .init(
            it: "Riga di sezione («{found}») non importata: ha solo un'etichetta, senza servizio né importo. Se è un servizio, completarne la riga e inviare di nuovo il file.",
            en: "Section heading row ('{found}') not imported: it holds a label alone, no service and no amount. If it is a service, complete its row and send the file again."))
    static let csvManySubjects = Problem(
        code: "CSV043", severity: .warning,
        title: .init(it: "Righe di più enti o anni", en: "Rows of several enti or years"),
        template: .init(
            it: "{found:riga|righe} su {expected} {found?è|sono} di un altro ente o di un altro anno che quelli del foglio: un foglio dichiara per un solo ente e un solo anno. Se il file raccoglie più enti o anni (una raccolta regionale, un'Unione di Comuni), dividerlo per ente e anno, oppure leggerlo con una mappatura che lo ammetta (`single_subject: false`, come dichiarazioni-regione per i file dichiarazioni-*.csv).",
            en: "{found} of {expected} rows {found?is|are} of another ente or year than the sheet's: a sheet declares for one ente and one year. If the file gathers several enti or years (a regional collection, a union of Comuni), split it by ente and year, or read it with a mapping that allows it (`single_subject: false`, as dichiarazioni-regione for files dichiarazioni-*.csv)."))
    static let csvDiagnosticsCapped = Problem(
        code: "CSV090", severity: .info,
        title: .init(it: "Segnalazioni troncate", en: "Diagnostics capped"),
        template: .init(
            it: "Altre {found} segnalazioni {field} non sono elencate (le righe restano comunque scartate con il loro motivo).",
            en: "{found} more {field} diagnostics are not listed (the rows are still kept aside with their reason)."))

    // MARK: Row
    static let csvShortRow = Problem(
        code: "CSV101", severity: .error,
        title: .init(it: "Riga incompleta", en: "Short row"),
        template: .init(
            it: "La riga ha {found:cella|celle}, ne servono almeno {expected}: riga scartata.",
            en: "The row has {found:cell|cells}, at least {expected} are needed: row rejected."))
    static let csvExtraCells = Problem(
        code: "CSV102", severity: .warning,
        title: .init(it: "Celle in più", en: "Extra cells"),
        template: .init(
            it: "La riga ha {found:cella|celle}, l'intestazione {expected}: le celle in più non sono lette.",
            en: "The row has {found:cell|cells}, the header {expected}: the extra cells are not read."))
    static let csvOtherEnte = Problem(
        code: "CSV103", severity: .error,
        title: .init(it: "Ente diverso", en: "Different ente"),
        template: .init(
            it: "La riga è dell'ente {found}, il foglio dell'ente {expected}: un foglio dichiara per un solo ente. Riga scartata.",
            en: "The row belongs to ente {found}, the sheet to {expected}: a sheet declares for one ente only. Row rejected."))

    static let csvOtherYear = Problem(
        code: "CSV104", severity: .error,
        title: .init(it: "Anno diverso", en: "Different year"),
        template: .init(
            it: "La riga è dell'anno {found}, il foglio dell'anno {expected}: un foglio riguarda un solo anno. Riga scartata.",
            en: "The row is for year {found}, the sheet for {expected}: a sheet covers one year only. Row rejected."))

    // MARK: Cell
    static let csvRequiredValue = Problem(
        code: "CSV201", severity: .error,
        title: .init(it: "Valore mancante", en: "Missing value"),
        template: .init(it: "Cella vuota in {column}: atteso {expected}. Riga scartata.", en: "Empty cell in {column}: expected {expected}. Row rejected."))
    static let csvNotAnAmount = Problem(
        code: "CSV202", severity: .error,
        title: .init(it: "Importo non valido", en: "Invalid amount"),
        template: .init(
            it: "«{found}» in {column} non è un importo: {reason}. Atteso {expected}. Riga scartata.",
            en: "'{found}' in {column} is not an amount: {reason}. Expected {expected}. Row rejected."))
    static let csvAmbiguousNumber = Problem(
        code: "CSV203", severity: .error,
        title: .init(it: "Numero ambiguo", en: "Ambiguous number"),
        template: .init(
            it: "«{found}» in {column} è ambiguo: il punto può separare le migliaia o i decimali. Scrivere {expected}, oppure indicare `decimal: comma` o `decimal: dot` nella mappatura. Riga scartata.",
            en: "'{found}' in {column} is ambiguous: the dot may separate thousands or decimals. Write {expected}, or set `decimal: comma` or `decimal: dot` in the mapping. Row rejected."))
    static let csvNotAnInteger = Problem(
        code: "CSV204", severity: .error,
        title: .init(it: "Numero intero non valido", en: "Invalid whole number"),
        template: .init(it: "«{found}» in {column} non è {expected}. Riga scartata.", en: "'{found}' in {column} is not {expected}. Row rejected."))
    static let csvInvalidIstat = Problem(
        code: "CSV205", severity: .error,
        title: .init(it: "Codice ISTAT non valido", en: "Invalid ISTAT code"),
        template: .init(it: "«{found}» in {column} non è un codice ISTAT: atteso {expected}. Riga scartata.", en: "'{found}' in {column} is not an ISTAT code: expected {expected}. Row rejected."))
    static let csvIstatLeadingZeros = Problem(
        code: "CSV206", severity: .warning,
        title: .init(it: "Zeri iniziali persi", en: "Leading zeros lost"),
        template: .init(
            it: "Codice ISTAT «{found}» in {column} senza zeri iniziali (tipico del foglio di calcolo): letto come {expected}.",
            en: "ISTAT code '{found}' in {column} without leading zeros (as spreadsheets do): read as {expected}."))
    static let csvInvalidDate = Problem(
        code: "CSV207", severity: .error,
        title: .init(it: "Data non valida", en: "Invalid date"),
        template: .init(it: "«{found}» in {column} non è una data: atteso {expected}. Riga scartata.", en: "'{found}' in {column} is not a date: expected {expected}. Row rejected."))
    static let csvUnknownValue = Problem(
        code: "CSV208", severity: .error,
        title: .init(it: "Valore non ammesso", en: "Value not allowed"),
        template: .init(it: "«{found}» in {column} non è ammesso: atteso uno di {expected}. Riga scartata.", en: "'{found}' in {column} is not allowed: expected one of {expected}. Row rejected."))
    static let csvInvalidEnte = Problem(
        code: "CSV209", severity: .error,
        title: .init(it: "Ente non valido", en: "Invalid ente"),
        template: .init(it: "«{found}» in {column} non identifica un ente: atteso {expected} ({names}). Riga scartata.", en: "'{found}' in {column} does not identify an ente: expected {expected} ({names}). Row rejected."))
    static let csvInvalidPercentage = Problem(
        code: "CSV212", severity: .error,
        title: .init(it: "Percentuale non valida", en: "Invalid percentage"),
        template: .init(
            it: "«{found}» in {column} non è una percentuale: {reason}. Atteso {expected}. Riga scartata.",
            en: "'{found}' in {column} is not a percentage: {reason}. Expected {expected}. Row rejected."))
    static let csvEnteByName = Problem(
        code: "CSV211", severity: .warning,
        title: .init(it: "Ente indicato per nome", en: "Ente given by name"),
        template: .init(
            it: "«{found}» in {column} è un nome, non un codice: letto come {expected}, l'ente dell'Ambito {ambito} con quel nome. Conviene indicare il codice.",
            en: "'{found}' in {column} is a name, not a code: read as {expected}, the ente of Ambito {ambito} by that name. Writing the code is safer."))
    static let csvMixedEncoding = Problem(
        code: "CSV210", severity: .warning,
        title: .init(it: "Codifica mista", en: "Mixed encoding"),
        template: .init(
            it: "La cella {column} non è UTF-8 come il resto del file: letta come Windows-1252 («{found}»).",
            en: "Cell {column} is not UTF-8 like the rest of the file: read as Windows-1252 ('{found}')."))

    // MARK: Personal data
    static let csvCodiceFiscale = personalData("CSV301", it: "un codice fiscale (carattere di controllo verificato)", en: "a codice fiscale (check character verified)", title: .init(it: "Codice fiscale", en: "Codice fiscale"))
    static let csvIBAN = personalData("CSV302", it: "un IBAN (cifre di controllo verificate)", en: "an IBAN (check digits verified)", title: .init(it: "IBAN", en: "IBAN"))
    static let csvEmail = personalData("CSV303", it: "un indirizzo e-mail", en: "an e-mail address", title: .init(it: "Indirizzo e-mail", en: "E-mail address"))
    static let csvPhone = personalData("CSV304", it: "un numero di telefono", en: "a phone number", title: .init(it: "Numero di telefono", en: "Phone number"))

    /// Personal data in a cell rejects the row; the value is shown masked, never in full. The sender's
    /// file itself is archived as received (its digest is the submission's identity), which the
    /// message does not deny.
    private static func personalData(_ code: String, it: String, en: String, title: LocalizedText) -> Problem {
        Problem(
            code: code, severity: .error, title: title,
            template: .init(
                it: "La cella {column} contiene \(it) («{found}»): i dati del piano sono aggregati, i dati personali non si raccolgono. Riga scartata: il valore non entra nella base dati, nelle esportazioni né nei rapporti, e i messaggi lo mostrano mascherato. Toglierlo dal foglio e inviarlo di nuovo.",
                en: "Cell {column} holds \(en) ('{found}'): plan data is aggregate, personal data is not collected. Row rejected: the value goes into neither the store, the exports nor the reports, and messages show it masked. Remove it from the sheet and send it again."))
    }

    /// The problem for a kind of personal data.
    static func personalData(_ kind: PersonalDataFinding.Kind) -> Problem {
        switch kind {
        case .codiceFiscale: csvCodiceFiscale
        case .iban: csvIBAN
        case .email: csvEmail
        case .phone: csvPhone
        }
    }
}

extension Problem {
    /// Every problem above, for ``ProblemCatalog``: a page names a stored code by its title.
    public static let csvProblems: [Problem] = [
        .csvEncoding,
        .csvDelimiter,
        .csvEmptyFile,
        .csvUnterminatedQuote,
        .csvMalformedQuoting,
        .csvForeignDocument,
        .csvBinary,
        .csvFieldTooLarge,
        .csvRowTooLarge,
        .csvInvalidUTF16,
        .csvUnreadable,
        .csvTooLargeToReadWhole,
        .csvMissingColumn,
        .csvDuplicateColumn,
        .csvMissingHeader,
        .csvNoDataRows,
        .csvNoRowAccepted,
        .csvTooManyRejected,
        .csvDotDecimals,
        .csvHeaderBelowTitle,
        .csvTotalsRow,
        .csvSectionRow,
        .csvManySubjects,
        .csvDiagnosticsCapped,
        .csvShortRow,
        .csvExtraCells,
        .csvOtherEnte,
        .csvOtherYear,
        .csvRequiredValue,
        .csvNotAnAmount,
        .csvAmbiguousNumber,
        .csvNotAnInteger,
        .csvInvalidPercentage,
        .csvInvalidIstat,
        .csvIstatLeadingZeros,
        .csvInvalidDate,
        .csvUnknownValue,
        .csvInvalidEnte,
        .csvEnteByName,
        .csvMixedEncoding,
        .csvCodiceFiscale,
        .csvIBAN,
        .csvEmail,
        .csvPhone,
    ]
}
