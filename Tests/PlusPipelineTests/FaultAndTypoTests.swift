import Foundation
import Testing
@testable import PlusStore
@testable import PlusPipeline

/// The binary under faults (a full or read-only disk, a path that is a file, a damaged store)
/// and typos (a store, Ambito, year or mappings folder that does not exist): each ends with its
/// documented exit code and a message that names the path, never a raw error dump.
@Suite("plus under faults and typos", .serialized)
struct FaultAndTypoTests {
    /// Runs the binary with extra environment variables.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try CommandLineTests.run(arguments, environment: environment.mapValues { $0 })
    }

    /// What a raw Foundation or decoder error looks like: never shown to the user.
    static func hasNoDump(_ output: String) -> Bool {
        !["Code=", "Error Domain", "NSError", "DecodingError", "codingPath", "typeMismatch", "Error: "].contains { output.contains($0) }
    }

    /// A bench with the Oristano year run into `store`.
    static func storedBench() throws -> (bench: Workbench, store: String) {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("cli.sqlite").path
        let result = try run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"])
        #expect(result.status == 0)
        return (bench, store)
    }

    // MARK: - Typos

    @Test func usageErrorsKeepTheirOwnMessageAndCode() throws {
        let missing = try Self.run(["import"])
        #expect(missing.status == 64)
        #expect(missing.output.contains("manca l'argomento richiesto '<files> ...'"), "\(missing.output)")
        let language = try Self.run(["status", "--lang", "xx"])
        #expect(language.status == 64)
        #expect(language.output.contains("'xx' non è valido per '--lang <lang>'"), "\(language.output)")
        #expect(try Self.run(["help", "status"]).output.contains("--check"))
    }

    @Test func readOnlyCommandsNeverCreateAStore() throws {
        let bench = try Workbench()
        let typo = bench.root.appendingPathComponent("plsu.sqlite").path
        for arguments in [
            ["status"], ["validate", "--ambito", "OR", "--year", "2019"], ["close", "--ambito", "OR", "--year", "2019"],
            ["export", "--ambito", "OR", "--year", "2019", "--out", bench.out.path],
        ] {
            let result = try Self.run(arguments + ["--store", typo, "--lang", "en"])
            #expect(result.status == 64, "\(arguments[0])")
            #expect(result.output.contains("store not found: \(typo)"), "\(arguments[0]): \(result.output)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(arguments[0]) created the store")
        }
        let italian = try Self.run(["status", "--store", typo])
        #expect(italian.output.contains("archivio non trovato"))
    }

    @Test func anUnknownAmbitoOrYearIsATypoNotAnEmptyAnswer() throws {
        let (_, store) = try Self.storedBench()
        let cases: [[String]] = [
            ["close", "--ambito", "XX", "--year", "2019"], ["close", "--ambito", "OR", "--year", "1999"],
            ["status", "--ambito", "XX"], ["status", "--year", "1999"],
            ["validate", "--ambito", "XX", "--year", "2019"], ["validate", "--ambito", "OR", "--year", "1999"],
            ["export", "--ambito", "XX", "--year", "2019", "--out", "/tmp/plus-never-written"],
            ["export", "--region", "--year", "1999", "--out", "/tmp/plus-never-written"],
        ]
        for arguments in cases {
            let result = try Self.run(arguments + ["--store", store, "--lang", "en"])
            #expect(result.status == 64, "\(arguments)")
            if arguments.contains("XX") {
                #expect(result.output.contains("unknown Ambito 'XX'") && result.output.contains("known Ambiti:") && result.output.contains("OR"), "\(result.output)")
            } else {
                #expect(result.output.contains("no data for year 1999") && result.output.contains("2019"), "\(result.output)")
            }
        }
        // Closing an Ambito-year that does not exist made none up.
        let status = try Self.run(["status", "--store", store, "--format", "json"])
        #expect(!status.output.contains("XX") && !status.output.contains("1999"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/plus-never-written"))
    }

    @Test func aChosenMappingsFolderThatDoesNotExistIsNamed() throws {
        let sheet = "SampleData/oristano/comune-cabras-scheda-2019.csv"
        let option = try Self.run(["import", sheet, "--mapping", "comune-scheda", "--mappings", "/nonexistent", "--lang", "en"])
        #expect(option.status == 64)
        #expect(option.output.contains("--mappings") && option.output.contains("/nonexistent"))
        let environment = try Self.run(["import", sheet, "--mapping", "comune-scheda", "--lang", "en"], environment: ["PLUS_MAPPINGS": "/nowhere/mappature"])
        #expect(environment.status == 64)
        #expect(environment.output.contains("PLUS_MAPPINGS") && environment.output.contains("/nowhere/mappature"))
    }

    @Test func aMappingMistakeIsNamedByLineAndField() throws {
        let bench = try Workbench()
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        // The shipped mappings, rules included, plus one with a value of the wrong kind.
        let mappings = bench.root.appendingPathComponent("mappature")
        try FileManager.default.copyItem(at: bench.library.directory, to: mappings)
        try Data("name: rotta\nversion: 1\ntarget: dichiarazione\nfields:\n  ente_istat: { headers: [\"Codice ISTAT\"], required: forse }\n".utf8)
            .write(to: mappings.appendingPathComponent("rotta.yaml"))
        let store = bench.root.appendingPathComponent("rotta.sqlite").path
        let result = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--mappings", mappings.path, "--lang", "en"])
        #expect(result.status == 64)
        #expect(result.output.contains("rotta.yaml"))
        #expect(result.output.contains("line 5, field 'fields.ente_istat.required': expected true or false, found 'forse'"), "\(result.output)")
        #expect(Self.hasNoDump(result.output), "\(result.output)")
        let italian = try Self.run(["import", bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv").path, "--mapping", "rotta", "--mappings", mappings.path])
        #expect(italian.status == 64)
        #expect(italian.output.contains("riga 5, campo «fields.ente_istat.required»: atteso true o false, trovato «forse»"), "\(italian.output)")
    }

    @Test func aRuleSetMistakeIsNamedByLine() throws {
        let (bench, store) = try Self.storedBench()
        let rules = bench.root.appendingPathComponent("regole.yaml")
        try Data("name: regole\nversion: 1\nparameters: [1, 2\n".utf8).write(to: rules)
        let result = try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", rules.path, "--lang", "en"])
        #expect(result.status == 64)
        #expect(result.output.contains("regole.yaml: Invalid YAML: line 4: invalid YAML syntax"), "\(result.output)")
        #expect(Self.hasNoDump(result.output) && !result.output.contains("The given data"), "\(result.output)")
        let missing = try Self.run(["validate", "--ambito", "OR", "--year", "2019", "--store", store, "--rules", "/nowhere/regole.yaml", "--lang", "en"])
        #expect(missing.status == 64)
        #expect(missing.output.contains("rule set not found: /nowhere/regole.yaml"), "\(missing.output)")
    }

    // MARK: - Faults

    @Test func anOutputPathThatIsAFileIsAnOutputFault() throws {
        let (bench, store) = try Self.storedBench()
        let file = bench.root.appendingPathComponent("out.csv")
        try Data("già qui\n".utf8).write(to: file)
        let export = try Self.run(["export", "--ambito", "OR", "--year", "2019", "--format", "csv", "--out", file.path, "--store", store, "--lang", "en"])
        #expect(export.status == 70)
        #expect(export.output.contains(file.path), "\(export.output)")
        #expect(Self.hasNoDump(export.output), "\(export.output)")
        // A path under a file: ENOTDIR, whoever runs it (root included).
        let under = file.appendingPathComponent("OR").path
        let italian = try Self.run(["export", "--ambito", "OR", "--year", "2019", "--format", "csv", "--out", under, "--store", store])
        #expect(italian.status == 70)
        #expect(italian.output.contains("impossibile scrivere") && italian.output.contains(file.path), "\(italian.output)")
        #expect(Self.hasNoDump(italian.output), "\(italian.output)")
        try bench.drop("deliberazioni/dgr-2018.xml")
        let run = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", under, "--lang", "en"])
        #expect(run.status == 70)
        #expect(run.output.contains("cannot write") && run.output.contains(file.path), "\(run.output)")
        #expect(Self.hasNoDump(run.output), "\(run.output)")
    }

    @Test func aStorePathThatCannotBeAStoreIsAStoreFault() throws {
        let bench = try Workbench()
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        let folder = bench.root.appendingPathComponent("cartella.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let directory = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", folder.path, "--out", bench.out.path, "--lang", "en"])
        #expect(directory.status == 70)
        #expect(directory.output.contains(folder.path) && directory.output.contains("is a folder, not a file"), "\(directory.output)")
        let file = bench.root.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let under = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", file.appendingPathComponent("plus.sqlite").path, "--out", bench.out.path])
        #expect(under.status == 70)
        #expect(under.output.contains(file.path) && under.output.contains("è un file, non una cartella"), "\(under.output)")
        #expect(Self.hasNoDump(directory.output + under.output))
        // Nothing was taken from the inbox.
        #expect(try bench.files(in: ".").contains("comune-cabras-scheda-2019.csv"))
    }

    @Test func anInputThatCannotBeReadIsAnInputFault() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-folder-\(UUID().uuidString).csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try Self.run(["import", folder.path, "--mapping", "comune-scheda", "--lang", "en"])
        #expect(result.status == 74)
        #expect(result.output.contains(folder.path) && result.output.contains("folder, not a file"), "\(result.output)")
        #expect(Self.hasNoDump(result.output))
    }

    // MARK: - Full and read-only disks (a small tmpfs; root may mount one, else these are skipped)

    /// A tmpfs of `size` mounted at a new folder, or `nil` where mounting is not permitted.
    static func mount(size: String, readOnly: Bool = false) -> URL? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-tmpfs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let options = "size=\(size)" + (readOnly ? ",ro" : "")
        return shell(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder.path]) ? folder : nil
    }

    static func unmount(_ folder: URL) {
        _ = shell(["umount", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    static func shell(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let canMount: Bool = {
        guard let folder = mount(size: "64k") else { return false }
        unmount(folder)
        return true
    }()

    @Test(.enabled(if: canMount, "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)"))
    func aFullDiskIsAStoreOrOutputFault() throws {
        let disk = try #require(Self.mount(size: "256k"))
        defer { Self.unmount(disk) }
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = disk.appendingPathComponent("plus.sqlite").path
        let result = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--lang", "en"])
        #expect(result.status == 70)
        #expect(result.output.contains("full") && result.output.contains(store), "\(result.output)")
        #expect(Self.hasNoDump(result.output), "\(result.output)")

        let (stored, goodStore) = try Self.storedBench()
        let out = disk.appendingPathComponent("export")
        let export = try Self.run(["export", "--region", "--year", "2019", "--format", "json", "--out", out.path, "--store", goodStore])
        #expect(export.status == 70)
        #expect(export.output.contains("il disco è pieno"), "\(export.output)")
        #expect(Self.hasNoDump(export.output), "\(export.output)")
        _ = stored
    }

    @Test(.enabled(if: canMount, "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)"))
    func aReadOnlyDiskIsAStoreOrOutputFault() throws {
        let (bench, store) = try Self.storedBench()
        let disk = try #require(Self.mount(size: "1m", readOnly: true))
        defer { Self.unmount(disk) }
        let out = disk.appendingPathComponent("out")
        let export = try Self.run(["export", "--ambito", "OR", "--year", "2019", "--format", "csv", "--out", out.path, "--store", store, "--lang", "en"])
        #expect(export.status == 70)
        #expect(export.output.contains("read-only") && export.output.contains("“\(out.path)”"), "\(export.output)")
        #expect(Self.hasNoDump(export.output), "\(export.output)")
        // A store in a read-only folder.
        try bench.drop("deliberazioni/dgr-2018.xml")
        let roStore = disk.appendingPathComponent("plus.sqlite").path
        let run = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", roStore, "--out", bench.out.path])
        #expect(run.status == 70)
        #expect(run.output.contains(roStore) && run.output.contains("sola lettura"), "\(run.output)")
        #expect(Self.hasNoDump(run.output), "\(run.output)")
    }

    // MARK: - Readers while a run creates and writes the store

    @Test func readersDuringARunThatCreatesTheStoreNeverSeeAForeignDatabase() throws {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let store = bench.root.appendingPathComponent("nuovo.sqlite").path
        let writer = Process()
        writer.executableURL = try CommandLineTests.binary
        writer.arguments = ["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--export-format", "csv"]
        writer.currentDirectoryURL = Workbench.repository
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        var outcomes: [Int32: Int] = [:]
        var failures: [String] = []
        while writer.isRunning || outcomes.isEmpty {
            let reader = try Self.run(["status", "--store", store, "--lang", "en", "--format", "json"])
            outcomes[reader.status, default: 0] += 1
            // Before the store exists: "store not found" (64); from then on, an answer.
            if reader.status != 0 && !(reader.status == 64 && reader.output.contains("store not found")) {
                failures.append(reader.output)
            }
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(failures.isEmpty, "\(outcomes): \(failures.prefix(2))")
    }

    // MARK: - A damaged store

    /// Overwrites 8 KiB in the middle of the file with bytes that are no SQLite page.
    static func damage(_ path: String) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
    }

    @Test func aDamagedStoreIsNeitherReadNorWritten() throws {
        let (bench, store) = try Self.storedBench()
        // Everything checkpointed into the main file, which is then damaged.
        #expect(Self.shell(["sqlite3", store, "PRAGMA wal_checkpoint(TRUNCATE);"]))
        let healthy = try Self.run(["status", "--check", "--store", store, "--lang", "en"])
        #expect(healthy.status == 0)
        #expect(healthy.output.contains("Store integrity check: no damage."))
        try Self.damage(store)
        for arguments in [
            ["validate", "--ambito", "OR", "--year", "2019"], ["export", "--ambito", "OR", "--year", "2019", "--out", bench.root.appendingPathComponent("x").path],
            ["status", "--check"],
        ] {
            let result = try Self.run(arguments + ["--store", store, "--lang", "en"])
            #expect(result.status == 70, "\(arguments[0]): \(result.output)")
            #expect(result.output.contains("is damaged") && result.output.contains(store), "\(arguments[0]): \(result.output)")
        }
        try bench.drop("deliberazioni/dgr-2018.xml")
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let run = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        #expect(run.status == 70)
        #expect(run.output.contains("è danneggiato"), "\(run.output)")
        #expect(try bench.files(in: ".").contains("dgr-2018.xml"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }
}
