import PlusModel

/// The problems an XML import can report, one stable code each.
///
/// ```swift
/// let diagnostic = Problem.xmlNotWellFormed.at(SourceLocation(file: "dgr.xml", line: 3), found: "EndTag: '</' not found")
/// ```
extension Problem {
    public static let xmlNotWellFormed = Problem(
        code: "XML001", severity: .error,
        title: .init(it: "XML non ben formato", en: "XML not well-formed"),
        template: .init(
            it: "Il documento non è XML ben formato (riga {line}): {found}.",
            en: "The document is not well-formed XML (line {line}): {found}."))

    public static let xmlDoctypeRefused = Problem(
        code: "XML002", severity: .error,
        title: .init(it: "DTD o entità rifiutate", en: "DTD or entities refused"),
        template: .init(
            it: "Il documento dichiara una DTD o entità (riga {line}): per sicurezza non sono ammesse e nessuna entità è stata letta; il file è rifiutato.",
            en: "The document declares a DTD or entities (line {line}): they are not allowed, for safety, and no entity was read; the file is refused."))

    public static let xmlTooLarge = Problem(
        code: "XML003", severity: .error,
        title: .init(it: "File troppo grande", en: "File too large"),
        template: .init(
            it: "Il file è di {found} byte, oltre il limite di {expected} byte: non è stato letto.",
            en: "The file has {found} bytes, over the limit of {expected} bytes: it was not read."))

    public static let xmlEmpty = Problem(
        code: "XML004", severity: .error,
        title: .init(it: "Documento vuoto", en: "Empty document"),
        template: .init(it: "Il file è vuoto: nessun documento XML.", en: "The file is empty: no XML document."))

    public static let xmlUnexpectedRoot = Problem(
        code: "XML005", severity: .error,
        title: .init(it: "Elemento radice inatteso", en: "Unexpected root element"),
        template: .init(
            it: "L'elemento radice è {found}, ma la mappatura attende {expected}: namespace o formato errato.",
            en: "The root element is {found}, but the mapping expects {expected}: wrong namespace or format."))

    public static let xmlParserWarning = Problem(
        code: "XML006", severity: .warning,
        title: .init(it: "Avviso del parser XML", en: "XML parser warning"),
        template: .init(it: "Avviso del parser XML (riga {line}): {found}.", en: "XML parser warning (line {line}): {found}."))

    public static let xmlSchemaViolation = Problem(
        code: "XML010", severity: .error,
        title: .init(it: "Violazione dello schema", en: "Schema violation"),
        template: .init(
            it: "Riga {line}: il documento non rispetta lo schema {schema}: {found}.",
            en: "Line {line}: the document does not conform to schema {schema}: {found}."))

    public static let xmlSchemaUnavailable = Problem(
        code: "XML011", severity: .error,
        title: .init(it: "Schema non disponibile", en: "Schema unavailable"),
        template: .init(
            it: "Lo schema {expected} indicato dalla mappatura non si può caricare: {found}.",
            en: "The schema {expected} named by the mapping cannot be loaded: {found}."))

    public static let xmlNothingFound = Problem(
        code: "XML020", severity: .error,
        title: .init(it: "XPath senza risultato", en: "XPath found nothing"),
        template: .init(
            it: "Il campo {field} non è stato trovato: l'espressione XPath {expected} non seleziona nulla.",
            en: "Field {field} was not found: the XPath expression {expected} selects nothing."))

    public static let xmlNotAnAmount = Problem(
        code: "XML021", severity: .error,
        title: .init(it: "Importo non valido", en: "Not an amount"),
        template: .init(
            it: "Il campo {field} vale «{found}», che non è un importo in euro ({expected}).",
            en: "Field {field} is '{found}', which is not an amount in euros ({expected})."))

    public static let xmlNotAnInteger = Problem(
        code: "XML022", severity: .error,
        title: .init(it: "Numero intero non valido", en: "Not a whole number"),
        template: .init(
            it: "Il campo {field} vale «{found}», che non è un numero intero non negativo.",
            en: "Field {field} is '{found}', which is not a non-negative whole number."))

    public static let xmlNotADate = Problem(
        code: "XML023", severity: .error,
        title: .init(it: "Data non valida", en: "Not a date"),
        template: .init(
            it: "Il campo {field} vale «{found}», che non è una data (aaaa-mm-gg o gg/mm/aaaa).",
            en: "Field {field} is '{found}', which is not a date (yyyy-mm-dd or dd/mm/yyyy)."))

    public static let xmlInvalidXPath = Problem(
        code: "XML024", severity: .error,
        title: .init(it: "XPath della mappatura non valida", en: "Invalid XPath in the mapping"),
        template: .init(
            it: "L'espressione XPath {expected} del campo {field} non è valida: {found}.",
            en: "The XPath expression {expected} of field {field} is invalid: {found}."))

    public static let xmlNoAllocations = Problem(
        code: "XML025", severity: .error,
        title: .init(it: "Nessun riparto", en: "No allocations"),
        template: .init(
            it: "Nessun Ambito trovato: l'espressione XPath {expected} non seleziona alcun nodo.",
            en: "No Ambito found: the XPath expression {expected} selects no node."))

    public static let xmlDuplicateAmbito = Problem(
        code: "XML026", severity: .error,
        title: .init(it: "Ambito ripetuto", en: "Ambito repeated"),
        template: .init(
            it: "L'Ambito «{found}» compare più volte: in {first} (riga {first_line}) e in {xpath} (riga {line}); nessuna delle sue quote è stata accolta, perché non si sa quale valga.",
            en: "Ambito '{found}' appears more than once: at {first} (line {first_line}) and at {xpath} (line {line}); none of its allocations was accepted, since it is unknown which one holds."))

    public static let xmlTooManyMessages = Problem(
        code: "XML009", severity: .warning,
        title: .init(it: "Altri messaggi omessi", en: "More messages omitted"),
        template: .init(
            it: "Altri {found} messaggi del parser XML sono stati omessi.",
            en: "{found} more XML parser messages were omitted."))
}

extension Problem {
    /// Every XML problem, for ``ProblemCatalog``: a page names a stored code by its title.
    public static let xmlProblems: [Problem] = [
        .xmlNotWellFormed,
        .xmlDoctypeRefused,
        .xmlTooLarge,
        .xmlEmpty,
        .xmlUnexpectedRoot,
        .xmlParserWarning,
        .xmlSchemaViolation,
        .xmlSchemaUnavailable,
        .xmlNothingFound,
        .xmlNotAnAmount,
        .xmlNotAnInteger,
        .xmlNotADate,
        .xmlInvalidXPath,
        .xmlNoAllocations,
        .xmlDuplicateAmbito,
        .xmlTooManyMessages,
        .xmlOtherFormFlawed,
        .xmlFormsDisagree,
    ]
}
