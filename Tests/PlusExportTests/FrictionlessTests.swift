import Foundation
import Testing
@testable import PlusExport

/// Runs the reference validator over an export: CI installs it with `pip install frictionless`.
@Suite struct FrictionlessTests {
    static func frictionlessPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/frictionless" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func validate(_ descriptor: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(
            Self.frictionlessPath(), "frictionless is not on PATH: install it with `pip install frictionless`"))
        process.arguments = ["validate", descriptor.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func aRegionExportValidatesClean() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try Exporter(recomputer: Fixtures.recomputer).export(
            [Fixtures.oristano(), Fixtures.cagliari()], format: .dataPackage, metadata: Fixtures.metadata, to: out)
        let result = try validate(out.appendingPathComponent("datapackage.json"))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains("INVALID"), "\(result.output)")
    }

    @Test func theValidatorCatchesABrokenExport() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try Exporter().export([Fixtures.oristano()], format: .dataPackage, metadata: Fixtures.metadata, to: out)
        // A membri row for an Ambito that is not in ambiti: the foreign key must fail.
        let membri = out.appendingPathComponent("membri.csv")
        let text = try String(contentsOf: membri, encoding: .utf8) + "2019,ZZ,comune:000001,comune,X,1,,false\r\n"
        try text.write(to: membri, atomically: true, encoding: .utf8)
        let result = try validate(out.appendingPathComponent("datapackage.json"))
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("foreign-key"), "\(result.output)")
        #expect(result.output.contains("hash-count"), "\(result.output)")
    }
}


extension FrictionlessTests {
    /// The Italian dialect's Table Schema (decimal comma, dd/mm/yyyy, si/no, BOM) must describe its files exactly.
    @Test func italianFilesValidateAgainstTheirOwnSchema() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let datasets = try DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.oristano(), Fixtures.cagliari()])
        var files: [String: URL] = [:]
        for dataset in datasets {
            files[dataset.name] = directory.appendingPathComponent(dataset.name + ".csv")
            try CSVWriter(dialect: .italian).write(dataset, to: files[dataset.name]!)
        }
        let descriptor = directory.appendingPathComponent("datapackage.json")
        try DataPackageWriter(dialect: .italian).write(datasets, files: files, created: Fixtures.metadata.timestamp, to: descriptor)
        let result = try validate(descriptor)
        #expect(result.status == 0, "\(result.output)")
    }
}
