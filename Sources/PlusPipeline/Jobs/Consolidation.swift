import Foundation
import PlusExport
import PlusModel
import PlusStore
import PlusValidation

/// Validates one Ambito-year from the store and writes its report and datasets.
///
/// Output, under the output folder: `AMBITO-YEAR/validazione.json`, `validazione.txt`
/// and one folder per export format. The export's time is the newest submission's, so
/// the same store always gives byte-identical files.
public struct Consolidation: Sendable {
    public let store: any PlanStore
    public let validator: Validator
    public let outputDirectory: URL
    public let formats: [ExportFormat]
    public let language: Language
    /// Whether each output is flushed to disk as it is written; a job that flushes the whole
    /// output folder once at the end sets it to `false`.
    public var synchronizesEachFile = true
    /// Told of each Ambito-year consolidated, from the year and report in hand (`plus run`'s HTML reports).
    public var observer: (any ConsolidationObserver)?

    public init(store: any PlanStore, validator: Validator, outputDirectory: URL, formats: [ExportFormat], language: Language) {
        self.store = store
        self.validator = validator
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.language = language
    }

    /// The report of one Ambito-year, with the year (without its services) and its services to read
    /// in batches, or `nil` when the store knows nothing of it.
    public func validate(_ reference: AmbitoYearRef) throws -> (AmbitoYear, StoredServices, ValidationReport)? {
        guard let (year, services) = try store.ambitoYearInBatches(ambito: reference.ambito, year: reference.year) else { return nil }
        return (year, services, try validator.validate(year, services: services, comparingClaimsIn: store))
    }

    /// Validates and exports; returns the report.
    ///
    /// An Ambito-year whose Ambito has no reference data (no member Comuni, hence no capofila)
    /// gets a report that says so (`RUN030`) and no datasets: they would describe an Ambito
    /// nobody has described. The other Ambito-years of the run go on.
    ///
    /// It only reads the store: its reads go side by side with other Ambito-years' consolidated
    /// at the same time (``PlanStore/readingSideBySide(_:)``), not one after the other.
    @discardableResult
    public func consolidate(_ reference: AmbitoYearRef) throws -> ValidationReport? {
        try store.readingSideBySide { try consolidateReading(reference) }
    }

    private func consolidateReading(_ reference: AmbitoYearRef) throws -> ValidationReport? {
        let startedAt = Date()
        guard let (year, services) = try store.ambitoYearInBatches(ambito: reference.ambito, year: reference.year) else { return nil }
        // The observer reads the services as the validation reads them: one pass over the plan for both.
        let reader = observer?.servicesReader(for: year)
        let validated = try validator.validate(year, services: ServicesReadAlongside(services, by: reader), comparingClaimsIn: store)
        // The current sheets and those refused whole since, read once: the page names both.
        let standing = try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false)
        try observer?.consolidated(year, services: services, readAlongside: reader, report: validated, submissions: standing)
        let hasReferenceData = !year.ambito.comuni.isEmpty
        let report = hasReferenceData ? validated : Self.withoutReferenceData(validated, year: year)
        let folder = outputDirectory.appendingPathComponent("\(reference.ambito)-\(reference.year)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A run killed while it wrote here left a temporary (`.plus-tmp-…`) that no rename will
        // replace: this year's files are written again now, so those older than this consolidation
        // go, exported year or not (the export clears only its own, and only when it exports).
        Leftovers.remove(in: folder, olderThan: startedAt)
        try AtomicFile.write(
            report.jsonData(), to: folder.appendingPathComponent("validazione.json", isDirectory: false), synchronize: synchronizesEachFile)
        try AtomicFile.write(
            Data(report.renderText(language: language).utf8), to: folder.appendingPathComponent("validazione.txt", isDirectory: false),
            synchronize: synchronizesEachFile)
        // An Ambito-year over the row limit has its report (R003) and no datasets; so has one
        // with amounts no plan reaches (R404), whose sums would not fit: its export would stop
        // the run, every night, for every other Ambito-year.
        guard hasReferenceData, year.rowLimitExceeded == nil, !validated.hasAmountsOutOfRange else { return report }
        let metadata = try exportMetadata(for: reference, report: report, submissions: standing.filter(\.isCurrent))
        var exporter = self.exporter
        // Beside the outputs, not in a temporary folder that may be held in memory.
        exporter.builder.workingDirectory = folder
        // The services are read in batches and their rows sorted in bounded memory.
        let prepared = try exporter.prepare([(year, services)])
        for format in formats {
            try exporter.export(prepared, format: format, metadata: metadata, to: folder.appendingPathComponent(format.rawValue, isDirectory: true))
        }
        return report
    }

