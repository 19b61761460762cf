import Foundation
import PlusModel

/// Writes a whole export into a directory, atomically, reproducibly, with a manifest.
///
/// Atomicity: every file is first written into a fresh staging directory next to the
/// destination (same parent, hence same filesystem), and the XML is checked there against its schema.
/// Only then are files moved with `rename(2)`: if the destination does not exist (or is
/// empty) the staging directory itself is renamed into place, in one step; otherwise each
/// file is renamed over its old version, `manifest.json` last. A failure before publishing
/// leaves the destination untouched; a failure while publishing into an existing directory
/// can leave a mix of new and old complete files, never a partial one, and no new manifest.
/// Files of an earlier export that this one does not write are left alone: the manifest
/// lists what belongs to the export. The staging directory is removed on every path.
///
/// Reproducibility: rows are sorted, columns fixed, and the only time is the caller's.
///
/// ```swift
/// let exporter = Exporter(recomputer: AllocationRecomputer { calculator.allocation(for: $0) })
/// try exporter.export([oristano2019], format: .dataPackage, metadata: metadata, to: outURL)
/// ```
public struct Exporter: Sendable {
    public static let manifestName = "manifest.json"

    public var builder: DatasetBuilder

    /// Whether every file is flushed to disk before it is published. A job that exports many
    /// Ambiti and flushes the whole output folder once at the end sets it to `false`.
    public var synchronizesFiles = true

    /// A step of an export, as the internal fault-injection hook sees it.
    enum Step: Hashable, Sendable {
        case write(String)
        case publish(String)
    }

    /// Called before each step; tests throw from it to simulate a failure mid-export.
    var faultInjection: (@Sendable (Step) throws -> Void)?

    /// The schema every XML export must satisfy; tests swap in a stricter one.
    var xmlSchemaValidator: XMLSchemaValidator?

    /// Whether every XML file written is validated against its schema by libxml2, even when the
    /// check made while writing found that it conforms (``XMLSchemaConformance``). Off unless
    /// `PLUS_XML_SELFCHECK=1` is set; the tests run both ways. A testing hook, not API.
    var validatesEveryXMLFile = Exporter.validatesEveryXMLFileByEnvironment

    static let validatesEveryXMLFileByEnvironment = ProcessInfo.processInfo.environment["PLUS_XML_SELFCHECK"] == "1"

    public init(recomputer: (any AllocationRecomputing)? = nil) {
        builder = DatasetBuilder(recomputer: recomputer)
    }

    /// Exports `ambitoYears` (one Ambito-year, or every Ambito of a region-year) in `format` into `directory`.
    @discardableResult
    public func export(
        _ ambitoYears: [AmbitoYear], format: ExportFormat, metadata: ExportMetadata, to directory: URL
    ) throws -> ExportManifest {
        try export(try prepare(ambitoYears), format: format, metadata: metadata, to: directory)
    }

    /// Exports datasets prepared once (``prepare(_:)``) in `format` into `directory`.
    @discardableResult
    public func export(
        _ prepared: PreparedExport, format: ExportFormat, metadata: ExportMetadata, to directory: URL
    ) throws -> ExportManifest {
        let datasets = prepared.datasets
        let fileManager = FileManager.default
        let destination = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        let destinationExists = fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if destinationExists && !isDirectory.boolValue {
            throw ExportError(.exportDestinationNotDirectory, path: destination.path)
        }
        let parent = destination.deletingLastPathComponent()
        let startedAt = Date()
        try createDirectory(parent)
        // Staging folders and temporaries of a killed run or export, beside this destination.
        Leftovers.remove(in: parent, olderThan: startedAt)
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent)\(Leftovers.stagingMarker)\(Leftovers.uniqueTag())", isDirectory: true)
        try createDirectory(staging)
        defer { try? fileManager.removeItem(at: staging) }

