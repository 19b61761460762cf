import ArgumentParser
import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import PlusXML

/// `plus import FILE --mapping NAME`: reads one file and reports what it made of it.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Legge un file (CSV di un Comune o delibera XML) con una mappatura e ne riporta l'esito.",
        discussion: """
            Prints a summary (rows read, accepted, rejected, encoding, delimiter) and every diagnostic. \
            Nothing is stored: use `plus run` for that. Exit code 0: all rows accepted; 1: some rows \
            rejected; 2: the file was rejected whole; 64: wrong usage.
            """)

    @Argument(help: "The file to import.")
    var file: String

    @Option(name: .long, help: "The mapping's name (a file NAME.yaml in the mappings folder).")
    var mapping: String

    @Option(name: .long, help: "Force the delimiter: ';', ',' or 'tab' (default: the mapping's, else detected).")
    var delimiter: String?

    @Option(name: .long, help: "Force the encoding: utf-8, windows-1252, iso-8859-1, utf-16le, utf-16be.")
    var encoding: String?

    @Option(name: .long, help: "Rejected rows a file may have before it is rejected whole (default: the mapping's max_rejected, else 1000).")
    var maxRejected: Int?

    @Flag(name: .long, help: ArgumentHelp(
        "Build every record, as `plus run` does, and drop it (for benchmarks; the report is the same).",
        visibility: .hidden))
    var buildRecords = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        let language = options.lang
        do {
            guard FileManager.default.fileExists(atPath: file) else { throw PipelineError.fileNotFound(file) }
            let library = try MappingLibrary.locate(explicit: options.mappings)
            let mappingURL = try library.url(named: mapping)
            var result: ImportResult
            if let xmlMapping = try? XMLMapping.load(from: mappingURL) {
                result = try DeliberationImporter(mapping: xmlMapping).importFile(at: URL(fileURLWithPath: file))
            } else {
                result = try importCSV(mapping: try CSVMapping.load(from: mappingURL), language: language)
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
        }
    }

    /// Streams the sheet and checks every row: nothing is stored, so no record is built and a
    /// large file needs little memory.
    private func importCSV(mapping: CSVMapping, language: Language) throws -> ImportResult {
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
        let url = URL(fileURLWithPath: file)
        var result = buildRecords
            ? try importer.importFile(at: url, displayName: nil, onRecord: { _ in }, onRejected: keep)
            : try importer.checkFile(at: url, displayName: nil, onRejected: keep)
        result.rejectedRows = rejected
        return result
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("plus: " + message + "\n").utf8))
        Foundation.exit(ExitCodes.usage.rawValue)
    }
}
