import Foundation
import PlusModel

/// Writes `datapackage.json`: a Frictionless Data Package describing the CSV files beside it.
///
/// Every resource has a Table Schema with types, constraints, primary and foreign keys,
/// and the file's size and SHA-256, so `frictionless validate datapackage.json` checks
/// the export end to end.
///
/// ```swift
/// try DataPackageWriter().write(datasets, files: csvFiles, created: "2026-11-23T09:00:00Z", to: url)
/// ```
public struct DataPackageWriter: Sendable {
    public var dialect: CSVDialect

    public init(dialect: CSVDialect = .machine) {
        self.dialect = dialect
    }

    /// Writes the descriptor; `files` maps each dataset name to its CSV file, next to `url`, and
    /// `digests` the checksums and sizes known from writing them (the others are read back).
    /// `validations` become the package's own `validazione` property (Data Package allows
    /// properties of its own), so the package states how it was validated. Returns the
    /// descriptor's own checksum and size, so that the manifest does not read it back.
    @discardableResult
    public func write(
        _ datasets: [any ExportTable], files: [String: URL], digests: [String: FileDigest] = [:], created: String,
        validations: [ExportMetadata.Validation] = [], to url: URL
    ) throws -> FileDigest {
        let resources = try datasets.map { dataset in
            let file = files[dataset.name]!
            let digest = try digests[dataset.name] ?? FileDigest(fileAt: file)
            return resource(dataset, path: file.lastPathComponent, digest: digest)
        }
        let sink = try FileSink(creating: url)
        if usesTemplates, let descriptor = try DescriptorTemplate.descriptor(resources, created: created, validations: validations) {
            sink.write(bytes: descriptor)
        } else {
            let package = Package(
                name: "plus-export", title: "Export PLUS consolidato", created: created, resources: resources,
                validazione: validations.isEmpty ? nil : validations)
            sink.write(bytes: try Self.writer.bytes(package))
        }
        sink.write("\n")
        return try sink.close()
    }

    /// Whether the descriptor is filled into a template encoded once per set of datasets
    /// (``DescriptorTemplate``), or encoded whole every time, the specification the template is
    /// tested against. `PLUS_DATAPACKAGE_TEMPLATE=off` in the environment encodes it whole.
    var usesTemplates = DataPackageWriter.usesTemplatesByDefault

    static let usesTemplatesByDefault =
        ProcessInfo.processInfo.environment["PLUS_DATAPACKAGE_TEMPLATE"]?.lowercased() != "off"

    /// The descriptor's style: `JSONEncoder`'s pretty, sorted-keys bytes, slashes as they are.
    static let writer = SortedJSONWriter(prettyPrinted: true, datesInISO8601: false)

    private func resource(_ dataset: any ExportTable, path: String, digest: FileDigest) -> Resource {
        Resource(
            name: dataset.name, path: path, title: dataset.title.it, description: dataset.title.en,
            hash: "sha256:" + digest.sha256, bytes: digest.bytes,
            dialect: .init(delimiter: String(UnicodeScalar(dialect.delimiter))),
            encoding: dialect.byteOrderMark ? "utf-8-sig" : "utf-8",
            schema: TableSchema(dataset, dialect: dialect))
    }

    struct Package: Encodable {
        var profile = "tabular-data-package"
        var name: String
        var title: String
        var created: String
        var resources: [Resource]
        var validazione: [ExportMetadata.Validation]?
    }

    struct Resource: Encodable, Hashable {
        struct Dialect: Encodable, Hashable {
            var delimiter: String
            var header = true
        }
        var profile = "tabular-data-resource"
        var name: String
        var path: String
        var title: String
        var description: String
        var format = "csv"
        var mediatype = "text/csv"
        var hash: String
        var bytes: Int
        var dialect: Dialect
        var encoding: String
        var schema: TableSchema
    }
}
