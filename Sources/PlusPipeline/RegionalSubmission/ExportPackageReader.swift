import Foundation
import PlusCSV
import PlusExport
import PlusModel
import PlusWorkbook

/// Reads an Ambito's zipped Data Package (`datapackage.json` and its CSVs, as `plus export
/// --dataset-format datapackage` writes them) back into its rows.
///
/// The zip is opened as a workbook is (``WorkbookArchive``: unsafe paths refused, every part
/// inflated with its bytes counted), nothing is written to disk, and each resource must have
/// the size and SHA-256 its descriptor states: a CSV changed after the export is refused
/// (`EXP103`). The descriptor may sit at the top of the zip or in one folder (a zipped
/// export folder).
///
/// ```swift
/// let tables = try ExportPackageReader().read(zipBytes, fileName: "oristano-2019.zip").get()
/// ```
struct ExportPackageReader {
    static let descriptorName = "datapackage.json"
    /// How many entries of a ZIP that is no package its refusal names.
    static let entriesNamed = 5

    struct Descriptor: Decodable {
        struct Resource: Decodable {
            var name: String
            var path: String
            var hash: String?
            var bytes: Int?
        }
        var resources: [Resource]
        var validazione: [ExportMetadata.Validation]?
    }

    func read(_ data: Data, fileName: String) -> Result<ExportedTables, ExportRefusal> {
        func refuse(_ found: String, expected: String, part: String? = nil) -> Result<ExportedTables, ExportRefusal> {
            .failure(ExportRefusal(diagnostics: [Problem.exportSubmissionPackage.at(
                SourceLocation(file: part.map { "\(fileName)/\($0)" } ?? fileName), found: found, expected: expected)]))
        }
        do {
            var archive = try WorkbookArchive(data: data)
            let descriptors = archive.paths.filter {
                $0 == Self.descriptorName || ($0.hasSuffix("/" + Self.descriptorName) && $0.split(separator: "/").count == 2)
            }
            if descriptors.isEmpty {
                // Not a package at all: say what it holds, so that the sender's zipped sheets are recognised as such.
                let entries = archive.paths.filter { !$0.hasSuffix("/") }
                let listed = entries.prefix(Self.entriesNamed).map { "«\($0)»" }.joined(separator: ", ")
                let found = entries.isEmpty ? "nessun file / no file" : listed + (entries.count > Self.entriesNamed ? " (+\(entries.count - Self.entriesNamed))" : "")
                return .failure(ExportRefusal(diagnostics: [Problem.exportSubmissionNotPackage.at(SourceLocation(file: fileName), found: found)]))
            }
            guard descriptors.count == 1, let descriptorPath = descriptors.first,
                  let descriptorData = try archive.part(descriptorPath) else {
                return refuse("\(descriptors.count) \(Self.descriptorName)", expected: "1 \(Self.descriptorName)")
            }
            let folder = String(descriptorPath.dropLast(Self.descriptorName.count))
            let descriptor: Descriptor
            do {
                descriptor = try JSONDecoder().decode(Descriptor.self, from: descriptorData)
            } catch {
                return refuse("\(error)", expected: "Data Package JSON", part: descriptorPath)
            }
            var tables = ExportedTables()
            tables.validations = descriptor.validazione ?? []
            let known = Set(DatasetCatalog.all.map(\.name))
            for resource in descriptor.resources where known.contains(resource.name) {
                let path = folder + resource.path
                guard !resource.path.contains("/"), let bytes = try archive.part(path) else {
                    return refuse(resource.path, expected: "un file del pacchetto / a file of the package", part: descriptorPath)
                }
                let digest = "sha256:" + Checksum.sha256(bytes)
                guard resource.hash == digest, resource.bytes == bytes.count else {
                    return refuse(
                        "\(resource.path): \(bytes.count) byte, \(digest)",
                        expected: "\(resource.bytes.map(String.init) ?? "?") byte, \(resource.hash ?? "?")", part: path)
                }
                tables.rows[resource.name] = try rows(bytes, part: path)
            }
            return .success(tables)
        } catch let error as WorkbookError {
            return .failure(ExportRefusal(diagnostics: [error.diagnostic(file: fileName)]))
        } catch {
            return refuse("\(error)", expected: "Data Package")
        }
    }

    /// The CSV's rows by column name, as the machine dialect wrote them (`,`, UTF-8, no BOM);
    /// a text cell the writer guarded with an apostrophe (``FormulaGuard``) gets it back off.
    private func rows(_ bytes: Data, part: String) throws -> [ExportedTables.Row] {
        var source = MemoryByteSource([UInt8](bytes))
        var header: [String]?
        var rows: [ExportedTables.Row] = []
        var line = 0
        try CSVByteReader(delimiter: UInt8(ascii: ",")).read(from: &source) { row in
            line += 1
            let fields = (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self) }
            guard let names = header else {
                header = fields
                return
            }
            if fields.allSatisfy(\.isEmpty) { return }
            var cells: [String: String] = [:]
            for (name, field) in zip(names, fields) {
                let unguarded = field.first == "'" && field.dropFirst().first.map(FormulaGuard.triggers.contains) == true
                cells[name] = unguarded ? String(field.dropFirst()) : field
            }
            rows.append(ExportedTables.Row(cells: cells, line: line, part: part))
        }
        return rows
    }
}
