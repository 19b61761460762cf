import Foundation
import PlusModel

/// Why a store file cannot be opened or created, found by looking at the path itself:
/// SQLite only says "unable to open database file".
///
/// ```swift
/// OpenFailure.cause(path: "/srv/out.csv/plus.sqlite", sqliteMessage: nil).it   // «/srv/out.csv» è un file, non una cartella
/// ```
enum OpenFailure {
    static func cause(path: String, sqliteMessage: String?) -> LocalizedText {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return LocalizedText(it: "il percorso è una cartella, non un file", en: "the path is a folder, not a file")
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        if !manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return LocalizedText(it: "la cartella «\(folder)» non esiste", en: "the folder “\(folder)” does not exist")
        }
        if !isDirectory.boolValue {
            return LocalizedText(it: "«\(folder)» è un file, non una cartella", en: "“\(folder)” is a file, not a folder")
        }
        if access(folder, W_OK) != 0 {
            let reason = errno == EROFS
                ? LocalizedText(it: "il disco è in sola lettura", en: "the disk is read-only")
                : LocalizedText(it: "permesso negato", en: "permission denied")
            return LocalizedText(
                it: "la cartella «\(folder)» non è scrivibile (\(reason.it))", en: "the folder “\(folder)” is not writable (\(reason.en))")
        }
        if manager.fileExists(atPath: path), access(path, R_OK | W_OK) != 0 {
            return LocalizedText(it: "il file non è leggibile e scrivibile", en: "the file cannot be read and written")
        }
        let message = sqliteMessage ?? "unable to open database file"
        return LocalizedText(it: "SQLite non riesce ad aprirlo (\(message))", en: "SQLite cannot open it (\(message))")
    }
}
