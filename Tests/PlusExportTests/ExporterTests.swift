import Foundation
import PlusModel
import Testing
@testable import PlusExport

@Suite struct ExporterTests {
    let exporter = Exporter(recomputer: Fixtures.recomputer)
    let region = [Fixtures.oristano(), Fixtures.cagliari()]

    static let expectedFiles: [ExportFormat: [String]] = {
        let csvs = DatasetCatalog.all.map { $0.name + ".csv" }
        return [
            .csv: csvs, .italianCSV: csvs, .dataPackage: csvs + ["datapackage.json"],
            .json: ["plus-export.json"], .jsonLines: ["plus-export.jsonl"], .xml: ["plus-export.xml"],
            .xlsx: ["plus-export.xlsx"],
        ]
    }()

    func contents(of directory: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) })
    }

    @Test(arguments: ExportFormat.allCases)
    func everyFormatWritesItsFilesAndAManifestWithTheirChecksums(_ format: ExportFormat) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        let manifest = try exporter.export(region, format: format, metadata: Fixtures.metadata, to: out)
        let files = try contents(of: out)
        #expect(Set(files.keys) == Set(Self.expectedFiles[format]! + ["manifest.json"]))
        #expect(manifest.files.map(\.path) == Self.expectedFiles[format]!.sorted())
        for entry in manifest.files {
            #expect(Checksum.sha256(files[entry.path]!) == entry.sha256, "\(entry.path)")
            #expect(files[entry.path]!.count == entry.bytes)
        }
        let decoded = try JSONDecoder().decode(ExportManifest.self, from: files["manifest.json"]!)
        #expect(decoded == manifest)
        #expect(manifest.generatedAt == "2026-11-18T11:06:40Z")
        #expect(manifest.scope.map(\.ambito) == ["CA", "OR"])
        #expect(manifest.submissions.map(\.id) == ["1", "2"])
        #expect(manifest.ruleSet?.version == "2019.1")
        #expect(manifest.datasets["servizi"] == 3)
        // Nothing but the destination is left in the parent: the staging directory is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test(arguments: ExportFormat.allCases)
    func theSameDataGivesByteIdenticalFiles(_ format: ExportFormat) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var shuffled = Fixtures.oristano()
        shuffled.services.reverse()
        shuffled.costShares.reverse()
        shuffled.declarations.reverse()
        shuffled.ambito.comuni.reverse()
        try exporter.export(region, format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent("a"))
        try exporter.export([Fixtures.cagliari(), shuffled], format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent("b"))
        let first = try contents(of: parent.appendingPathComponent("a"))
        let second = try contents(of: parent.appendingPathComponent("b"))
        #expect(first == second)
    }

    @Test(arguments: ExportFormat.allCases)
    func preparedOnceUnflushedGivesTheSameFiles(_ format: ExportFormat) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        try exporter.export(region, format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent("a"))
        // As plus run does it: datasets built once for every format, the disk flushed by the caller.
        var unflushed = exporter
        unflushed.synchronizesFiles = false
        let prepared = try unflushed.prepare(region)
        try unflushed.export(prepared, format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent("b"))
        #expect(try contents(of: parent.appendingPathComponent("a")) == contents(of: parent.appendingPathComponent("b")))
    }

    @Test func spreadsheetFormatsGuardFormulasWhileLosslessFormatsKeepTheText() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        for format in [ExportFormat.csv, .italianCSV, .json] {
            try exporter.export(region, format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent(format.rawValue))
        }
        func text(_ format: ExportFormat, _ file: String) throws -> String {
            try String(contentsOf: parent.appendingPathComponent(format.rawValue).appendingPathComponent(file), encoding: .utf8)
        }
        let guarded = "\"'=HYPERLINK(\"\"http://evil\"\";\"\"clic\"\")\""
        #expect(try text(.csv, "servizi.csv").contains("," + guarded + ","))
        #expect(try text(.italianCSV, "servizi.csv").contains(";" + guarded + ";"))
        #expect(try text(.italianCSV, "membri.csv").contains(";\"'-Abbasanta"))
        // Negative amounts in numeric columns stay numbers.
        #expect(try text(.csv, "dichiarato_vs_pianificato.csv").contains(",-12.50,non_pianificato"))
        #expect(try text(.italianCSV, "dichiarato_vs_pianificato.csv").contains(";-12,50;\"non_pianificato\""))
        let json = try text(.json, "plus-export.json")
        #expect(json.contains(#""denominazione":"=HYPERLINK(\"http://evil\";\"clic\")""#))
        #expect(!json.contains("'="))
    }

    struct InjectedFailure: Error {}

    @Test func aFailureMidExportLeavesNoFileInANewDestination() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var failing = exporter
        failing.faultInjection = { step in if step == .write("riparto.csv") { throw InjectedFailure() } }
        let out = parent.appendingPathComponent("out")
        #expect(throws: InjectedFailure.self) {
            try failing.export(region, format: .dataPackage, metadata: Fixtures.metadata, to: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    /// Exports Cagliari into `parent/out`, then fails a region export over it at `step`; returns the old files.
    func failOverAnExistingExport(at step: Exporter.Step, in parent: URL) throws -> (out: URL, before: [String: Data]) {
        let out = parent.appendingPathComponent("out")
        try exporter.export([Fixtures.cagliari()], format: .csv, metadata: Fixtures.metadata, to: out)
        let before = try contents(of: out)
        var failing = exporter
        failing.faultInjection = { if $0 == step { throw InjectedFailure() } }
        #expect(throws: InjectedFailure.self) {
            try failing.export(region, format: .csv, metadata: Fixtures.metadata, to: out)
        }
        return (out, before)
    }

    @Test func aFailureMidExportLeavesAnExistingDestinationUntouched() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (out, before) = try failOverAnExistingExport(at: .write("manifest.json"), in: parent)
        #expect(try contents(of: out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func aFailureWhilePublishingLeavesOnlyCompleteFilesAndTheOldManifest() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (out, before) = try failOverAnExistingExport(at: .publish("membri.csv"), in: parent)
        let after = try contents(of: out)
        #expect(after["manifest.json"] == before["manifest.json"])
        #expect(after["ambiti.csv"] != before["ambiti.csv"], "files before the failure were published")
        let complete = try exporter.export(region, format: .csv, metadata: Fixtures.metadata, to: parent.appendingPathComponent("ref"))
        for (name, data) in after where name != "manifest.json" {
            // Every file is either the old one or the new one, whole.
            let new = complete.files.first { $0.path == name }!.sha256
            #expect(data == before[name] || Checksum.sha256(data) == new, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["out", "ref"])
    }

    @Test func anXMLThatFailsItsSchemaIsNeverPublished() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let schema = parent.appendingPathComponent("other.xsd")
        try Data("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other">
              <xs:element name="other"/>
            </xs:schema>
            """.utf8).write(to: schema)
        var strict = exporter
        strict.xmlSchemaValidator = XMLSchemaValidator(schemaURL: schema)
        let out = parent.appendingPathComponent("out")
        let error = try #require(throws: ExportError.self) {
            try strict.export(region, format: .xml, metadata: Fixtures.metadata, to: out)
        }
        #expect(error.diagnostic.code == "EXP004")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["other.xsd"])
    }

    @Test(arguments: [
        { (year: inout AmbitoYear) in year.ambito.capofila = "OR-038" },
        { (year: inout AmbitoYear) in year.services[0].code = "" },
        { (year: inout AmbitoYear) in year.services[0].management = .comune(istatCode: "cabras") },
    ] as [@Sendable (inout AmbitoYear) -> Void])
    func valuesBreakingTheSchemaConstraintsStopTheExport(_ damage: @Sendable (inout AmbitoYear) -> Void) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var broken = Fixtures.oristano()
        damage(&broken)
        let error = try #require(throws: ExportError.self) {
            try exporter.export([broken], format: .dataPackage, metadata: Fixtures.metadata, to: parent.appendingPathComponent("out"))
        }
        #expect(error.diagnostic.code == "EXP007")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    @Test func duplicateKeysStopTheExport() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var duplicated = Fixtures.oristano()
        duplicated.services.append(duplicated.services[0])
        let error = try #require(throws: ExportError.self) {
            try exporter.export([duplicated], format: .csv, metadata: Fixtures.metadata, to: parent.appendingPathComponent("out"))
        }
        #expect(error.diagnostic.code == "EXP002")
        #expect(error.diagnostic.message.en.contains("servizi"))
    }

    @Test func aFileAsDestinationIsRefused() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let error = try #require(throws: ExportError.self) {
            try exporter.export(region, format: .json, metadata: Fixtures.metadata, to: file)
        }
        #expect(error.diagnostic.code == "EXP006")
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }
}
