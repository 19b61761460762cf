import Foundation
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// Writes the HTML reports of a run beside its datasets: `AMBITO-YEAR/report.html` for each
/// Ambito-year and `regione-YEAR.html` for each year touched.
///
/// ```swift
/// let writer = ReportWriter(store: store, validator: validator, language: .it, outputDirectory: out, archive: inbox.archiveURL)
/// try writer.write([AmbitoYearRef(ambito: "OR", year: 2019)])
/// ```
public struct ReportWriter {
    public let store: any PlanStore
    public let validator: Validator
    public let language: Language
    public let outputDirectory: URL
    /// Where the source files are archived: findings link to them.
    public let archive: URL?
    /// Whether each file is flushed to disk as written; a job that flushes the folder once sets it to `false`.
    public var synchronizesEachFile = true

    public init(store: any PlanStore, validator: Validator, language: Language, outputDirectory: URL, archive: URL?) {
        self.store = store
        self.validator = validator
        self.language = language
        self.outputDirectory = outputDirectory
        self.archive = archive
    }

    /// The reports of these Ambito-years and of their years' regions.
    public func write(_ references: [AmbitoYearRef]) throws {
        for reference in references {
            let folder = outputDirectory.appendingPathComponent("\(reference.ambito)-\(reference.year)", isDirectory: true)
            guard let model = try builder(from: folder).ambito(reference.ambito, year: reference.year) else { continue }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AtomicFile.write(
                Data(ReportPage(model: model).html().utf8), to: folder.appendingPathComponent("report.html"),
                synchronize: synchronizesEachFile)
        }
        for year in Set(references.map(\.year)).sorted() {
            guard let model = try builder(from: outputDirectory).region(year: year) else { continue }
            try AtomicFile.write(
                Data(ReportPage(model: model).html().utf8), to: outputDirectory.appendingPathComponent("regione-\(year).html"),
                synchronize: synchronizesEachFile)
        }
    }

    private func builder(from folder: URL) -> ReportBuilder {
        guard let archive else { return ReportBuilder(store: store, validator: validator, language: language) }
        let prefix = Self.relativePath(from: folder, to: archive)
        return ReportBuilder(store: store, validator: validator, language: language) { file, sha256 in
            prefix + Markup.pathSegment(Self.archivedName(of: file, sha256: sha256, in: archive))
        }
    }

    /// The name a file has in the archive: its own, or, when an earlier file took that name,
    /// the one the inbox tagged with its checksum (`scheda.0123456789ab.csv`).
    static func archivedName(of file: String, sha256: String?, in archive: URL) -> String {
        guard let sha256 else { return file }
        let tagged = InboxFolder.taggedName(file, tag: InboxFolder.tag(sha256: sha256))
        return FileManager.default.fileExists(atPath: archive.appendingPathComponent(tagged).path) ? tagged : file
    }

    /// The relative path from one folder to another, ending in `/`: `../../inbox/archive/`.
    static func relativePath(from folder: URL, to target: URL) -> String {
        let from = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let downs = to[common...].map(Markup.pathSegment)
        return (ups + downs).map { $0 + "/" }.joined()
    }
}
