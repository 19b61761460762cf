import Foundation
import Testing
@testable import PlusPipeline

/// The conventions every subcommand keeps (README, Commands): `--format text|json` is the output,
/// `--dataset-format` the datasets, JSON documents carry `schemaVersion` and ISO 8601 times,
/// `-` is standard input.
@Suite("Command-line conventions")
struct ConventionTests {
    /// A store with the Oristano Ambito's 2019, as cron leaves it.
    static func filledStore() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("convenzioni.sqlite").path
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store])
        #expect(run.status == 0, "\(run.output)")
        return (bench, store)
    }

    static func object(_ text: String) throws -> [String: Any] {
        let data = Data(text.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not a JSON object: \(text.prefix(300))")
    }

    /// Runs `plus` with `input` on standard input.
    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = Workbench.repository
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func everyJSONDocumentHasASchemaVersionAndISOTimes() throws {
        let (bench, store) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path, "--store", store])
        let status = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        let validate = try CommandLineTests.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        let export = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--store", store, "--dataset-format", "csv",
                                               "--format", "json", "--out", bench.root.appendingPathComponent("csv").path])
        let importing = try CommandLineTests.run(["import", "SampleData/oristano/comune-cabras-scheda-2019.csv", "--mapping", "comune-scheda", "--format", "json"])
        // The report's data and the regional roll-up have their own encoder, and the same version.
        let region = try CommandLineTests.run(["status", "--region", "--year", "2019", "--store", store, "--format", "json"])
        let report = try CommandLineTests.run(["report", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        let regionReport = try CommandLineTests.run(["report", "--region", "--year", "2019", "--store", store, "--format", "json"])
        for (name, result) in [("run", run), ("status", status), ("validate", validate), ("export", export), ("import", importing),
                               ("status --region", region), ("report", report), ("report --region", regionReport)] {
            let document = try Self.object(result.output)
            #expect(document["schemaVersion"] as? Int == 1, "\(name): \(result.output.prefix(300))")
        }
        // A time is a string with its offset, never seconds since 2001.
        let statusText = status.output
        let isoTime = try Regex(#""\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})""#)
        #expect(statusText.contains(isoTime), "\(statusText.prefix(600))")
        let secondsSince2001 = try Regex(#":\s*[67]\d{8}(\.\d+)?[,\n}]"#)
        #expect(!statusText.contains(secondsSince2001), "\(statusText.prefix(600))")
        let items = try #require(try Self.object(statusText)["items"] as? [[String: Any]])
        #expect(items.first?["ambito"] as? String == "OR")
        #expect(try Self.object(export.output)["files"] as? [String] != nil)
    }

    @Test func textTimesAreItalianTimeUnlessUTCIsAsked() throws {
        let (bench, store) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        // Whatever the server's own zone: Europe/Rome is +01:00 in winter, +02:00 in summer.
        let italian = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(italian.output.contains(try Regex(#"T\d{2}:\d{2}:\d{2}\+0[12]:00"#)), "\(italian.output.prefix(400))")
        let utc = try CommandLineTests.run(["status", "--ambito", "OR", "--year", "2019", "--store", store, "--utc"])
        #expect(utc.output.contains(try Regex(#"T\d{2}:\d{2}:\d{2}\+00:00"#)), "\(utc.output.prefix(400))")
        #expect(!utc.output.contains(try Regex(#"T\d{2}:\d{2}:\d{2}\+0[12]:00"#)))
    }

    @Test func datasetFormatIsTheDatasetsAndTheOldSpellingStillWorksWithAWarning() throws {
        let (bench, store) = try Self.filledStore()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        let new = bench.root.appendingPathComponent("nuovo")
        let current = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--store", store, "--dataset-format", "csv-it", "--out", new.path])
        #expect(current.status == 0, "\(current.output)")
        #expect(FileManager.default.fileExists(atPath: new.appendingPathComponent("ambiti.csv").path))
        #expect(!current.output.contains("--dataset-format"))

        let old = bench.root.appendingPathComponent("vecchio")
        let deprecated = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "csv-it", "--out", old.path, "--lang", "en"])
        #expect(deprecated.status == 0, "\(deprecated.output)")
        #expect(try Data(contentsOf: old.appendingPathComponent("ambiti.csv")) == Data(contentsOf: new.appendingPathComponent("ambiti.csv")))
        #expect(deprecated.output.contains("--format is deprecated") && deprecated.output.contains("--dataset-format"))

        // `--format json` alone keeps its old meaning for this version: JSON datasets.
        let json = bench.root.appendingPathComponent("json")
        let oldJSON = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json", "--out", json.path])
        #expect(oldJSON.status == 0, "\(oldJSON.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: json.path).contains { $0.hasSuffix(".json") && $0 != "manifest.json" })

        let both = try CommandLineTests.run(["export", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "csv", "--dataset-format", "csv", "--out", old.path])
        #expect(both.status == 64, "\(both.output)")

        // run: --dataset-format, and --export-format as the deprecated spelling.
        try bench.drop("oristano/comune-cabras-scheda-2019.csv", as: "comune-cabras-scheda-2019-bis.csv")
        let runOut = bench.root.appendingPathComponent("run-out")
        let run = try CommandLineTests.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--out", runOut.path, "--store", store,
                                            "--export-format", "jsonl", "--lang", "en"])
        #expect(run.output.contains("--export-format is deprecated"), "\(run.output)")
        let help = try CommandLineTests.run(["help", "run"])
        #expect(help.output.contains("--dataset-format"))
        // --lang is accepted by help as by every command.
        let english = try CommandLineTests.run(["help", "export", "--lang", "en"])
        #expect(english.status == 0 && english.output.contains("--dataset-format"), "\(english.output.prefix(300))")
    }

    @Test func helpIsItalianByDefaultAndWhollyEnglishWithLangEn() throws {
        let italian = try CommandLineTests.run(["help", "run"])
        #expect(italian.output.contains("Importa i file nuovi della cartella di arrivo"), "\(italian.output.prefix(400))")
        #expect(italian.output.contains("La cartella di arrivo."))
        for english in [try CommandLineTests.run(["help", "run", "--lang", "en"]), try CommandLineTests.run(["run", "--help", "--lang", "en"])] {
            #expect(english.output.contains("Imports the new files in the inbox folder"), "\(english.output.prefix(400))")
            #expect(english.output.contains("The inbox folder."))
            #expect(!english.output.contains("Importa i file nuovi"))
            #expect(!english.output.contains("La cartella di arrivo."))
        }
        // Every subcommand: no line of the Italian overview (abstract and discussion) is in the
        // English help, and the options are explained differently.
        for command in ["import", "run", "validate", "status", "report", "export", "close", "demo"] {
            let italian = try CommandLineTests.run(["help", command]).output
            let english = try CommandLineTests.run(["help", command, "--lang", "en"]).output
            let overview = try #require(italian.components(separatedBy: "USO:").first)
            let lines = overview.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 20 }
            #expect(!lines.isEmpty, "\(command): \(italian.prefix(300))")
            for line in lines {
                #expect(!english.contains(line), "\(command): \(line)")
            }
            #expect(italian.components(separatedBy: "OPZIONI:").last != english.components(separatedBy: "OPTIONS:").last, "\(command)")
        }
    }

    @Test func importDashReadsStandardInput() throws {
        let sheet = Workbench.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv")
        let fromFile = try CommandLineTests.run(["import", sheet.path, "--mapping", "comune-scheda", "--format", "json"])
        let fromPipe = try Self.run(["import", "-", "--mapping", "comune-scheda", "--format", "json"], input: try Data(contentsOf: sheet))
        #expect(fromPipe.status == fromFile.status, "\(fromPipe.output)")
        let piped = try Self.object(fromPipe.output)
        let filed = try Self.object(fromFile.output)
        for key in ["rowsRead", "rowsAccepted", "rowsRejected"] {
            #expect(piped[key] as? Int == filed[key] as? Int, "\(key): \(fromPipe.output.prefix(400))")
        }
        #expect(piped["rowsRead"] as? Int ?? 0 > 0)
        // Nothing is left behind in the temporary folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("plus-stdin-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
