import PlusModel

extension Problem {
    /// An Ambito's XML export that its own schema refuses: tampered with, truncated, or not `plus`'s.
    public static let exportSubmissionSchema = Problem(
        code: "EXP101", severity: .error,
        title: .init(it: "Esportazione non conforme allo schema", en: "Export not valid against its schema"),
        template: .init(
            it: "L'esportazione non rispetta lo schema {expected}: {found}. Il file è rifiutato per intero: chiedere all'Ambito di rigenerarla con plus export o plus run.",
            en: "The export does not satisfy the schema {expected}: {found}. The file is refused whole: ask the Ambito to produce it again with plus export or plus run."))

    /// An export that holds no Ambito-year, or several: a submission is one Ambito's year.
    public static let exportSubmissionScope = Problem(
        code: "EXP102", severity: .error,
        title: .init(it: "Esportazione di più Ambiti-anno", en: "Export of several Ambito-years"),
        template: .init(
            it: "L'esportazione contiene {found}; se ne attende {expected}: ogni Ambito invia la propria, un anno per file.",
            en: "The export holds {found}; {expected} was expected: each Ambito sends its own, one year per file."))

    /// A Data Package that cannot be read as a whole: no descriptor, a resource missing or changed.
    public static let exportSubmissionPackage = Problem(
        code: "EXP103", severity: .error,
        title: .init(it: "Data Package incompleto o alterato", en: "Data Package incomplete or altered"),
        template: .init(
            it: "Il Data Package non è integro: {found}; atteso {expected}. Il file è rifiutato per intero.",
            en: "The Data Package is not intact: {found}; expected {expected}. The file is refused whole."))

    /// A ZIP archive with no `datapackage.json`: not an Ambito's export, most often a sender's
    /// sheets zipped for e-mail, which are to be taken out and put in the inbox one by one.
    public static let exportSubmissionNotPackage = Problem(
        code: "EXP105", severity: .error,
        title: .init(it: "Archivio ZIP che non è un'esportazione", en: "ZIP archive that is no export"),
        template: .init(
            it: "L'archivio ZIP non contiene datapackage.json, quindi non è l'esportazione di un Ambito; contiene: {found}. Se sono i fogli di un ente, estrarli e metterli nella cartella di arrivo così come sono; un Ambito invia la propria esportazione com'è scritta da plus (plus-export.xml, o la cartella datapackage compressa).",
            en: "The ZIP archive holds no datapackage.json, so it is not an Ambito's export; it holds: {found}. If these are an ente's sheets, extract them and put them in the inbox as they are; an Ambito sends its export as plus writes it (plus-export.xml, or the datapackage folder zipped)."))

    /// A value of an exported row that is not what its column holds.
    public static let exportSubmissionValue = Problem(
        code: "EXP104", severity: .error,
        title: .init(it: "Valore non valido nell'esportazione", en: "Invalid value in the export"),
        template: .init(
            it: "Colonna {column}: valore «{found}», atteso {expected}. L'esportazione è rifiutata per intero.",
            en: "Column {column}: value “{found}”, expected {expected}. The export is refused whole."))

    /// The outcome an export claims for its Ambito-year is not the one the Region finds.
    public static let exportClaimDiffers = Problem(
        code: "EXP110", severity: .warning,
        title: .init(it: "Esito dichiarato diverso da quello della Regione", en: "Claimed outcome differs from the Region's"),
        template: .init(
            it: "L'esportazione «{file}» dichiara per {ambito} {year}: {found}; la validazione della Regione dà: {expected}. Vale la validazione della Regione.",
            en: "The export “{file}” claims for {ambito} {year}: {found}; the Region's validation gives: {expected}. The Region's validation stands."))
}
