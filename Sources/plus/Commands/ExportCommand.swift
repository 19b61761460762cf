import ArgumentParser
import Foundation
import PlusExport
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// `plus export`: consolidated datasets of one Ambito-year, or of a whole region-year.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: Help.text(
            it: "Esporta i dati consolidati di un Ambito (o di tutta la regione) per un anno.",
            en: "Exports the consolidated data of an Ambito (or of the whole region) for a year."),
        discussion: Help.text(it: """
            Formati dei dati (--dataset-format): csv (UTF-8, RFC 4180, punto decimale), csv-it (';', virgola \
            decimale, BOM, ogni cella di testo tra virgolette: in LibreOffice spuntare "Formatta campi tra virgolette \
            come testo" e codici come 095038 e 20/9 restano testo), json, jsonl, datapackage (CSV + datapackage.json), \
            xml (l'invio regionale, verificato con il suo XSD). --format text|json è l'output, come in ogni comando. \
            I file sono scritti in modo atomico con un manifest.json. Codice di uscita 0: scritti; 64: uso errato; \
            70: errore.
            """, en: """
            Dataset formats (--dataset-format): csv (UTF-8, RFC 4180, dot decimals), csv-it (';', decimal \
            comma, BOM, every text cell quoted: in LibreOffice tick "Format quoted field as text" and codes \
            such as 095038 and 20/9 stay text), json, jsonl, datapackage (CSV + datapackage.json), xml (the \
            regional submission, validated against its XSD). --format text|json is the output, as in every command. \
            Files are written atomically with a manifest.json. Exit code 0: written; 64: wrong usage; 70: failure.
            """))

    @OptionGroup var scope: ScopeOptions

    @Option(name: .customLong("dataset-format"), help: Help.argument(
        it: "csv, csv-it, json, jsonl, datapackage (predefinito), xml o xlsx.",
        en: "csv, csv-it, json, jsonl, datapackage (default), xml or xlsx.", valueName: "format"))
    var datasetFormat: ExportFormat?

    @Option(name: [.customLong("format"), .customShort("f")], help: Help.argument(
        it: "Formato dell'output: text (predefinito) o json. Superato, vale ancora per una versione: un formato dei dati qui (--format csv-it) è la vecchia grafia di --dataset-format, e --format json senza --dataset-format esporta ancora i dati in JSON.",
        en: "Output: text (default) or json. Deprecated for one version: a dataset format here (--format csv-it) is the old spelling of --dataset-format, and --format json without --dataset-format still exports JSON datasets.", valueName: "format"))
    var format: FormatArgument?

    /// `--format`'s value: the output format of every command, or (deprecated) a dataset format.
    enum FormatArgument: ExpressibleByArgument {
        case output(OutputFormat)
        case dataset(ExportFormat)

        init?(argument: String) {
            if let output = OutputFormat(rawValue: argument) {
                self = .output(output)
            } else if let dataset = ExportFormat(rawValue: argument) {
                self = .dataset(dataset)
            } else {
                return nil
            }
        }

        static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    }

    /// The dataset format and the output format the options ask for, old spellings included.
    var formats: (dataset: ExportFormat, output: OutputFormat) {
        switch (datasetFormat, format) {
        case (let dataset?, .output(let output)?): (dataset, output)
        case (let dataset?, _): (dataset, .text)
        // The old spelling: `--format json` was the JSON datasets, and stays so while it is deprecated.
        case (nil, .output(.json)?): (.json, .text)
        case (nil, .dataset(let dataset)?): (dataset, .text)
        case (nil, _): (.dataPackage, .text)
        }
    }

    @Option(name: .long, help: Help.argument(
        it: "La cartella di destinazione.",
        en: "The destination folder."))
    var out: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: Help.argument(
        it: "Lingua dei messaggi: it (predefinita) o en.",
        en: "Language of messages: it (default) or en."))
    var lang: Language = .it

    @Option(name: .long, help: Help.argument(
        it: "Cartella dei file di mappatura (predefinita: $PLUS_MAPPINGS, altrimenti ./Mappings).",
        en: "Folder of the mapping files (default: $PLUS_MAPPINGS, then ./Mappings)."))
    var mappings: String?

    func validate() throws {
        if datasetFormat != nil, case .dataset? = format {
            throw ValidationError(lang == .it
                ? "--format vale text o json quando c'è --dataset-format"
                : "--format takes text or json when --dataset-format is given")
        }
    }

    func run() throws {
        let (ambito, region, year) = (scope.ambito, scope.region, scope.year)
        let (exportFormat, output) = formats
        if datasetFormat == nil, let format, format.isOldSpelling {
            DeprecatedSpelling.warn(old: "--format", new: "--dataset-format", language: lang)
        }
        let settings = Settings(store: storeOptions.store, rules: storeOptions.rules, mappings: mappings, language: lang)
        let (_, store, validator) = try CLI.workspace(settings)
        try CLI.requireKnown(ambito: ambito, year: year, in: store, settings)
        let codes = region ? try store.ambiti().map(\.code) : [ambito!]
        // Each year's services are read in batches as the datasets are built, never whole.
        let parts = try codes.compactMap { try store.ambitoYearInBatches(ambito: $0, year: year) }
        let years = parts.map(\.year)
        guard !years.isEmpty else {
            CLI.fail(LocalizedText(it: "nessun dato per l'anno \(year)", en: "no data for year \(year)")[lang], code: ExitCodes.usage)
        }
        let consolidation = Consolidation(
            store: store, validator: validator, outputDirectory: URL.resolvedFile(out), formats: [exportFormat], language: lang)
        // Each year validated once, one at a time: only what the export states of it is kept (a
        // region's reports are not held together), and a year with amounts beyond any plan (R404)
        // stops it there: it is not exported, as `plus run` does not export it.
        var all: [ExportMetadata] = []
        var refusal: ExportError?
        for part in parts {
            let report = try validator.validate(part.year, services: part.services, comparingClaimsIn: store)
            if report.hasAmountsOutOfRange {
                let first = report.findings.first { $0.code == Problem.amountOutOfRange.code }
                refusal = ExportError(.exportAmountsOutOfRange, path: first?.diagnostic.location.file ?? "-", found: "\(report.ambito) \(report.year)")
                break
            }
            all.append(try consolidation.exportMetadata(for: AmbitoYearRef(ambito: part.year.ambito.code, year: year), report: report))
        }
        do {
            if let refusal { throw refusal }
            var metadata = all[0]
            if region {
                metadata = ExportMetadata(
                    generatedAt: all.map(\.generatedAt).max()!, submissions: Array(Set(all.flatMap(\.submissions))).sorted(),
                    ruleSet: metadata.ruleSet, validations: all.flatMap(\.validations))
            }
            var exporter = consolidation.exporter
            // Sorted runs beside the destination, not in a temporary folder that may be held in memory.
            let parent = URL.resolvedFile(out).standardizedFileURL.deletingLastPathComponent()
            try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            exporter.builder.workingDirectory = parent
            let manifest = try exporter.export(
                try exporter.prepare(parts.map { ($0.year, $0.services) }), format: exportFormat, metadata: metadata,
                to: URL.resolvedFile(out))
            switch output {
            case .text: print(lang == .it ? "scritti \(manifest.files.count) file in \(out)" : "wrote \(lang.counted(manifest.files.count, it: ("file", "file"), en: ("file", "files"))) to \(out)")
            case .json: print(try JSONOutput.encode(Written(out: out, datasetFormat: exportFormat.rawValue, files: manifest.files.map(\.path))))
            }
        } catch let error as ExportError {
            // Told in the user's language, with the cause and what to do.
            (FaultReport(error) ?? FaultReport(code: ExitCodes.failure, message: LocalizedText(it: error.diagnostic.rendered(.it), en: error.diagnostic.rendered(.en))))
                .exit(language: lang)
        }
    }
}

extension ExportCommand {
    /// `plus export --format json`'s answer: what was written where.
    struct Written: Encodable {
        var out: String
        var datasetFormat: String
        var files: [String]
    }
}

extension ExportCommand.FormatArgument {
    /// Whether this value is one `--dataset-format` now spells (`json` included, without
    /// `--dataset-format`).
    var isOldSpelling: Bool {
        switch self {
        case .dataset, .output(.json): true
        case .output(.text): false
        }
    }
}