    /// The report with the finding that the Ambito has no reference data, first.
    static func withoutReferenceData(_ report: ValidationReport, year: AmbitoYear) -> ValidationReport {
        let finding = Problem.noReferenceData.finding(
            at: nil, about: .init(ambito: year.ambito.code),
            details: ["found": year.ambito.code, "expected": "ambiti-membri, enti-ambiti", "year": String(year.year)])
        return adding([finding], to: report, first: true)
    }

    /// The report with findings of the job's own (not of a rule) added, its counts recomputed.
    public static func adding(_ findings: [Finding], to report: ValidationReport, first: Bool = false) -> ValidationReport {
        guard !findings.isEmpty else { return report }
        return ValidationReport(
            ambito: report.ambito, ambitoName: report.ambitoName, year: report.year, ruleSet: report.ruleSet,
            parameters: report.parameters, rulesRun: report.rulesRun, deliberation: report.deliberation,
            findings: first ? findings + report.findings : report.findings + findings, omitted: report.omitted ?? [],
            enteNames: report.enteNames)
    }

    /// The exporter, with the deliberation's allocation recomputed by the rule set.
    public var exporter: Exporter {
        let validator = self.validator
        var exporter = Exporter(recomputer: AllocationRecomputer { year in
            validator.recomputedAllocation(for: year)
        })
        exporter.synchronizesFiles = synchronizesEachFile
        return exporter
    }

    /// The submissions an Ambito-year is assembled from now.
    public func currentSubmissions(of reference: AmbitoYearRef) throws -> [Submission] {
        try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false).filter(\.isCurrent)
    }

    /// Which submissions an export comes from, the time that makes it reproducible, and the
    /// Ambito-year's validation outcome (`report`, else validated here).
    public func exportMetadata(
        for reference: AmbitoYearRef, report: ValidationReport? = nil, submissions: [Submission]? = nil
    ) throws -> ExportMetadata {
        let submissions = try submissions ?? currentSubmissions(of: reference)
        let newest = submissions.map(\.storedAt).max() ?? Date(timeIntervalSince1970: 0)
        return ExportMetadata(
            generatedAt: newest,
            submissions: submissions.map { ExportMetadata.Submission(id: String($0.id), file: $0.file, sha256: $0.sha256) },
            ruleSet: ExportMetadata.RuleSet(ruleSetIn: validator, year: reference.year),
            validations: try (report ?? validate(reference)?.2).map { [ExportMetadata.Validation($0)] } ?? [])
    }
}

extension ExportMetadata.RuleSet {
    /// The rule set `validator` applies to a year's plans (Ambiti are Sardinian until the store records a region).
    init(ruleSetIn validator: Validator, year: Int) {
        let identity = validator.ruleSet(region: Ambito.defaultRegion, year: year).identity
        self.init(name: identity.name, version: String(identity.version), populationVintage: identity.populationVintage)
    }
}

extension ExportMetadata.Validation {
    /// What `report` says of its Ambito-year, as an export states it.
    public init(_ report: ValidationReport) {
        self.init(
            year: report.year, ambito: report.ambito, errors: report.counts.errors, warnings: report.counts.warnings,
            ruleSet: ExportMetadata.RuleSet(name: report.ruleSet.name, version: String(report.ruleSet.version)))
    }
}

extension Validator {
    /// The Ambito's allocation as the rule set recomputes it from the deliberation's populations.
    public func recomputedAllocation(for year: AmbitoYear) -> RegionalAllocation? {
        guard let deliberation = year.deliberation else { return nil }
        let rules = EffectiveParameters(ruleSet: ruleSet(for: year), deliberation: deliberation).allocation
        guard var computed = AllocationCalculator(rules: rules).recompute(deliberation).first(where: { $0.ambito == year.ambito.code })
        else { return nil }
        computed.ambitoName = year.ambito.name
        return computed
    }
}

extension Problem {
    /// An Ambito-year whose Ambito is missing from the reference data: it is validated as far as
    /// it can be and not exported; the run goes on with the other Ambito-years.
    public static let noReferenceData = Problem(
        code: "RUN030", severity: .error,
        title: .init(it: "Ambito senza dati di riferimento", en: "Ambito without reference data"),
        template: .init(
            it: "L'Ambito {ambito} non ha dati di riferimento (Comuni membri, capofila, ASL, Provincia): l'anno {year} non viene esportato; caricare i file di riferimento ({expected}) e rieseguire.",
            en: "Ambito {ambito} has no reference data (member Comuni, capofila, ASL, Provincia): year {year} is not exported; load the reference files ({expected}) and run again."))
}