        let (files, written): ([WrittenFile], ExportManifest) = try FileSink.$synchronizesOnClose.withValue(synchronizesFiles) {
            let files = try writeFiles(datasets, format: format, metadata: metadata, into: staging)
            let written = try manifest(datasets, files: files, format: format, metadata: metadata, in: staging)
            try writeManifest(written, into: staging)
            return (files, written)
        }
        try publish(files.map(\.name) + [Self.manifestName], from: staging, to: destination)
        return written
    }

    private struct WrittenFile {
        var name: String
        var dataset: (any ExportTable)?
        /// The checksum and size, when known from writing (else the file is read back).
        var digest: FileDigest?
    }

    private func writeFiles(
        _ datasets: [any ExportTable], format: ExportFormat, metadata: ExportMetadata, into staging: URL
    ) throws -> [WrittenFile] {
        var written: [WrittenFile] = []
        func file(_ name: String, _ dataset: (any ExportTable)? = nil, _ write: (URL) throws -> FileDigest?) throws {
            try faultInjection?(.write(name))
            let digest = try write(staging.appendingPathComponent(name, isDirectory: false))
            written.append(WrittenFile(name: name, dataset: dataset, digest: digest))
        }
        switch format {
        case .csv, .italianCSV, .dataPackage:
            let writer = CSVWriter(dialect: format == .italianCSV ? .italian : .machine)
            for dataset in datasets {
                try file(dataset.name + ".csv", dataset) { try writer.write(dataset, to: $0) }
            }
            if format == .dataPackage {
                let csvFiles = Dictionary(uniqueKeysWithValues: datasets.map {
                    ($0.name, staging.appendingPathComponent($0.name + ".csv", isDirectory: false))
                })
                let digests = Dictionary(uniqueKeysWithValues: written.compactMap { file in
                    file.dataset.flatMap { dataset in file.digest.map { (dataset.name, $0) } }
                })
                try file("datapackage.json") {
                    try DataPackageWriter().write(
                        datasets, files: csvFiles, digests: digests, created: metadata.timestamp,
                        validations: metadata.validations.sorted(), to: $0)
                }
            }
        case .json:
            try file("plus-export.json") { try JSONWriter().write(datasets, to: $0) }
        case .jsonLines:
            try file("plus-export.jsonl") { try JSONLinesWriter().write(datasets, to: $0) }
        case .xlsx:
            try file("plus-export.xlsx") { url in
                try XLSXWriter().write(datasets, created: metadata.generatedAt, to: url)
                if FileSink.synchronizesOnClose { try XLSXWriter.synchronize(url) }
                return nil
            }
        case .xml:
            try file("plus-export.xml") { url in
                let validator = try xmlSchemaValidator ?? XMLSchemaValidator.bundled()
                // Checked while writing; a file the check cannot vouch for is validated by libxml2,
                // which finds the violation and its line.
                let written = try RegionalXMLWriter().write(
                    datasets, metadata: metadata, checkingAgainst: .compiled(validator.schemaURL), to: url)
                if !written.conforms || validatesEveryXMLFile {
                    if let first = try validator.validate(fileAt: url).first {
                        throw ExportError(.exportXMLInvalid, path: url.lastPathComponent, line: first.line, found: first.message)
                    }
                }
                return written.digest
            }
        }
        return written
    }

    private func manifest(
        _ datasets: [any ExportTable], files: [WrittenFile], format: ExportFormat, metadata: ExportMetadata, in staging: URL
    ) throws -> ExportManifest {
        let entries = try files.map { file in
            let digest = try file.digest ?? FileDigest(fileAt: staging.appendingPathComponent(file.name, isDirectory: false))
            return ExportManifest.File(
                path: file.name, sha256: digest.sha256, bytes: digest.bytes,
                dataset: file.dataset?.name, rows: file.dataset?.rowCount)
        }
        var scope: [ExportManifest.Scope] = []
        try datasets.first { $0.name == DatasetCatalog.ambiti.name }?.forEachRow { row in
            guard case .integer(let year) = row[0], case .text(let code) = row[1] else { return }
            scope.append(ExportManifest.Scope(year: Int(year), ambito: code))
        }
        return ExportManifest(
            format: format, generatedAt: metadata.timestamp, scope: scope,
            datasets: Dictionary(uniqueKeysWithValues: datasets.map { ($0.name, $0.rowCount) }),
            files: entries.sorted { $0.path < $1.path }, submissions: metadata.submissions.sorted(), ruleSet: metadata.ruleSet,
            validation: metadata.validations.isEmpty ? nil : metadata.validations.sorted())
    }

    private func writeManifest(_ manifest: ExportManifest, into staging: URL) throws {
        try faultInjection?(.write(Self.manifestName))
        let sink = try FileSink(creating: staging.appendingPathComponent(Self.manifestName, isDirectory: false))
        sink.write(bytes: try SortedJSONWriter(prettyPrinted: true, datesInISO8601: false).bytes(manifest))
        sink.write("\n")
        try sink.close()
    }

    private func publish(_ names: [String], from staging: URL, to destination: URL) throws {
        let fileManager = FileManager.default
        // A missing or empty destination is replaced whole, in one rename.
        if (try? fileManager.contentsOfDirectory(atPath: destination.path))?.isEmpty ?? true {
            try faultInjection?(.publish(destination.lastPathComponent))
            if fileManager.fileExists(atPath: destination.path) { try fileManager.removeItem(at: destination) }
            try rename(staging, destination)
            try FaultInjection.point("export.published:\(destination.lastPathComponent)")
            return
        }
        for name in names {
            try faultInjection?(.publish(name))
            try rename(staging.appendingPathComponent(name, isDirectory: false), destination.appendingPathComponent(name, isDirectory: false))
            try FaultInjection.point("export.published:\(name)")
        }
    }

    /// `rename(2)`: atomic within one filesystem, and it replaces an existing file.
    private func rename(_ source: URL, _ target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            throw ExportError.systemCall(path: target.path)
        }
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ExportError(.exportCannotWrite, path: url.path, found: error.localizedDescription, cause: error)
        }
    }
}
