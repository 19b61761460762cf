import Foundation
import Testing
import PlusModel
import PlusStore
import PlusValidation
@testable import PlusPipeline
@testable import PlusReport

/// A fresh folder with an inbox, a store and the sample data, for the report's tests.
struct ReportBench {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let inbox: URL
    let out: URL
    let store: SQLiteStore
    let validator: Validator

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plus-report-\(UUID().uuidString)")
        inbox = root.appendingPathComponent("inbox")
        out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        store = try SQLiteStore(path: root.appendingPathComponent("plus.sqlite").path)
        let rules = Self.repository.appendingPathComponent("Mappings/rules/sardegna-plus-v1.yaml")
        validator = Validator(ruleSet: try RuleSet.load(contentsOf: rules))
    }

    var storePath: String { root.appendingPathComponent("plus.sqlite").path }

    func drop(_ path: String, as name: String? = nil) throws {
        let source = Self.repository.appendingPathComponent("SampleData/\(path)")
        try FileManager.default.copyItem(at: source, to: inbox.appendingPathComponent(name ?? source.lastPathComponent))
    }

    /// The Oristano Ambito's 2019 sheets, less those named, with the deliberation given.
    func dropOristano(except omitted: Set<String> = [], deliberation: String = "dgr-2019.xml") throws {
        try drop("riferimento/ambiti-sardegna.csv")
        try drop("riferimento/enti-sardegna.csv")
        try drop("deliberazioni/\(deliberation)")
        let folder = Self.repository.appendingPathComponent("SampleData/oristano").path
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".csv") && !omitted.contains(name) {
            try drop("oristano/\(name)")
        }
    }

    /// The sample with mistakes: the wrong deliberation, Cabras's wrong sheet, two Comuni missing.
    func dropFlawedOristano() throws {
        try dropOristano(
            except: ["comune-cabras-scheda-2019.csv", "comune-zeddiani-scheda-2019.csv", "comune-allai-scheda-2019.csv"],
            deliberation: "dgr-2019-errata.xml")
        try drop("errati/comune-cabras-scheda-2019-errata.csv")
    }

    /// Runs the inbox job in this process, as `plus run` does.
    func run() throws {
        let library = MappingLibrary(directory: Self.repository.appendingPathComponent("Mappings"))
        let consolidation = Consolidation(store: store, validator: validator, outputDirectory: out, formats: [], language: .it)
        _ = try InboxRun(inbox: InboxFolder(url: inbox), fileImport: try FileImport(library: library), store: store, consolidation: consolidation).run()
    }

    var builder: ReportBuilder { ReportBuilder(store: store, validator: validator, language: .it) }
}

/// The `plus` executable, as the officers run it.
enum PlusBinary {
    static var url: URL {
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

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Command.run(url, arguments, in: ReportBench.repository)
    }
}

/// Runs a program and returns its exit status and what it printed.
enum Command {
    /// With `keepingErrors`, standard error is read with standard output; without, it is dropped
    /// (chromium's harmless D-Bus complaints would otherwise mix with the DOM it prints).
    static func run(_ executable: URL, _ arguments: [String], in folder: URL, keepingErrors: Bool = true) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = keepingErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The full path of a program on `PATH`, or `nil`.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
