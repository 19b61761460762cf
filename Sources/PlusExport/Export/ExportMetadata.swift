import Foundation

/// What an export states about itself: its sources, its rule set and when it was made.
///
/// The timestamp comes from the caller, never from the clock, so the same store and the
/// same metadata give byte-identical files.
///
/// ```swift
/// let metadata = ExportMetadata(
///     generatedAt: Date(timeIntervalSince1970: 1_700_000_000),
///     submissions: [.init(id: "42", file: "cabras.csv", sha256: digest)],
///     ruleSet: .init(name: "plus-2019", version: "1"))
/// ```
public struct ExportMetadata: Hashable, Sendable {
    /// One submitted file the exported data comes from.
    public struct Submission: Hashable, Sendable, Codable, Comparable {
        public var id: String
        public var file: String
        public var sha256: String

        public init(id: String, file: String, sha256: String) {
            self.id = id
            self.file = file
            self.sha256 = sha256
        }

        public static func < (lhs: Submission, rhs: Submission) -> Bool {
            (lhs.id, lhs.file, lhs.sha256) < (rhs.id, rhs.file, rhs.sha256)
        }
    }

    /// The validation rule set the data was checked with.
    public struct RuleSet: Hashable, Sendable, Codable {
        public var name: String
        public var version: String
        /// The population vintage the rules weighed the Comuni by (`censimento-2011`), when they name one.
        public var populationVintage: String?

        public init(name: String, version: String, populationVintage: String? = nil) {
            self.name = name
            self.version = version
            self.populationVintage = populationVintage
        }
    }

    public var generatedAt: Date
    public var submissions: [Submission]
    public var ruleSet: RuleSet?

    public init(generatedAt: Date, submissions: [Submission] = [], ruleSet: RuleSet? = nil) {
        self.generatedAt = generatedAt
        self.submissions = submissions
        self.ruleSet = ruleSet
    }

    /// `generatedAt` as ISO 8601 in UTC, to the second: `2026-11-23T09:00:00Z`.
    public var timestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: generatedAt)
    }
}
