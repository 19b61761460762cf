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
public struct ReportWriter: Sendable {
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
        var parts: [AmbitoYearRef: ReportBuilder.Part] = [:]
        for reference in references {
            guard let part = try builder.section(reference) else { continue }
            try writeAmbito(part, of: reference)
            parts[reference] = part
        }
        try writeRegions(of: references, parts: parts)
    }

    /// Writes `AMBITO-YEAR/report.html` from what consolidation holds; returns the Ambito-year's
    /// part of its region's page (links relative to the archive).
    func writeAmbito(
        _ year: AmbitoYear, services: StoredServices, summary: ServiceSummary? = nil, report: ValidationReport, submissions: [Submission]
    ) throws -> ReportBuilder.Part {
        let part = try builder.part(year, services: services, report: report, submissions: submissions, summary: summary)
        try writeAmbito(part, of: AmbitoYearRef(ambito: year.ambito.code, year: year.year))
        return part
    }

    private func writeAmbito(_ part: ReportBuilder.Part, of reference: AmbitoYearRef) throws {
        let folder = outputDirectory.appendingPathComponent("\(reference.ambito)-\(reference.year)", isDirectory: true)
        let model = builder.model(scope: .ambito, year: reference.year, parts: [linking(part, from: folder)])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(
            ReportPage(model: model).data(), to: folder.appendingPathComponent("report.html", isDirectory: false),
            synchronize: synchronizesEachFile)
    }

    /// Writes `regione-YEAR.html` for each year of `references`: the parts given, and those of the
    /// year's other Ambito-years in the store built here.
    func writeRegions(of references: [AmbitoYearRef], parts: [AmbitoYearRef: ReportBuilder.Part]) throws {
        // The way to the archive from the region's pages, worked out once: every part is relinked with it.
        let prefix = archive.map { Self.relativePath(from: outputDirectory, to: $0) }
        for year in Set(references.map(\.year)).sorted() {
            let ofYear = parts.filter { $0.key.year == year }.mapValues { part in
                prefix.map { prefix in part.relinked { prefix + $0 } } ?? part
            }
            guard let model = try builder(from: outputDirectory).region(year: year, parts: ofYear) else { continue }
            // Each Ambito's page is `AMBITO-YEAR/report.html` beside the region's: linked when it is there
            // (an Ambito-year this run did not consolidate may have none under this --out).
            let page = ReportPage(model: model) { ambito in
                let folder = "\(ambito)-\(year)"
                let exists = FileManager.default.fileExists(atPath: outputDirectory.appendingPathComponent(folder).appendingPathComponent("report.html").path)
                return exists ? Markup.pathSegment(folder) + "/report.html" : nil
            }
            try AtomicFile.write(
                page.data(), to: outputDirectory.appendingPathComponent("regione-\(year).html"),
                synchronize: synchronizesEachFile)
        }
    }

    /// Parts are built with links relative to the archive: each page prefixes the way there from its folder.
    private var builder: ReportBuilder {
        guard let archive else { return ReportBuilder(store: store, validator: validator, language: language) }
        return ReportBuilder(store: store, validator: validator, language: language) { file, sha256 in
            Markup.pathSegment(Self.archivedName(of: file, sha256: sha256, in: archive))
        }
    }

    /// A builder whose links are relative to `folder` (for the Ambito-years it builds itself).
    private func builder(from folder: URL) -> ReportBuilder {
        guard let archive else { return builder }
        let prefix = Self.relativePath(from: folder, to: archive)
        return ReportBuilder(store: store, validator: validator, language: language) { file, sha256 in
            prefix + Markup.pathSegment(Self.archivedName(of: file, sha256: sha256, in: archive))
        }
    }

    /// A part built with links relative to the archive, its links made relative to `folder`.
    private func linking(_ part: ReportBuilder.Part, from folder: URL) -> ReportBuilder.Part {
        guard let archive else { return part }
        let prefix = Self.relativePath(from: folder, to: archive)
        return part.relinked { prefix + $0 }
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

/// The HTML reports of a `plus run`, written while its Ambito-years are consolidated.
///
/// Each Ambito's page is written on the worker that consolidated the Ambito-year, from the year
/// and report it holds: no second load from the store, no second validation. The region's page
/// is assembled at the end from the small parts the workers left, not from whole Ambito-years.
///
/// ```swift
/// consolidation.observer = RunReports(writer: ReportWriter(store: store, validator: validator, language: .it, outputDirectory: out, archive: archive))
/// ```
public final class RunReports: ConsolidationObserver, @unchecked Sendable {
    public let writer: ReportWriter
    private let lock = NSLock()
    /// Guarded by `lock`: one part per Ambito-year consolidated, without the year's deliberation
    /// but in the first part of each year (it is the same act for all).
    private var parts: [AmbitoYearRef: ReportBuilder.Part] = [:]
    private var deliberationYears = Set<Int>()

    public init(writer: ReportWriter) {
        self.writer = writer
    }

    /// The page's summary of the services (``ServiceSummary``), read with the validation.
    public func servicesReader(for year: AmbitoYear) -> (any ServiceBatchReader)? {
        ServiceSummary(shown: ReportBuilder.servicesShown)
    }

    public func consolidated(
        _ year: AmbitoYear, services: StoredServices, readAlongside reader: (any ServiceBatchReader)?, report: ValidationReport,
        submissions: [Submission]
    ) throws {
        var part = try writer.writeAmbito(
            year, services: services, summary: reader as? ServiceSummary, report: report, submissions: submissions)
        lock.withLock {
            if part.deliberation != nil, !deliberationYears.insert(year.year).inserted { part.deliberation = nil }
            parts[AmbitoYearRef(ambito: year.ambito.code, year: year.year)] = part
        }
    }

    public func finished(_ references: [AmbitoYearRef]) throws {
        let parts = lock.withLock { self.parts }
        try writer.writeRegions(of: references, parts: parts)
    }
}

extension ReportFinding {
    /// The finding with its link, if any, passed through `link`.
    func relinked(_ link: (String) -> String) -> ReportFinding {
        var finding = self
        finding.link = finding.link.map(link)
        return finding
    }
}
