import ArgumentParser
import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import PlusWorkbook
import PlusXML

/// `plus import FILE... [--mapping NAME]`: reads files and reports what it made of each.
struct ImportCommand: ManyFilesCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: Help.text(
            it: "Legge uno o più file (CSV di un Comune o delibera XML) con una mappatura e ne riporta l'esito.",
            en: "Reads one or more files (a Comune's CSV or an XML deliberation) with a mapping and reports the outcome."),
        discussion: Help.text(it: """
            Stampa per ogni file, nell'ordine dato, un riepilogo (righe lette, accettate, scartate, codifica, \
            separatore) e ogni segnalazione; con --format json e più file, un solo documento che li elenca. \
            Senza --mapping ogni file viene riconosciuto come lo riconosce `plus run`, e riceve lo stesso esito. \
            Le mappature si caricano una volta per tutti i file. Non viene salvato nulla: per questo si usa \
            `plus run`. Gli enti indicati per nome in un riparto (Cabras, ASL 5 Oristano) si leggono con i dati \
            di riferimento di un archivio (--store, e --ambito come per `plus run`); senza, sono scartati (CSV209). Codice di uscita, il peggiore fra i file: 0 tutte le righe accettate; 1 alcune righe \
            scartate; 2 un file scartato per intero; 64 uso errato o file inesistente; 74 impossibile leggere un file.
            """, en: """
            Prints, for each file in the order given, a summary (rows read, accepted, rejected, encoding, \
            delimiter) and every diagnostic; with --format json and several files, one document listing them. \
            Without --mapping each file is recognised as `plus run` recognises it, and gets the same verdict. \
            The mappings are loaded once for all the files. Nothing is stored: use `plus run` for that. \
            Enti named in a split (Cabras, ASL 5 Oristano) are read through a store's reference data \
            (--store, and --ambito as for `plus run`); without one they are rejected (CSV209). \
            Exit code, the worst of the files': 0 all rows accepted; 1 some rows rejected; 2 a file was \
            rejected whole; 64 wrong usage or a file that does not exist; 74 a file could not be read.
            """))

    @Argument(help: Help.argument(
        it: "I file da importare, uno o più; - legge lo standard input.",
        en: "The files to import, one or more; - reads standard input."))
    var files: [String]

    @Option(name: .long, help: Help.argument(
        it: "Il nome della mappatura (un file NOME.yaml nella cartella delle mappature); senza, il file viene riconosciuto come lo riconosce `plus run`.",
        en: "The mapping's name (a file NAME.yaml in the mappings folder); without it the file is recognised as `plus run` recognises it."))
    var mapping: String?

    @Option(name: .long, help: Help.argument(
        it: "Impone il separatore: ';', ',' o 'tab' (predefinito: quello della mappatura, altrimenti rilevato).",
        en: "Force the delimiter: ';', ',' or 'tab' (default: the mapping's, else detected)."))
    var delimiter: String?

    @Option(name: .long, help: Help.argument(
        it: "Impone la codifica: utf-8, windows-1252, iso-8859-1, utf-16le, utf-16be.",
        en: "Force the encoding: utf-8, windows-1252, iso-8859-1, utf-16le, utf-16be."))
    var encoding: String?

    @Option(name: .long, help: Help.argument(
        it: "Righe scartate ammesse prima che il file sia scartato per intero (predefinito: max_rejected della mappatura, altrimenti 1000).",
        en: "Rejected rows a file may have before it is rejected whole (default: the mapping's max_rejected, else 1000)."))
    var maxRejected: Int?

    @Option(name: .long, help: Help.argument(
        it: "Un archivio di plus da cui leggere i dati di riferimento, per gli enti indicati per nome invece che per codice; nulla vi viene salvato.",
        en: "A plus store to read the reference data from, for enti given by name instead of code; nothing is stored in it.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: Help.argument(
        it: "L'Ambito delle schede, per leggerne gli enti per nome quando la mappatura non lo indica (vuole --store).",
        en: "The sheets' Ambito, to read their enti by name when the mapping names none (needs --store).", valueName: "code"))
    var ambito: String?

    @OptionGroup var options: CommonOptions

    static let optionsTakingValue: Set<String> = [
        "--mapping", "--delimiter", "--encoding", "--max-rejected", "--store", "--ambito", "--lang", "--format", "--mappings",
    ]

    func validate() throws {
        guard ambito == nil || store != nil else {
            throw ValidationError(options.lang == .it
                ? "--ambito serve a leggere gli enti per nome con i dati di riferimento: indicare anche --store"
                : "--ambito reads enti by name through the reference data: give --store too")
        }
        guard files.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError(options.lang == .it ? "lo standard input (-) si legge una volta sola" : "standard input (-) can be read only once")
        }
    }

    func run() throws {
        let language = options.lang
        var reader: Reader
        do {
            // Once for all the files: the mapping named, or every mapping for the recognition.
            reader = try Reader(library: MappingLibrary.locate(explicit: options.mappings), mapping: mapping)
        } catch let error as PipelineError {
            Self.fail(error.message[language])
        } catch let error as MappingError {
            Self.fail("\(error.file): \(error.message[language])")
        }
        var settings = try csvSettings(language: language)
        if let store {
            // Read before any file, so that a wrong store or Ambito stops the command as a wrong option does.
            let storeSettings = Settings(store: store, rules: nil, mappings: options.mappings, language: language)
            let opened = try CLI.open(storeSettings)
            try CLI.requireKnown(ambito: ambito, year: nil, in: opened, storeSettings)
            let names = EnteNames.byAmbito(try opened.ambiti())
            if case .recognised(var fileImport) = reader {
                (fileImport.enteNames, fileImport.ambito) = (names, ambito)
                reader = .recognised(fileImport)
            }
            (settings.enteNames, settings.ambito) = (names, ambito)
        }
        // The files are read side by side on the cores, and reported one by one in the order given:
        // reading has no side effects, and a few files read ahead keep memory that of a few files.
        let files = self.files
        // With several files, the JSON is one document listing them, written once all are read;
        // each file's part is written where the file is read, on its core.
        let listsJSON = options.format == .json && files.count > 1
        let reading = ReadAhead(count: files.count, workers: Self.workers) { [reader, settings] index in
            let verdict = try Self.verdict(of: files[index], reader: reader, settings: settings, language: language)
            return (verdict, listed: listsJSON ? try JSONOutput.listItem(verdict) : nil)
        }
        defer { reading.finish() }
        var listed: [[UInt8]] = []
        var worst = ExitCodes.success.rawValue
        for index in files.indices {
            let (verdict, written) = try reading.take(index)
            worst = max(worst, verdict.exitCode.rawValue)
            if case .unread(_, let message, _) = verdict {
                FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
            }
            switch options.format {
            case .text: if let text = verdict.text(language: language) { print(text) }
            case .json where files.count == 1: if verdict.listsInJSONAlone { print(try JSONOutput.encode(verdict)) }
            case .json: if let written { listed.append(written) }
            }
        }
        if !listed.isEmpty { print(try JSONOutput.list(ofWritten: listed)) }
        if worst != ExitCodes.success.rawValue { throw ExitCode(worst) }
    }

    /// How many files are read at once: one per core, or `PLUS_IMPORT_WORKERS` (1 to 64) in the
    /// environment, a testing hook like `PLUS_READER` that lets a test compare one worker with several.
    private static var workers: Int {
        let environment = ProcessInfo.processInfo.environment["PLUS_IMPORT_WORKERS"]
        if let text = environment, let count = Int(text), (1...64).contains(count) { return count }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// What `plus import` reads files with: the mapping named by `--mapping`, or every mapping
    /// of the library for the recognition of `plus run`; loaded once, whatever the number of files.
    private enum Reader: Sendable {
        case xml(XMLMapping)
        case csv(CSVMapping)
        case recognised(FileImport)

        init(library: MappingLibrary, mapping: String?) throws {
            guard let mapping else {
                self = .recognised(try FileImport(library: library))
                return
            }
            let url = try library.url(named: mapping)
            do throws(MappingFile.Unreadable) {
                switch try MappingFile.load(from: url) {
                case .csv(let mapping): self = .csv(mapping)
                case .xml(let mapping): self = .xml(mapping)
                }
            } catch {
                // The file was named as the mapping to use, and most named mappings are CSV ones.
                throw error.asCSV
            }
        }
    }

    /// `--delimiter`, `--encoding` and `--max-rejected`, checked once before any file is read.
    private struct CSVSettings: Sendable {
        var delimiter: UInt8?
        var encoding: SourceEncoding?
        var maxRejected: Int?
        /// Each Ambito's enti by name (`--store`), and the sheets' Ambito (`--ambito`).
        var enteNames: [String: EnteNames] = [:]
        var ambito: String?

        func enteNames(for mapping: CSVMapping) -> EnteNames? {
            EnteNames.forSheet(readWith: mapping, among: enteNames, ambito: ambito)
        }
    }

    private func csvSettings(language: Language) throws -> CSVSettings {
        var settings = CSVSettings(maxRejected: maxRejected)
        if let delimiter {
            guard let byte = CSVMapping.delimiter(named: delimiter) else {
                throw ValidationError(language == .it ? "separatore non ammesso: \(delimiter)" : "delimiter not allowed: \(delimiter)")
            }
            settings.delimiter = byte
        }
        if let encoding {
            guard let chosen = SourceEncoding(rawValue: encoding.lowercased()) else {
                throw ValidationError(language == .it ? "codifica sconosciuta: \(encoding)" : "unknown encoding: \(encoding)")
            }
            settings.encoding = chosen
        }
        if let maxRejected, maxRejected < 0 {
            throw ValidationError(language == .it ? "--max-rejected vuole un numero da 0 in su" : "--max-rejected takes a number from 0 up")
        }
        return settings
    }

    /// One file's verdict. A file that cannot be read is a verdict too, so that the files after
    /// it are still read; what concerns every file (a wrong option) stops the command.
    private static func verdict(of file: String, reader: Reader, settings: CSVSettings, language: Language) throws -> ImportVerdict {
        do {
            let input = file == "-" ? try StandardInput.copy() : nil
            defer { input?.remove() }
            let url = try input?.url ?? Self.readableFile(file)
            // Standard input's copy is named as the user wrote it, not by its temporary path.
            let displayName = file == "-" ? "stdin" : nil
            switch reader {
            case .xml(let mapping):
                return .read(try DeliberationImporter(mapping: mapping).importFile(at: url))
            case .csv(let mapping):
                return .read(try importCSV(url, displayName: displayName, mapping: mapping, settings: settings))
            case .recognised(let fileImport):
                // The recognition of `plus run`, so that both commands give the file one verdict.
                let recognition = try fileImport.recognise(url)
                if case .csv(let csvMapping) = recognition {
                    return .read(try importCSV(url, displayName: displayName, mapping: csvMapping, settings: settings))
                }
                switch try fileImport.run(url, as: recognition) {
                case .imported(let imported, _): return .read(imported)
                case .unrecognised(let reason, _, _): return .unrecognised(file: file, reason: reason[language])
                }
            }
        } catch let error as SafeFileError {
            // A FIFO, a device, a symlink or an unreadable file: refused at once, never read.
            return .unread(file: file, message: error.message[language], exitCode: ExitCodes.fileRejected)
        } catch let error as StandardInput.TooLarge {
            return .unread(file: file, message: error.message[language], exitCode: ExitCodes.ioError)
        } catch CSVReadError.io(let reason) {
            let message = LocalizedText(it: "impossibile leggere «\(file)»: \(reason)", en: "cannot read “\(file)”: \(reason)")
            return .unread(file: file, message: message[language], exitCode: ExitCodes.ioError)
        } catch let error as ValidationError {
            throw error
        } catch {
            // Not found (64), a folder or no permission (74): the codes and words of any other command.
            guard let fault = FaultReport(error) else { throw error }
            return .unread(file: file, message: fault.message[language], exitCode: fault.code)
        }
    }

    /// The file to read: it must exist (else wrong usage) and be a readable file, not a folder (else 74).
    private static func readableFile(_ path: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw PipelineError.fileNotFound(path) }
        if isDirectory.boolValue {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))])
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        }
        return URL.resolvedFile(path)
    }

    /// Streams the sheet and checks every row: nothing is stored, so no record is built and a
    /// large file needs little memory.
    private static func importCSV(_ url: URL, displayName: String?, mapping: CSVMapping, settings: CSVSettings) throws -> ImportResult {
        // A workbook's sheet is read through the same mapping and session as a CSV.
        if WorkbookFile.kind(of: url) != nil {
            var importer = WorkbookImporter(mapping: mapping)
            importer.maxRejected = settings.maxRejected
            importer.enteNames = settings.enteNames(for: mapping)
            return try importer.importFile(at: url)
        }
        var importer = CSVImporter(mapping: mapping)
        if let delimiter = settings.delimiter { importer.delimiter = delimiter }
        if let encoding = settings.encoding { importer.encoding = encoding }
        if let maxRejected = settings.maxRejected { importer.maxRejected = maxRejected }
        importer.enteNames = settings.enteNames(for: mapping)
        // The importer lists at most the rejection limit's rows, so memory stays flat however large
        // and broken the file; the result counts every row.
        var rejected: [RejectedRow] = []
        let keep = { (row: RejectedRow) in rejected.append(row) }
        var result = try importer.checkFile(at: url, displayName: displayName, onRejected: keep)
        result.rejectedRows = rejected
        return result
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
        Foundation.exit(ExitCodes.usage.rawValue)
    }
}
