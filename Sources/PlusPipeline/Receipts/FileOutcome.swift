import Foundation
import PlusModel

/// What `plus run` made of one file: the line of the summary, the log and the receipt.
///
/// ```swift
/// FileOutcome(file: "comune-cabras-scheda-2019.csv", sha256: "…", verdict: .acceptedWithRejections)
/// // {"file":"comune-cabras-scheda-2019.csv","mapping":"comune-scheda","rowsRead":5,"rowsRejected":4,...}
/// ```
public struct FileOutcome: Codable, Sendable, Equatable {
    /// The word the summary and the receipt give for the file as a whole.
    public enum Verdict: String, Codable, Sendable {
        /// Stored and current, every row taken.
        case accepted
        /// Stored and current, but some rows were rejected: the plan lacks them.
        case acceptedWithRejections = "accepted-with-rejections"
        /// Refused whole (unreadable, broken, not of this inbox's Ambito): not part of the plan.
        case rejected
        /// The same bytes were stored before: nothing changed.
        case duplicate
        /// No mapping reads the file.
        case unrecognised
        /// Stored, then replaced by a later version of the same sheet in the same run.
        case superseded

        /// The verdict in words.
        public var label: LocalizedText {
            switch self {
            case .accepted: LocalizedText(it: "accettato", en: "accepted")
            case .acceptedWithRejections: LocalizedText(it: "accettato con righe scartate", en: "accepted with rejected rows")
            case .rejected: LocalizedText(it: "RIFIUTATO", en: "REJECTED")
            case .duplicate: LocalizedText(it: "già importato", en: "already imported")
            case .unrecognised: LocalizedText(it: "non riconosciuto", en: "not recognised")
            case .superseded: LocalizedText(it: "sostituito da una versione successiva", en: "superseded by a later version")
            }
        }
    }

    /// A submission this file replaced: its file and when it had arrived.
    public struct Replaced: Codable, Sendable, Equatable {
        public var submission: Int64
        public var file: String
        /// ISO 8601 with the offset.
        public var receivedAt: String
    }

    /// Something the job noticed about the file that did not stop it: a code and the message.
    public struct Notice: Codable, Sendable, Equatable {
        public var code: String
        public var message: LocalizedText

        public init(code: String, message: LocalizedText) {
            self.code = code
            self.message = message
        }
    }

    public var file: String
    public var sha256: String
    public var mapping: String?
    public var verdict: Verdict
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    /// The store's submission, when the file was stored (or was stored before, for a duplicate).
    public var submission: Int64?
    public var ente: String?
    /// The ente's name in the reference data, when it has one: the receipt says whose sheet the
    /// file was recorded as, by name (a sheet sent under another Comune's name shows there).
    public var enteName: String?
    public var year: Int?
    /// `true` when ``ente`` and ``year`` were read from the file's name (`comune-milis-…-2019`),
    /// not from its rows: a sheet refused before any row said whose it was, recorded as the
    /// sheet its name says it is. Absent otherwise.
    public var enteFromFileName: Bool?
    /// When the file was received, ISO 8601 with the offset (for a duplicate: the first time).
    public var receivedAt: String?
    public var supersedes: [Replaced] = []
    /// The first diagnostics (file-level ones first), or why the file was refused.
    public var reasons: [LocalizedText] = []
    /// Warnings about the file as a whole: `RUN010` (a gutted version), `RUN011` (two versions in one run).
    public var warnings: [Notice] = []
    /// Where the file went: `archive/NAME` or `rejected/NAME`.
    public var filedAs: String?

    public init(file: String, sha256: String, mapping: String? = nil, verdict: Verdict) {
        self.file = file
        self.sha256 = sha256
        self.mapping = mapping
        self.verdict = verdict
    }

    /// How many reasons a summary, a log line and a receipt show.
    public static let reasonsShown = 3

    /// The first diagnostics worth showing: about the file as a whole first (a convention hint,
    /// a missing column), then by line; information only when nothing else is there.
    public static func firstReasons(_ diagnostics: [Diagnostic], limit: Int = reasonsShown) -> [LocalizedText] {
        let relevant = diagnostics.filter { $0.severity != .info }
        let ordered = relevant.filter { $0.location.line == nil } + relevant.filter { $0.location.line != nil }
        return ordered.prefix(limit).map { LocalizedText(it: $0.rendered(.it), en: $0.rendered(.en)) }
    }
}
