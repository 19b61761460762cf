import Foundation
import PlusModel

extension Problem {
    /// A file or directory of the export could not be written or moved into place.
    public static let exportCannotWrite = Problem(
        code: "EXP001", severity: .error,
        title: .init(it: "Scrittura non riuscita", en: "Write failed"),
        template: .init(it: "Impossibile scrivere {file}: {found}.", en: "Cannot write {file}: {found}."))

    /// Two rows of one dataset share a primary key: the export would not validate.
    public static let exportDuplicateKey = Problem(
        code: "EXP002", severity: .error,
        title: .init(it: "Chiave duplicata", en: "Duplicate key"),
        template: .init(it: "Chiave {found} ripetuta nel dataset {file}.", en: "Key {found} repeated in dataset {file}."))

    /// A row refers to a row of another dataset that does not exist.
    public static let exportDanglingReference = Problem(
        code: "EXP003", severity: .error,
        title: .init(it: "Riferimento mancante", en: "Dangling reference"),
        template: .init(it: "{file}: {found} non esiste in {expected}.", en: "{file}: {found} does not exist in {expected}."))

    /// A value breaks a constraint its Table Schema declares (empty key, pattern); `{violation}`
    /// says which, in each language.
    public static let exportConstraint = Problem(
        code: "EXP007", severity: .error,
        title: .init(it: "Vincolo violato", en: "Constraint violated"),
        template: .init(
            it: "{file}: {violation}. L'esportazione si ferma: i file non supererebbero la verifica del loro schema.",
            en: "{file}: {violation}. The export stops: its files would not pass their schema's check."))

    /// A dataset's row has a different number of cells than the dataset has columns.
    public static let exportRowShape = Problem(
        code: "EXP010", severity: .error,
        title: .init(it: "Riga di forma errata", en: "Row of the wrong shape"),
        template: .init(
            it: "{file}: la riga {found} ha {cells:cella|celle}, il dataset ha {columns:colonna|colonne}. L'esportazione si ferma: i file non sarebbero leggibili.",
            en: "{file}: row {found} has {cells:cell|cells}, the dataset has {columns:column|columns}. The export stops: its files would not be readable."))

    /// A sum or difference of amounts does not fit in 64-bit cents.
    public static let exportAmountOverflow = Problem(
        code: "EXP008", severity: .error,
        title: .init(it: "Importo fuori scala", en: "Amount out of range"),
        template: .init(it: "{file}: la somma di {found} è fuori scala.", en: "{file}: combining {found} is out of range."))

    /// The regional XML does not satisfy its XSD.
    public static let exportXMLInvalid = Problem(
        code: "EXP004", severity: .error,
        title: .init(it: "XML non valido", en: "Invalid XML"),
        template: .init(it: "L'XML esportato non rispetta lo schema: {found}.", en: "The exported XML does not satisfy the schema: {found}."))

    /// libxml2's writer refused an operation.
    public static let exportXMLWriter = Problem(
        code: "EXP005", severity: .error,
        title: .init(it: "Errore di scrittura XML", en: "XML writer error"),
        template: .init(it: "libxml2 non ha potuto scrivere {file} ({found}).", en: "libxml2 could not write {file} ({found})."))

    /// An Ambito-year assembled without its rows, past the store's limit (validation's `R003`).
    public static let exportAmbitoYearTooLarge = Problem(
        code: "EXP009", severity: .error,
        title: .init(it: "Ambito-anno troppo grande", en: "Ambito-year too large"),
        template: .init(
            it: "L'Ambito-anno {found} ha più di {expected} righe tra quote di riparto, dichiarazioni, rendiconti dei fondi e indicatori ({file} è il file che ne porta di più): non viene esportato. plus validate ne spiega il motivo (R003).",
            en: "Ambito-year {found} has more than {expected} rows of cost shares, declarations, fund statements and indicators ({file} brings the most): it is not exported. plus validate explains why (R003)."))

    /// An Ambito-year whose validation found amounts beyond any plan (`R404`): its sums would not
    /// fit, and `plus run` does not export it either.
    public static let exportAmountsOutOfRange = Problem(
        code: "EXP011", severity: .error,
        title: .init(it: "Importi fuori scala", en: "Amounts out of range"),
        template: .init(
            it: "L'Ambito-anno {found} ha importi fuori scala (R404, il primo in {file}): non viene esportato. plus validate li elenca; correggerli e reinviare la scheda.",
            en: "Ambito-year {found} has amounts out of range (R404, the first in {file}): it is not exported. plus validate lists them; correct them and send the sheet again."))

    /// The destination exists and is not a directory.
    public static let exportDestinationNotDirectory = Problem(
        code: "EXP006", severity: .error,
        title: .init(it: "Destinazione non valida", en: "Invalid destination"),
        template: .init(it: "{file} esiste e non è una cartella.", en: "{file} exists and is not a directory."))
}

/// Why an export stopped; it carries the diagnostic in both languages.
///
/// ```swift
/// do { try exporter.export(years, format: .xml, to: dir) }
/// catch let error as ExportError { print(error.diagnostic.rendered(.it)) }
/// ```
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    /// The system's error when a file operation failed (`ENOSPC`, `EROFS`, `ENOTDIR`…): the
    /// command line tells the cause and what to do in the user's language.
    public var cause: (any Error)?

    public init(
        _ problem: Problem, path: String, line: Int? = nil, found: String? = nil, expected: String? = nil,
        localizedDetails: [String: LocalizedText] = [:], arguments: [String: MessageArgument] = [:], cause: (any Error)? = nil
    ) {
        diagnostic = problem.at(
            SourceLocation(file: path, line: line), found: found, expected: expected,
            localizedDetails: localizedDetails, arguments: arguments)
        self.cause = cause
    }

    /// A failed C call: the cause is `errno`.
    static func systemCall(path: String) -> ExportError {
        let code = errno
        return ExportError(
            .exportCannotWrite, path: path, found: String(cString: strerror(code)),
            cause: POSIXErrorCode(rawValue: code).map { POSIXError($0) })
    }

    public var description: String { diagnostic.rendered(.en) }

    /// Whether the export refused an Ambito-year for what its data are (`EXP009` past the row
    /// limit, `EXP011` amounts out of range), as `plus run` does not export it either, rather than
    /// failing to write: the command line exits 1, as for a validation with errors, not 70.
    public var refusesTheData: Bool {
        [Problem.exportAmbitoYearTooLarge.code, Problem.exportAmountsOutOfRange.code].contains(diagnostic.code)
    }
}
