import ArgumentParser
import Foundation
import PlusModel
import PlusPipeline

/// What `plus import` made of one of its files: read (accepted or rejected by the importer), not
/// recognised by any mapping, or not read at all.
///
/// ```swift
/// let verdict = ImportVerdict.unrecognised(file: "x.csv", reason: "nessuna mappatura riconosce il file")
/// verdict.exitCode // 2
/// ```
enum ImportVerdict: Encodable, Sendable {
    case read(ImportResult)
    /// No mapping fits the file: rejected whole, as `plus run` rejects it.
    case unrecognised(file: String, reason: String)
    /// Not found, not a regular file, unreadable: the message goes to standard error.
    case unread(file: String, message: String, exitCode: ExitCode)

    /// 0 all rows accepted, 1 some rejected, 2 rejected whole; 64 not found, 74 unreadable.
    var exitCode: ExitCode {
        switch self {
        case .read(let result):
            if result.status == .rejected { return ExitCodes.fileRejected }
            if result.rowsRejected > 0 || result.diagnostics.containsErrors { return ExitCodes.dataErrors }
            return ExitCodes.success
        case .unrecognised: return ExitCodes.fileRejected
        case .unread(_, _, let code): return code
        }
    }

    /// The summary for a person, `nil` for a file not read (its message is on standard error).
    func text(language: Language) -> String? {
        switch self {
        case .read(let result): ImportSummaryText.render(result, language: language)
        case .unrecognised(let file, let reason): "\(file): \(language == .it ? "RIFIUTATO" : "REJECTED")\n  \(reason)"
        case .unread: nil
        }
    }

    /// Whether a single file's JSON document is written: a file not read has only its message
    /// on standard error, as before several files could be given.
    var listsInJSONAlone: Bool {
        if case .unread = self { return false }
        return true
    }

    private enum Key: String, CodingKey {
        case file, status, reason, exitCode
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .read(let result):
            try result.encode(to: encoder)
        case .unrecognised(let file, let reason):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(file, forKey: .file)
            try container.encode("rejected", forKey: .status)
            try container.encode(reason, forKey: .reason)
        case .unread(let file, let message, let code):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(file, forKey: .file)
            try container.encode("unread", forKey: .status)
            try container.encode(message, forKey: .reason)
            try container.encode(code.rawValue, forKey: .exitCode)
        }
    }
}
