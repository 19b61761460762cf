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

    /// What validating one exported Ambito-year gave, as the sender's own `plus` saw it.
    ///
    /// The receiver re-validates rather than trusts it: the claim only lets it say when the
    /// two outcomes differ.
    public struct Validation: Hashable, Sendable, Codable, Comparable {
        /// `valido` when no finding is an error, else `non_valido`.
        public var outcome: String
        public var year: Int
        public var ambito: String
        public var errors: Int
        public var warnings: Int
        public var ruleSet: RuleSet

        public static let valid = "valido"
        public static let invalid = "non_valido"

        public init(year: Int, ambito: String, errors: Int, warnings: Int, ruleSet: RuleSet) {
            self.outcome = errors == 0 ? Self.valid : Self.invalid
            self.year = year
            self.ambito = ambito
            self.errors = errors
            self.warnings = warnings
            self.ruleSet = ruleSet
        }

        public static func < (lhs: Validation, rhs: Validation) -> Bool {
            (lhs.year, lhs.ambito) < (rhs.year, rhs.ambito)
        }
    }

    public var generatedAt: Date
    public var submissions: [Submission]
    public var ruleSet: RuleSet?
    /// The validation outcome of each exported Ambito-year, when the exporter validated it.
    public var validations: [Validation]

    public init(generatedAt: Date, submissions: [Submission] = [], ruleSet: RuleSet? = nil, validations: [Validation] = []) {
        self.generatedAt = generatedAt
        self.submissions = submissions
        self.ruleSet = ruleSet
        self.validations = validations
    }

    /// `generatedAt` as ISO 8601 in UTC, to the second: `2026-11-23T09:00:00Z`.
    public var timestamp: String {
        // A format style, not an `ISO8601DateFormatter`: that one built its Core Foundation
        // formatter again at every call, three times per Ambito-year's export.
        generatedAt.formatted(Self.internetDateTime)
    }

    private static let internetDateTime = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
}
