import ArgumentParser
import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import PlusWorkbook
import PlusXML

/// `plus import FILE [--mapping NAME]`: reads one file and reports what it made of it.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: Help.text(
            it: "Legge un file (CSV di un Comune o delibera XML) con una mappatura e ne riporta l'esito.",
            en: "Reads one file (a Comune's CSV or an XML deliberation) with a mapping and reports the outcome."),
        discussion: Help.text(it: """
            Stampa un riepilogo (righe lette, accettate, scartate, codifica, separatore) e ogni segnalazione. \
            Senza --mapping il file viene riconosciuto come lo riconosce `plus run`, e riceve lo stesso esito. \
            Non viene salvato nulla: per questo si usa `plus run`. Codice di uscita 0: tutte le righe accettate; \
            1: alcune righe scartate; 2: file scartato per intero; 64: uso errato; 74: impossibile leggere il file.
            """, en: """
            Prints a summary (rows read, accepted, rejected, encoding, delimiter) and every diagnostic. \
            Without --mapping the file is recognised as `plus run` recognises it, and gets the same verdict. \
            Nothing is stored: use `plus run` for that. Exit code 0: all rows accepted; 1: some rows \
            rejected; 2: the file was rejected whole; 64: wrong usage; 74: the file could not be read.
            """))

    @Argument(help: Help.argument(
        it: "Il file da importare; - legge lo standard input.",
        en: "The file to import; - reads standard input."))
    var file: String

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

    @OptionGroup var options: CommonOptions

    func run() throws {
        let language = options.lang
        do {
            let input = file == "-" ? try StandardInput.copy() : nil
            defer { input?.remove() }
            let url = try input?.url ?? Self.readableFile(file)
            let library = try MappingLibrary.locate(explicit: options.mappings)
            var result: ImportResult
            if let mapping {
                let mappingURL = try library.url(named: mapping)
                if let xmlMapping = try? XMLMapping.load(from: mappingURL) {
                    result = try DeliberationImporter(mapping: xmlMapping).importFile(at: url)
                } else {
                    result = try importCSV(url, mapping: try CSVMapping.load(from: mappingURL), language: language)
                }
            } else {
                // The recognition of `plus run`, so that both commands give the file one verdict.
                let fileImport = try FileImport(library: library)
                let recognition = try fileImport.recognise(url)
                if case .csv(let csvMapping) = recognition {
                    result = try importCSV(url, mapping: csvMapping, language: language)
                } else {
                    switch try fileImport.run(url, as: recognition) {
                    case .imported(let imported, _): result = imported
                    case .unrecognised(let reason): Self.reportUnrecognised(file: file, reason: reason, format: options.format, language: language)
                    }
                }
            }
            switch options.format {
            case .text: print(ImportSummaryText.render(result, language: language))
            case .json: print(try JSONOutput.encode(result))
            }
            if result.status == .rejected { throw ExitCodes.fileRejected }
            if result.rowsRejected > 0 || result.diagnostics.containsErrors { throw ExitCodes.dataErrors }
        } catch let error as PipelineError {
            Self.fail(error.message[language])
        } catch let error as MappingError {
            Self.fail("\(error.file): \(error.message[language])")
        } catch let error as SafeFileError {
            // A FIFO, a device, a symlink or an unreadable file: refused at once, never read.
            FileHandle.standardError.write(Data(("plus: " + error.message[language] + "\n").utf8))
            throw ExitCodes.fileRejected
        } catch let error as StandardInput.TooLarge {
            CLI.fail(error.message[language], code: ExitCodes.ioError)
        } catch CSVReadError.io(let reason) {
            CLI.fail(LocalizedText(it: "impossibile leggere «\(file)»: \(reason)", en: "cannot read “\(file)”: \(reason)")[language], code: ExitCodes.ioError)
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
        return URL(fileURLWithPath: path)
    }

    /// A file no mapping recognises is rejected whole, as `plus run` rejects it (exit code 2).
    private static func reportUnrecognised(file: String, reason: LocalizedText, format: OutputFormat, language: Language) -> Never {
        switch format {
        case .text:
            print("\(file): \(language == .it ? "RIFIUTATO" : "REJECTED")\n  \(reason[language])")
        case .json:
            struct Unrecognised: Encodable { var file: String; var status = "rejected"; var reason: String }
            print((try? JSONOutput.encode(Unrecognised(file: file, reason: reason[language]))) ?? "{}")
        }
        Foundation.exit(ExitCodes.fileRejected.rawValue)
    }

    /// Streams the sheet and checks every row: nothing is stored, so no record is built and a
    /// large file needs little memory.
    private func importCSV(_ url: URL, mapping: CSVMapping, language: Language) throws -> ImportResult {
        // A workbook's sheet is read through the same mapping and session as a CSV.
        if WorkbookFile.kind(of: url) != nil {
            var importer = WorkbookImporter(mapping: mapping)
            importer.maxRejected = maxRejected
            return try importer.importFile(at: url)
        }
        var importer = CSVImporter(mapping: mapping)
        if let delimiter {
            guard let byte = CSVMapping.delimiter(named: delimiter) else {
                throw ValidationError(language == .it ? "separatore non ammesso: \(delimiter)" : "delimiter not allowed: \(delimiter)")
            }
            importer.delimiter = byte
        }
        if let encoding {
            guard let chosen = SourceEncoding(rawValue: encoding.lowercased()) else {
                throw ValidationError(language == .it ? "codifica sconosciuta: \(encoding)" : "unknown encoding: \(encoding)")
            }
            importer.encoding = chosen
        }
        if let maxRejected {
            guard maxRejected >= 0 else {
                throw ValidationError(language == .it ? "--max-rejected vuole un numero da 0 in su" : "--max-rejected takes a number from 0 up")
            }
            importer.maxRejected = maxRejected
        }
        // The importer lists at most the rejection limit's rows, so memory stays flat however large
        // and broken the file; the result counts every row.
        var rejected: [RejectedRow] = []
        let keep = { (row: RejectedRow) in rejected.append(row) }
        // Standard input's copy is named as the user wrote it, not by its temporary path.
        let displayName = file == "-" ? "stdin" : nil
        var result = try importer.checkFile(at: url, displayName: displayName, onRejected: keep)
        result.rejectedRows = rejected
        return result
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
        Foundation.exit(ExitCodes.usage.rawValue)
    }
}
