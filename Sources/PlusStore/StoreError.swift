import Foundation
import PlusModel

/// Why a store cannot be opened or written, in Italian and English.
///
/// ```swift
/// do { _ = try SQLiteStore(path: "plus.sqlite") }
/// catch let error as StoreError { print(error.message[.it]) }
/// ```
public enum StoreError: Error, Hashable, Sendable, LocalizedError {
    /// The store was written by a newer release of the software, with schema versions this one
    /// does not know: opening it could damage it.
    case newerSchema(found: [String], supported: String)
    /// The file exists but is not a SQLite database.
    case notAStore(path: String)
    /// The file is a SQLite database of some other program.
    case foreignDatabase(path: String)
    /// The file cannot be opened or created: a missing folder, no permission.
    case cannotOpen(path: String, reason: String)
    /// The store cannot be opened or created, for a cause found on the file system (a folder
    /// that does not exist or is not writable, a path that is a folder).
    case inaccessible(path: String, cause: LocalizedText)
    /// The store refused the write; the store is left as it was.
    case writeFailed(reason: String)
    /// A stored record lacks what its kind needs: the file was changed by something else.
    case corruptRecord(kind: String)
    /// The disk holding the store is full; the store is left as it was.
    case diskFull(path: String)
    /// The store, its folder or its file system is read-only.
    case readOnly(path: String)
    /// SQLite's check found damage (`PRAGMA quick_check` or `integrity_check`), or a page read
    /// was corrupt: nothing is written to the store and nothing read from it is trusted.
    case damaged(path: String, details: [String])

    public var message: LocalizedText {
        switch self {
        case .newerSchema(let found, let supported):
            let versions = found.joined(separator: ", ")
            return LocalizedText(
                it: "L'archivio è stato scritto da una versione più recente di plus (schema \(versions)); "
                    + "questa versione conosce lo schema fino a \(supported). Aggiornare plus prima di usarlo.",
                en: "The store was written by a newer release of plus (schema \(versions)); "
                    + "this release knows the schema up to \(supported). Upgrade plus before using it.")
        case .notAStore(let path):
            return LocalizedText(
                it: "«\(path)» non è un archivio di plus: il file non è un database SQLite.",
                en: "“\(path)” is not a plus store: the file is not a SQLite database.")
        case .foreignDatabase(let path):
            return LocalizedText(
                it: "«\(path)» è un database SQLite di un altro programma: plus non lo modifica.",
                en: "“\(path)” is a SQLite database of another program: plus leaves it alone.")
        case .cannotOpen(let path, let reason):
            return LocalizedText(
                it: "Impossibile aprire o creare l'archivio «\(path)»: \(reason)",
                en: "Cannot open or create the store “\(path)”: \(reason)")
        case .inaccessible(let path, let cause):
            return LocalizedText(
                it: "Impossibile aprire o creare l'archivio «\(path)»: \(cause.it). Correggere il percorso dato con --store o i permessi.",
                en: "Cannot open or create the store “\(path)”: \(cause.en). Correct the path given with --store, or the permissions.")
        case .writeFailed(let reason):
            return LocalizedText(
                it: "Scrittura nell'archivio non riuscita, nessuna modifica applicata: \(reason)",
                en: "Writing to the store failed, nothing was changed: \(reason)")
        case .diskFull(let path):
            return LocalizedText(
                // A run stores file after file: what it stored before the disk filled stays, and
                // the next run finishes it (files stay in the inbox until filed).
                it: "Il disco dell'archivio «\(path)» è pieno: la scrittura in corso non è stata applicata; quanto registrato prima resta valido. Liberare spazio e rieseguire il comando, che riprende da dove si è fermato.",
                en: "The disk holding the store “\(path)” is full: the write under way was not applied; what was stored before stays valid. Free some space and run the command again: it picks up where it stopped.")
        case .readOnly(let path):
            return LocalizedText(
                it: "L'archivio «\(path)» non si può scrivere (file, cartella o disco in sola lettura): nessuna modifica applicata. "
                    + "Dare i permessi di scrittura all'utente che esegue plus, o indicare un altro archivio con --store.",
                en: "The store “\(path)” cannot be written (read-only file, folder or disk): nothing was changed. "
                    + "Give the user running plus write access, or name another store with --store.")
        case .damaged(let path, let details):
            let shown = details.prefix(3).joined(separator: "; ")
            return LocalizedText(
                it: "L'archivio «\(path)» è danneggiato (\(shown)): plus non lo legge né lo scrive. "
                    + "Ripristinare l'ultima copia di sicurezza, o ricrearlo rieseguendo plus run sui file di archive/.",
                en: "The store “\(path)” is damaged (\(shown)): plus neither reads nor writes it. "
                    + "Restore the last backup, or rebuild it by running plus run again over the files in archive/.")
        case .corruptRecord(let kind):
            return LocalizedText(
                it: "L'archivio contiene un record «\(kind)» incompleto: il file è stato modificato da un altro programma.",
                en: "The store holds an incomplete “\(kind)” record: the file was changed by another program.")
        }
    }

    public func message(_ language: Language) -> String { message[language] }

    /// Italian, the default language of the software's messages.
    public var errorDescription: String? { message.it }
}
