import Foundation
import PlusModel
import Testing
@testable import PlusExport

/// `datapackage.json` filled into its template (``DescriptorTemplate``) against the specification
/// it replaces: the whole descriptor encoded by `JSONEncoder` (`PLUS_DATAPACKAGE_TEMPLATE=off`).
@Suite struct DescriptorTemplateTests {
    func descriptor(
        _ datasets: [ExportDataset], dialect: CSVDialect, created: String, validations: [ExportMetadata.Validation],
        seed: Int, templates: Bool
    ) throws -> [UInt8] {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String: URL] = [:], digests: [String: FileDigest] = [:]
        for (index, dataset) in datasets.enumerated() {
            files[dataset.name] = directory.appendingPathComponent(dataset.name + ".csv")
            let hex = String(repeating: String(index + seed, radix: 16), count: 64).prefix(64)
            digests[dataset.name] = FileDigest(sha256: String(hex), bytes: (index + 1) * seed * 7_919)
        }
        var writer = DataPackageWriter(dialect: dialect)
        writer.usesTemplates = templates
        let url = directory.appendingPathComponent("datapackage.json")
        let digest = try writer.write(datasets, files: files, digests: digests, created: created, validations: validations, to: url)
        let bytes = Array(try Data(contentsOf: url))
        #expect(digest == (try FileDigest(fileAt: url)))
        return bytes
    }

    @Test func theTemplatesDescriptorIsTheEncodersOne() throws {
        let ruleSet = ExportMetadata.RuleSet(name: "sardegna-plus", version: "1", populationVintage: "2019")
        let validationSets: [[ExportMetadata.Validation]] = [
            [],
            [.init(year: 2019, ambito: "CAA", errors: 0, warnings: 2, ruleSet: ruleSet)],
            [.init(year: 2019, ambito: "CAA", errors: 1, warnings: 0, ruleSet: ruleSet),
             .init(year: 2020, ambito: "NU/\"B\"", errors: 0, warnings: 0, ruleSet: .init(name: "è", version: "2"))],
        ]
        let datasetSets = [DatasetCatalog.all, Array(DatasetCatalog.all.prefix(3)), [DatasetCatalog.servizi]]
        var seed = 1
        for datasets in datasetSets {
            for dialect in [CSVDialect.machine, .italian] {
                for created in ["2026-12-01T10:00:00Z", "a/b \"c\" è\n\t\u{1}"] {
                    for validations in validationSets {
                        // Twice each: the second from the cached template.
                        for _ in 0..<2 {
                            seed += 1
                            let specified = try descriptor(datasets, dialect: dialect, created: created, validations: validations, seed: seed, templates: false)
                            let filled = try descriptor(datasets, dialect: dialect, created: created, validations: validations, seed: seed, templates: true)
                            #expect(filled == specified, "\(datasets.map(\.name)), \(created), \(validations.count) validations")
                        }
                    }
                }
            }
        }
    }

    /// A checksum that JSON would escape is never pasted into the template; a plain one is.
    @Test func aChecksumJSONWouldEscapeIsEncodedWhole() throws {
        func resource(hash: String) -> DataPackageWriter.Resource {
            DataPackageWriter.Resource(
                name: "prova", path: "prova.csv", title: "Prova", description: "Test", hash: hash, bytes: 1,
                dialect: .init(delimiter: ","), encoding: "utf-8", schema: TableSchema(CSVWriterTests.sample, dialect: .machine))
        }
        #expect(try DescriptorTemplate.descriptor([resource(hash: "sha256:\"x\"")], created: "", validations: []) == nil)
        #expect(try DescriptorTemplate.descriptor([resource(hash: "sha256:09af")], created: "", validations: []) != nil)
    }
}
