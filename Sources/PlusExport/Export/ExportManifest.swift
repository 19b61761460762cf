/// `manifest.json`: what an export holds, when and from what it was made, and every file's checksum.
///
/// The manifest is moved into place last, so its presence means the files it lists are complete.
///
/// ```swift
/// let manifest = try exporter.export(years, format: .csv, metadata: metadata, to: dir)
/// manifest.files.map(\.path)   // ["allocazione_regionale.csv", "ambiti.csv", ...]
/// ```
public struct ExportManifest: Hashable, Sendable, Codable {
    public struct Scope: Hashable, Sendable, Codable {
        public var year: Int
        public var ambito: String
    }

    public struct File: Hashable, Sendable, Codable {
        /// The file's name inside the export directory.
        public var path: String
        public var sha256: String
        public var bytes: Int
        /// The dataset the file holds alone, if it holds exactly one.
        public var dataset: String?
        /// The dataset's row count, for one-dataset files.
        public var rows: Int?
    }

    public var manifestVersion = 1
    public var format: ExportFormat
    /// ISO 8601 UTC, as the caller supplied it.
    public var generatedAt: String
    /// The Ambito-years exported, sorted.
    public var scope: [Scope]
    /// Every dataset and its row count, in catalogue order.
    public var datasets: [String: Int]
    public var files: [File]
    public var submissions: [ExportMetadata.Submission]
    public var ruleSet: ExportMetadata.RuleSet?
    /// Each Ambito-year's validation outcome as the exporter found it (esito, counts, rule set).
    public var validation: [ExportMetadata.Validation]?
}
