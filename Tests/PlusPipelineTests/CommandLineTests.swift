import Foundation
import GRDB
import Testing
@testable import PlusPipeline
@testable import PlusStore

/// The `plus` executable itself, as cron and the officers run it.
@Suite("The plus command line")
struct CommandLineTests {
    static var binary: URL {
        get throws {
            var folder = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = folder.appendingPathComponent("plus")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "plus executable next to \(Bundle.main.bundleURL.path)"])
        }
    }

    /// Runs `executable` (the `plus` under test unless given) in `folder`, its output and errors
    /// together; `environment` adds variables to this process's, and a `nil` value removes one.
    static func run(
        _ arguments: [String], in folder: URL = Workbench.repository, executable: URL? = nil,
        environment: [String: String?] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The version's whole text (rule sets, mappings folder) is made only when `--version` is
    /// given, wherever it stands; help still offers the flag.
    @Test func theVersionIsWholeWhenAskedForAndOfferedInHelp() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.hasPrefix("plus "))
        #expect(version.output.contains("rule sets: "))
        #expect(version.output.contains("mappings: "))
        #expect(try Self.run(["import", "--version"]).output == version.output)
        #expect(try Self.run(["--help", "--lang", "en"]).output.contains("--version"))
    }

    @Test func aSecondRunWaitsForNobodyAndSaysSo() throws {
        let bench = try Workbench()
        let store = bench.root.appendingPathComponent("locked.sqlite").path
        let lock = try #require(try RunLock.acquire(at: store + ".lock"))
        defer { lock.release() }
        let result = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--lang", "en"])
        #expect(result.status == 3)
        #expect(result.output.contains("another run is in progress"))
    }

    /// A store of an older release is brought to the current schema on the first opening, which
    /// on a large store takes minutes: the person sees why the job is slow, and for how long.
    @Test func anOlderStoreIsUpdatedAndSaysSoOnce() throws {
        let bench = try Workbench()
        let store = bench.root.appendingPathComponent("v11.sqlite").path
        try SQLiteStore.createReleased(at: store, upTo: "v11")
        let newest = try #require(Schema.versions.last)
        let arguments = ["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store]
        let first = try Self.run(arguments + ["--lang", "en"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("plus: updating store \(store) from schema v11 to schema \(newest): on a large store"))
        #expect(first.output.contains("if interrupted, it resumes on the next opening"))
        #expect(first.output.contains("plus: store \(store) updated to schema \(newest) in "))
        // Opened again, the store is current: nothing to say.
        let again = try Self.run(arguments)
        #expect(again.status == 0, "\(again.output)")
        #expect(!again.output.contains("aggiornamento dell'archivio"))
        #expect(!again.output.contains("aggiornato allo schema"))

        let italian = bench.root.appendingPathComponent("v1.sqlite").path
        try SQLiteStore.createReleased(at: italian, upTo: "v1")
        let older = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", italian])
        #expect(older.status == 0, "\(older.output)")
        #expect(older.output.contains("plus: aggiornamento dell'archivio \(italian) dallo schema v1 allo schema \(newest): su un archivio grande"))
        #expect(older.output.contains("plus: archivio \(italian) aggiornato allo schema \(newest) in "))
        #expect(try SQLiteStore(path: italian).appliedSchemaVersions() == Schema.versions)
    }

    /// A run killed after a large file's commit leaves the store's indexes to build again; the
    /// next command builds them first, and says so, since on a large store that takes a while.
    @Test func indexesLeftToBuildAreBuiltAtTheNextOpeningAndSaidSo() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let run = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store])
        #expect(run.status == 0, "\(run.output)")
        let indexes = try SQLiteStore(path: store).indexDefinitions()
        /// The store as a kill between a large file's commit and its indexes' build leaves it.
        func leaveIndexesToBuild() throws {
            let queue = try DatabaseQueue(path: store)
            try queue.write { db in
                var deferred = try DeferredIndexes(in: db)
                try deferred.rowsWritten(Int.max, in: db)
            }
            try queue.close()
        }
        try leaveIndexesToBuild()
        #expect(SQLiteStore.pendingIndexes(at: store) == ["declarations_by_ente_year", "records_by_kind_year_ente"])

        let english = try Self.run(["status", "--store", store, "--lang", "en"])
        #expect(english.status == 0, "\(english.output)")
        #expect(english.output.contains("plus: store \(store) has indexes to build again, left by a run interrupted after storing a large file "
            + "(declarations_by_ente_year, records_by_kind_year_ente): building them"), "\(english.output)")
        #expect(english.output.contains("plus: indexes of store \(store) built again in "))
        #expect(SQLiteStore.pendingIndexes(at: store).isEmpty)
        #expect(try SQLiteStore(path: store).indexDefinitions() == indexes)
        // Built: nothing to say the next time.
        let again = try Self.run(["status", "--store", store])
        #expect(again.status == 0)
        #expect(!again.output.contains("indici"), "\(again.output)")

        // In Italian, by default.
        try leaveIndexesToBuild()
        let italian = try Self.run(["status", "--store", store])
        #expect(italian.output.contains("plus: l'archivio \(store) ha indici da ricostruire, lasciati da un'esecuzione interrotta"), "\(italian.output)")
        #expect(italian.output.contains("plus: indici dell'archivio \(store) ricostruiti in "))
    }

    @Test func aBrokenMappingStopsTheRunAndIsNamed() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        // The shipped mappings, rules included, plus one whose fields are not a map.
        let mappings = bench.root.appendingPathComponent("mappature")
        try FileManager.default.copyItem(at: bench.library.directory, to: mappings)
        try Data("name: rotta\nversion: 1\ntarget: dichiarazione\nfields: [ente_istat]\n".utf8)
            .write(to: mappings.appendingPathComponent("rotta.yaml"))
        let store = bench.root.appendingPathComponent("broken.sqlite").path
        let result = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--mappings", mappings.path, "--lang", "en"])
        #expect(result.status == 64)
        #expect(result.output.contains("cannot read mapping rotta.yaml"))
        // Nothing was filed: the inbox is as it was.
        #expect(try FileManager.default.contentsOfDirectory(atPath: bench.inbox.path).contains("comune-cabras-scheda-2019.csv"))
        let italian = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--mappings", mappings.path])
        #expect(italian.output.contains("la mappatura rotta.yaml non si legge"))
    }

    @Test func importReportsAndExitCodes() throws {
        let good = try Self.run(["import", "SampleData/oristano/comune-cabras-scheda-2019.csv", "--mapping", "comune-scheda"])
        #expect(good.status == 0)
        #expect(good.output.contains("righe lette 5, accettate 5, scartate 0"))
        let broken = try Self.run(["import", "SampleData/errati/comune-cabras-scheda-2019-errata.csv", "--mapping", "comune-scheda", "--lang", "en"])
        #expect(broken.status == 1)
        #expect(broken.output.contains("rows read 6, accepted 4, rejected 2"))
        let json = try Self.run(["import", "SampleData/deliberazioni/dgr-2019.xml", "--mapping", "deliberazione-akn", "--format", "json"])
        #expect(json.status == 0)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(decoded?["rowsRead"] as? Int == 25)
        let unknown = try Self.run(["import", "SampleData/oristano/comune-cabras-scheda-2019.csv", "--mapping", "nessuna"])
        #expect(unknown.status == 64)
        #expect(unknown.output.contains("mappatura «nessuna» sconosciuta"))
    }

    /// A good sheet, one with bad rows, a folder (unreadable), a file no mapping recognises and
    /// a deliberation, in one process: each gets its verdict, in order, and the exit code is the worst.
    @Test func severalFilesInOneProcessEachGetTheirVerdict() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-several-\(UUID().uuidString)")
        let unreadable = folder.appendingPathComponent("cartella.csv")
        try FileManager.default.createDirectory(at: unreadable, withIntermediateDirectories: true)
        let stranger = folder.appendingPathComponent("sconosciuto.csv")
        try Data("colonna;altra\n1;2\n".utf8).write(to: stranger)
        let good = "SampleData/oristano/comune-cabras-scheda-2019.csv"
        let broken = "SampleData/errati/comune-cabras-scheda-2019-errata.csv"
        let act = "SampleData/deliberazioni/dgr-2019.xml"
        let files = [good, broken, unreadable.path, stranger.path, act]

        let text = try Self.run(["import"] + files + ["--lang", "en"])
        #expect(text.status == 74, "\(text.output)")
        let goodLine = try #require(text.output.range(of: "comune-cabras-scheda-2019.csv: accepted"))
        let brokenLine = try #require(text.output.range(of: "rows read 6, accepted 4, rejected 2"))
        let strangerLine = try #require(text.output.range(of: "sconosciuto.csv: REJECTED"))
        let actLine = try #require(text.output.range(of: "rows read 25, accepted 25, rejected 0"))
        #expect(goodLine.lowerBound < brokenLine.lowerBound && strangerLine.lowerBound < actLine.lowerBound)
        #expect(text.output.contains(unreadable.path) && text.output.contains("folder, not a file"), "\(text.output)")

        let json = try Self.run(["import"] + files + ["--format", "json"])
        #expect(json.status == 74)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("{") }.joined(separator: "\n").utf8)) as? [String: Any])
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.map { $0["status"] as? String } == ["accepted", "accepted", "unread", "rejected", "accepted"])
        #expect(items.map { $0["rowsRejected"] as? Int } == [0, 2, nil, nil, 0])
        #expect(items[2]["exitCode"] as? Int == 74 && items[2]["file"] as? String == unreadable.path)
        #expect(document["schemaVersion"] as? Int == 1)

        // Without the unreadable folder, the file rejected whole is the worst; without it, the rejected rows.
        #expect(try Self.run(["import", good, broken, stranger.path]).status == 2)
        #expect(try Self.run(["import", good, broken, act]).status == 1)
        #expect(try Self.run(["import", good, act]).status == 0)
    }

    @Test(arguments: [
        ("riferimento/ambiti-sardegna.csv", "ambiti-membri", 377), ("riferimento/enti-sardegna.csv", "enti-ambiti", 25),
        ("deliberazioni/dgr-2017.xml", "deliberazione-akn", 25), ("deliberazioni/ripartizione-2019-semplice.xml", "ripartizione-semplice", 25),
    ])
    func referenceAndRegionalFilesImport(file: String, mapping: String, rows: Int) throws {
        let result = try Self.run(["import", "SampleData/\(file)", "--mapping", mapping, "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.output.contains("rows read \(rows), accepted \(rows), rejected 0"))
    }

    @Test func mappingsAreFoundBesideTheExecutableFromAnyFolder() throws {
        let elsewhere = FileManager.default.temporaryDirectory
        let sheet = Workbench.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv").path
        let result = try Self.run(["import", sheet, "--mapping", "comune-scheda"], in: elsewhere)
        #expect(result.status == 0)
        #expect(result.output.contains("accettato (comune-scheda v1)"))
    }

    @Test func validateStatusAndExportOverAStore() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("cli.sqlite").path
        let run = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"])
        #expect(run.status == 0)
        #expect(run.output.contains("\"exitCode\":0"))
        let validate = try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--format", "json"])
        #expect(validate.status == 0)
        let status = try Self.run(["status", "--ambito", "OR", "--year", "2019", "--store", store])
        #expect(status.output.contains("26/26 enti hanno inviato; in regola"))
        let region = bench.root.appendingPathComponent("regione")
        let export = try Self.run(["export", "--region", "--year", "2019", "--format", "xml", "--out", region.path, "--store", store])
        #expect(export.status == 0)
        #expect(FileManager.default.fileExists(atPath: region.appendingPathComponent("plus-export.xml").path))
        let missing = try Self.run(["validate", "--ambito", "XX", "--year", "2019", "--store", store])
        #expect(missing.status == 64)
    }

    @Test func closingThePlanTurnsAMissingSheetIntoAnError() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        try FileManager.default.removeItem(at: bench.inbox.appendingPathComponent("comune-allai-scheda-2019.csv"))
        let store = bench.root.appendingPathComponent("close.sqlite").path
        _ = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "json"])
        let open = try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(open.status == 0)
        #expect(open.output.contains("R302"))
        #expect(try Self.run(["close", "--ambito", "OR", "--year", "2019", "--store", store]).status == 0)
        let closed = try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--lang", "en"])
        #expect(closed.status == 1)
        #expect(try Self.run(["close", "--ambito", "OR", "--year", "2019", "--reopen", "--store", store]).status == 0)
        #expect(try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store]).status == 0)
    }
}
