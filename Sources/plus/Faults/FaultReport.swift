import ArgumentParser
import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import PlusStore
import PlusExport
import PlusValidation

/// What `plus` says, and which exit code it gives, when a command stops on a fault rather than
/// on bad data: a full disk, a read-only folder, a path that is a file, a damaged store.
///
/// 70 when the store or an output could not be written (or the store read), 74 when an input
/// could not be read; the message names the path and what to do, never a raw error dump.
///
/// ```swift
/// if let fault = FaultReport(error) { fault.exit(language: .it) }
/// ```
struct FaultReport {
    var code: ExitCode
    var message: LocalizedText

    /// `nil` for what ArgumentParser reports itself: usage errors, explicit exit codes, help.
    init?(_ error: any Error) {
        switch error {
        case is ExitCode, is CleanExit, is ValidationError:
            return nil
        case let error as StoreError:
            self.init(code: ExitCodes.failure, message: error.message)
        case let error as PipelineError:
            self.init(code: ExitCodes.usage, message: error.message)
        case let error as MappingError:
            self.init(code: ExitCodes.usage, message: LocalizedText(
                it: "\(error.file): \(error.message.it)", en: "\(error.file): \(error.message.en)"))
        case let error as RuleSetError:
            self.init(code: ExitCodes.usage, message: LocalizedText(it: error.rendered(.it), en: error.rendered(.en)))
        case let error as ExportError:
            if let cause = error.cause {
                // The cause's own codes, with the export's path when the cause names none.
                let nsError = cause as NSError
                var userInfo = nsError.userInfo
                userInfo[NSFilePathErrorKey] = userInfo[NSFilePathErrorKey] ?? error.diagnostic.location.file
                let domain = nsError.domain == NSPOSIXErrorDomain ? NSCocoaErrorDomain : nsError.domain
                if nsError.domain == NSPOSIXErrorDomain { userInfo[NSUnderlyingErrorKey] = nsError }
                let code = nsError.domain == NSPOSIXErrorDomain ? CocoaError.fileWriteUnknown.rawValue : nsError.code
                self.init(file: NSError(domain: domain, code: code, userInfo: userInfo))
            } else {
                self.init(code: error.refusesTheData ? ExitCodes.dataErrors : ExitCodes.failure, message: LocalizedText(
                    it: error.diagnostic.rendered(.it), en: error.diagnostic.rendered(.en)))
            }
        case CSVReadError.io(let reason):
            self.init(code: ExitCodes.ioError, message: LocalizedText(
                it: "lettura non riuscita: \(reason)", en: "reading failed: \(reason)"))
        case let error as CocoaError:
            self.init(file: error as NSError)
        case let error as POSIXError:
            self.init(file: NSError(domain: NSPOSIXErrorDomain, code: Int(error.code.rawValue)))
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."):
            return nil
        default:
            let error = error as NSError
            if error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain {
                self.init(file: error)
            } else {
                self.init(code: ExitCodes.failure, message: LocalizedText(
                    it: "errore imprevisto: \(error.localizedDescription)", en: "unexpected error: \(error.localizedDescription)"))
            }
        }
    }

    init(code: ExitCode, message: LocalizedText) {
        self.code = code
        self.message = message
    }

    /// A file operation that failed: Foundation's read codes (256–511) are inputs, the rest
    /// writes; the cause comes from the POSIX error underneath.
    private init(file error: NSError) {
        let path = ((error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path)
            .map(Self.destination)
        let errno = Self.posixCode(of: error)
        let reading = error.domain == NSCocoaErrorDomain && (256..<512).contains(error.code)
        let cause = Self.cause(errno: errno, cocoaCode: error.domain == NSCocoaErrorDomain ? error.code : nil)
        let place = path.map { (it: " «\($0)»", en: " “\($0)”") } ?? (it: "", en: "")
        if reading {
            self.init(code: ExitCodes.ioError, message: LocalizedText(
                it: "impossibile leggere\(place.it): \(cause.it). \(cause.fixIt)",
                en: "cannot read\(place.en): \(cause.en). \(cause.fixEn)"))
        } else {
            self.init(code: ExitCodes.failure, message: LocalizedText(
                it: "impossibile scrivere\(place.it): \(cause.it). \(cause.fixIt)",
                en: "cannot write\(place.en): \(cause.en). \(cause.fixEn)"))
        }
    }

    /// The path the user named: an export writes into a hidden staging folder beside its
    /// destination (`.out.plus-export-UUID`), which means nothing to the user.
    static func destination(_ path: String) -> String {
        var components = (path as NSString).pathComponents
        for (index, component) in components.enumerated() where component.hasPrefix(".") {
            guard let marker = component.range(of: ".plus-export-") else { continue }
            components[index] = String(component[component.index(after: component.startIndex)..<marker.lowerBound])
            return NSString.path(withComponents: Array(components[...index]))
        }
        return path
    }

    private static func posixCode(of error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(of: underlying) }
        return nil
    }

    /// The cause in words and what to do about it.
    private static func cause(errno: Int32?, cocoaCode: Int?) -> (it: String, en: String, fixIt: String, fixEn: String) {
        switch errno {
        case ENOSPC, EDQUOT:
            return ("il disco è pieno", "the disk is full", "Liberare spazio e rieseguire il comando.", "Free some space and run the command again.")
        case EROFS:
            return ("il disco è in sola lettura", "the disk is read-only",
                    "Scegliere una cartella su un disco scrivibile.", "Choose a folder on a writable disk.")
        case EACCES, EPERM:
            return ("permesso negato", "permission denied",
                    "Dare i permessi all'utente che esegue plus, o scegliere un'altra cartella.",
                    "Give the user running plus access, or choose another folder.")
        case ENOTDIR:
            return ("una parte del percorso è un file, non una cartella", "part of the path is a file, not a folder",
                    "Correggere il percorso.", "Correct the path.")
        case EEXIST:
            return ("esiste già un file con quel nome", "a file with that name exists already",
                    "Spostarlo o scegliere un altro percorso.", "Move it or choose another path.")
        case EISDIR:
            return ("è una cartella, non un file", "it is a folder, not a file", "Correggere il percorso.", "Correct the path.")
        case ENOENT:
            return ("il percorso non esiste", "the path does not exist", "Correggere il percorso.", "Correct the path.")
        case let code?:
            let text = String(cString: strerror(code))
            return ("errore di sistema (\(text))", "system error (\(text))", "Controllare il disco e rieseguire.", "Check the disk and run again.")
        case nil:
            switch cocoaCode {
            case CocoaError.fileWriteOutOfSpace.rawValue:
                return cause(errno: ENOSPC, cocoaCode: nil)
            case CocoaError.fileWriteVolumeReadOnly.rawValue:
                return cause(errno: EROFS, cocoaCode: nil)
            case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue:
                return cause(errno: EACCES, cocoaCode: nil)
            case CocoaError.fileWriteFileExists.rawValue:
                return cause(errno: EEXIST, cocoaCode: nil)
            case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue:
                return cause(errno: ENOENT, cocoaCode: nil)
            default:
                return ("errore di sistema", "system error", "Controllare il disco e rieseguire.", "Check the disk and run again.")
            }
        }
    }

    /// Writes the message to standard error and ends the process with the code.
    func exit(language: Language) -> Never {
        FileHandle.standardError.write(Data(("plus: " + message[language] + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}
