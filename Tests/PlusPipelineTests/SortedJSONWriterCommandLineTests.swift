import Foundation
import Testing
@testable import PlusPipeline

/// Every JSON document the command line writes is the same with `PLUS_JSON_WRITER=foundation`
/// (`JSONEncoder` writing) as with ``SortedJSONWriter``: import reports, the run's summary, receipts,
/// the export's manifest and descriptor, the validation report, status, the report's data.
@Suite("JSON documents with and without JSONEncoder")
struct JSONWriterCommandLineTests {
    /// The documents one workbench produces, times and the workbench's own folder masked.
    static func documents(foundation: Bool) throws -> [String: String] {
        let environment: [String: String?] = ["PLUS_JSON_WRITER": foundation ? "foundation" : nil]
        func run(_ arguments: [String]) throws -> String {
            try CommandLineTests.run(arguments, environment: environment).output
        }
        var documents: [String: String] = [:]
        let good = "SampleData/oristano/comune-cabras-scheda-2019.csv"
        let broken = "SampleData/errati/comune-cabras-scheda-2019-errata.csv"
        let act = "SampleData/deliberazioni/dgr-2019.xml"
        documents["import several"] = try run(["import", good, broken, act, "--format", "json"])
        documents["import one"] = try run(["import", broken, "--mapping", "comune-scheda", "--format", "json"])
        documents["import one en"] = try run(["import", good, "--format", "json", "--lang", "en"])

        let bench = try Workbench()
        try bench.dropOristanoYear()
        // The inbox is stored in arrival order (modification time, then name), and submission
        // numbers follow it: one time for every file makes both workbenches number them alike.
        let arrival = Date(timeIntervalSince1970: 1_700_000_000)
        for name in try FileManager.default.contentsOfDirectory(atPath: bench.inbox.path) {
            try FileManager.default.setAttributes([.modificationDate: arrival], ofItemAtPath: bench.inbox.appendingPathComponent(name).path)
        }
        let store = bench.root.appendingPathComponent("json.sqlite").path
        documents["run"] = try run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path])
        let scope = ["--ambito", "OR", "--year", "2019", "--store", store]
        documents["validate"] = try run(["validate"] + scope + ["--format", "json"])
        documents["status"] = try run(["status"] + scope + ["--format", "json"])
        documents["status region"] = try run(["status", "--region", "--year", "2019", "--store", store, "--format", "json"])
        documents["report"] = try run(["report"] + scope + ["--format", "json"])
        documents["report region"] = try run(["report", "--year", "2019", "--store", store, "--format", "json"])
        let exported = bench.root.appendingPathComponent("esportazione")
        documents["export"] = try run(["export"] + scope + ["--dataset-format", "datapackage", "--out", exported.path, "--format", "json"])
        let files = FileManager.default.enumerator(at: bench.root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "json" {
            documents[String(file.path.dropFirst(bench.root.path.count))] = try String(contentsOf: file, encoding: .utf8)
        }
        return documents.mapValues { masked($0, root: bench.root.path) }
    }

    /// The text without what differs from one run to the next: times, the workbench's folder, and
    /// the size and checksum of the files that hold a time.
    static func masked(_ text: String, root: String) -> String {
        var text = text.replacingOccurrences(of: root, with: "ROOT")
        for pattern in [#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})"#,
                        #"(?<="(sha256|hash|digest)" ?: ?")[^"]*"#, #"(?<="bytes" ?: ?)\d+"#] {
            text = text.replacingOccurrences(of: pattern, with: "MASKED", options: .regularExpression)
        }
        return text
    }

    @Test
    func everyDocumentIsTheOneJSONEncoderWrites() throws {
        let written = try Self.documents(foundation: false)
        let foundation = try Self.documents(foundation: true)
        #expect(written.keys.sorted() == foundation.keys.sorted())
        #expect(written.keys.contains { $0.hasSuffix(".ricevuta.json") })
        #expect(written.keys.contains { $0.hasSuffix("manifest.json") })
        #expect(written.keys.contains { $0.hasSuffix("datapackage.json") })
        for (name, document) in written {
            #expect(document == foundation[name], "\(name)")
        }
    }
}
