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
}
