import Foundation
import Testing

/// `plus import` of many files read side by side: the reports, the JSON document, the messages
/// on standard error and the exit code are those of one file after the other, in the order given.
@Suite("plus import of many files on several workers")
struct ImportManyFilesTests {
    /// A large sheet first, so that with several workers the files after it are read before it
    /// is; then files accepted, with rejected rows, rejected whole, not recognised, missing and a folder.
    static func files() throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-many-\(UUID().uuidString)")
        let large = try ImportVerdictCommandLineTests.write(
            ImportVerdictCommandLineTests.sheet(good: 20_000, bad: 3), named: "comune-cabras-scheda-2019.csv",
            in: folder.appendingPathComponent("large"))
        let gutted = try ImportVerdictCommandLineTests.write(
            ImportVerdictCommandLineTests.sheet(good: 0, bad: 3), named: "comune-milis-scheda-2019.csv", in: folder)
        let stranger = try ImportVerdictCommandLineTests.write("colore;peso\nrosso;3\n", named: "lista-della-spesa.csv", in: folder)
        var files = [
            large.path,
            "SampleData/errati/comune-cabras-scheda-2019-errata.csv",
            gutted.path,
            stranger.path,
            folder.appendingPathComponent("non-esiste.csv").path,
            "SampleData/deliberazioni/dgr-2019.xml",
            folder.path,
        ]
        let oristano = Workbench.repository.appendingPathComponent("SampleData/oristano")
        files += try FileManager.default.contentsOfDirectory(atPath: oristano.path).sorted().map { "SampleData/oristano/" + $0 }
        return files
    }

    @Test(arguments: [["--format", "text"], ["--format", "json"], ["--lang", "en"]])
    func severalWorkersSayWhatOneWorkerSaysInTheSameOrder(options: [String]) throws {
        let files = try Self.files()
        let arguments = ["import"] + files + options
        let one = try CommandLineTests.run(arguments, environment: ["PLUS_IMPORT_WORKERS": "1"])
        let four = try CommandLineTests.run(arguments, environment: ["PLUS_IMPORT_WORKERS": "4"])
        #expect(one.status == 74, "the folder is the worst: \(one.output)")
        #expect(four.status == one.status)
        #expect(four.output == one.output)
        // Every file read is named in the order given (one worker reads them in that order anyway);
        // the two not read are only on standard error, unbuffered, so ahead of the reports.
        var cursor = four.output.startIndex
        for file in files where !file.hasPrefix("/") || file.hasSuffix(".csv") && !file.hasSuffix("non-esiste.csv") {
            let name = URL(fileURLWithPath: file).lastPathComponent
            let found = try #require(four.output.range(of: name, range: cursor..<four.output.endIndex), "\(name) out of order")
            cursor = found.upperBound
        }
    }

    /// A value for each option of `plus import` that takes one, valid with the sheets below.
    static func values(store: String) -> [String: String] {
        [
            "--mapping": "comune-scheda", "--delimiter": ";", "--encoding": "windows-1252", "--max-rejected": "3",
            "--store": store, "--ambito": "OR", "--lang": "en", "--format": "json", "--mappings": "Mappings",
        ]
    }

    /// The options `plus import` declares that take a value, as its own description lists them.
    static func declaredValueOptions() throws -> Set<String> {
        let dump = try CommandLineTests.run(["import", "--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        var options = Set<String>()
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                let kind = name["kind"] as? String, text = name["name"] as? String ?? ""
                options.insert((kind == "long" ? "--" : "-") + text)
            }
        }
        return options
    }

    /// Past 64 words, the files after the first are taken out of the line before ArgumentParser
    /// parses it (its time grows with the square of a repeated argument's values) and put back:
    /// each option that takes a value, written before, among and after the files, in both its
    /// forms, reads as the parser alone reads it, where a `--` at the end keeps the line whole.
    /// An option added to `plus import` without its value here fails, as would one the command
    /// line's split did not know takes a value (its value would be read as a file).
    @Test func manyFilesAmongOptionsReadAsTheParserAloneReadsThem() throws {
        let store = try ImportVerdictCommandLineTests.referenceStore().store
        let sheets = try FileManager.default.contentsOfDirectory(atPath: Workbench.repository.appendingPathComponent("SampleData/oristano").path)
            .filter { $0.hasPrefix("comune-") }.sorted().map { "SampleData/oristano/" + $0 }
        var files: [String] = []
        while files.count < 70 { files += sheets }
        let values = Self.values(store: store)
        let declared = try Self.declaredValueOptions()
        #expect(declared.isSubset(of: Set(values.keys)), "options without a value in this test: \(declared.subtracting(values.keys).sorted())")
        #expect(declared.count >= 9)
        for option in declared.sorted() {
            let value = try #require(values[option])
            // --ambito needs --store; the others are read alone.
            let needed = option == "--ambito" ? ["--store", store] : []
            for (at, spelling) in [(0, [option, value]), (1, [option, value]), (35, [option + "=" + value]), (files.count, [option, value])] {
                var line = ["import"] + files
                line.insert(contentsOf: spelling + needed + ["--utc"], at: 1 + at)
                let lifted = try CommandLineTests.run(line)
                let whole = try CommandLineTests.run(line + ["--"])
                #expect(lifted.status == whole.status, "\(option) at \(at)")
                #expect(lifted.output == whole.output, "\(option) at \(at): \(lifted.output.prefix(300))")
                #expect(lifted.output.components(separatedBy: "comune-").count > files.count, "\(option) at \(at): every sheet reported")
            }
        }
    }
}
