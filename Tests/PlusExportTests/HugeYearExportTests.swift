import Foundation
import PlusModel
import Synchronization
import Testing
@testable import PlusExport

/// An Ambito-year of any size is exported from services read in batches, its rows sorted in
/// bounded memory: the same bytes as the whole year, never more than a run of rows in memory.
@Suite struct HugeYearExportTests {
    /// Services made one batch at a time from their index, in a scrambled order of codes, each
    /// with two or three funding sources: the whole plan never exists as an array.
    struct GeneratedServices: ServiceSource {
        typealias Failure = Never
        final class Seen: Sendable { let largestBatch = Mutex(0) }

        let serviceCount: Int
        let seen = Seen()

        func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) {
            for start in stride(from: 0, to: serviceCount, by: max(size, 1)) {
                let batch = (start..<min(start + max(size, 1), serviceCount)).map(Self.service)
                seen.largestBatch.withLock { $0 = max($0, batch.count) }
                body(batch)
            }
        }

        static func service(_ index: Int) -> PlannedService {
            // 7919 is prime to any count used here: every code once, far from their order.
            let code = "S" + String((index * 7_919) % 100_003)
            var service = PlannedService(
                code: code, name: "Servizio \(index), \"quoted\"; and long", area: index % 3 == 0 ? "" : "anziani",
                totalCost: Money(cents: Int64(index) * 137 - 5_000))
            service.funding = [.comuni: Money(cents: Int64(index)), .fondoRegionale: Money(cents: -Int64(index % 7))]
            if index % 2 == 0 { service.funding[.asl] = Money(cents: 99) }
            return service
        }
    }

    /// The Oristano fixture without its services: they come from a source.
    static let year: AmbitoYear = {
        var year = Fixtures.oristano()
        year.services = []
        return year
    }()

    static func exporter(batch: Int, rowsPerRun: Int) -> Exporter {
        var exporter = Exporter(recomputer: Fixtures.recomputer)
        exporter.builder.serviceBatchSize = batch
        exporter.builder.rowsPerRun = rowsPerRun
        return exporter
    }

    func contents(of directory: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) })
    }

    @Test(arguments: [ExportFormat.csv, .italianCSV, .dataPackage, .json, .jsonLines, .xml, .xlsx])
    func batchesAndSortedRunsGiveTheBytesOfTheWholeYear(_ format: ExportFormat) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var whole = Fixtures.oristano()
        whole.services += (0..<300).map(GeneratedServices.service)
        // The whole year in hand, one run in memory: the export as it always was.
        try Exporter(recomputer: Fixtures.recomputer).export(
            [whole, Fixtures.cagliari()], format: format, metadata: Fixtures.metadata, to: parent.appendingPathComponent("whole"))
        let reference = try contents(of: parent.appendingPathComponent("whole"))
        for (batch, rowsPerRun) in [(1, 1), (7, 5), (64, 100), (300, 7)] {
            let exporter = Self.exporter(batch: batch, rowsPerRun: rowsPerRun)
            // The services handed over in batches, apart from their years.
            let prepared = try exporter.prepare([(Self.year, whole.services), (Fixtures.cagliari(), Fixtures.cagliari().services)])
            let out = parent.appendingPathComponent("batches-\(batch)-runs-\(rowsPerRun)")
            try exporter.export(prepared, format: format, metadata: Fixtures.metadata, to: out)
            #expect(try contents(of: out) == reference, "batches of \(batch), runs of \(rowsPerRun)")
        }
    }

    @Test func noDatasetHoldsMoreThanARunAndNoBatchIsLarger() throws {
        let services = GeneratedServices(serviceCount: 5_000)
        let exporter = Self.exporter(batch: 250, rowsPerRun: 400)
        let prepared = try exporter.prepare([(Self.year, services)])
        let tables = prepared.datasets.compactMap { $0 as? SortedDataset }
        #expect(tables.count == DatasetCatalog.all.count)
        for table in tables {
            #expect(table.mostRowsHeld <= 400, "\(table.name)")
        }
        #expect(services.seen.largestBatch.withLock { $0 } == 250)
        let servizi = try #require(tables.first { $0.name == "servizi" })
        let finanziamento = try #require(tables.first { $0.name == "finanziamento" })
        #expect(servizi.rowCount == 5_000)
        #expect(finanziamento.rowCount == 5_000 * 2 + 2_500)

        // The merged runs are in key order, every row once.
        var codes: [String] = []
        try servizi.forEachRow { row in
            if case .text(let code) = row[2] { codes.append(code) }
        }
        #expect(codes.count == 5_000)
        #expect(zip(codes, codes.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func aHugeYearIsWrittenWithTheManifestsCountsAndChecksums() throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let exporter = Self.exporter(batch: 500, rowsPerRun: 1_000)
        var spilling = exporter
        spilling.builder.workingDirectory = parent
        let prepared = try spilling.prepare([(Self.year, GeneratedServices(serviceCount: 30_000))])
        let out = parent.appendingPathComponent("out")
        let manifest = try spilling.export(prepared, format: .csv, metadata: Fixtures.metadata, to: out)
        #expect(manifest.datasets["servizi"] == 30_000)
        #expect(manifest.datasets["finanziamento"] == 75_000)
        let servizi = try String(contentsOf: out.appendingPathComponent("servizi.csv"), encoding: .utf8)
        #expect(servizi.components(separatedBy: "\r\n").count == 30_000 + 2)
        for entry in manifest.files {
            #expect(try Checksum.sha256(fileAt: out.appendingPathComponent(entry.path)) == entry.sha256)
        }
        // The runs' file was unlinked when opened: nothing but the export is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func runsAreMergedAsTheyPileUpAndTiesKeepTheirOrder() throws {
        let dataset = ExportDataset(
            name: "prova", title: .init(it: "Prova", en: "Test"),
            columns: [ExportColumn("chiave", .integer, description: .init(it: "k", en: "k")),
                      ExportColumn("arrivo", .integer, description: .init(it: "a", en: "a"))],
            primaryKey: ["chiave"])
        let sorted = SortedDataset(dataset, rowsPerRun: 3)
        // 9,000 rows in runs of 3: 3,000 runs, merged 64 at a time into a few dozen.
        for index in 0..<9_000 { try sorted.append([.integer(Int64(index * 7_919 % 97)), .integer(Int64(index))]) }
        sorted.finish()
        #expect(sorted.runCount < 2 * SortedDataset.runsMergedAtOnce)
        var rows: [[ExportCell]] = []
        try sorted.forEachRow { rows.append($0) }
        var whole = dataset
        whole.rows = (0..<9_000).map { [.integer(Int64($0 * 7_919 % 97)), .integer(Int64($0))] }
        whole.sortRows()
        #expect(rows == whole.rows)
    }

    @Test func aCodeRepeatedInAnotherRunIsADuplicateKey() throws {
        struct Repeating: ServiceSource {
            typealias Failure = Never
            var serviceCount: Int { 50 }
            func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) {
                // "S0" first and last: rows in different runs, met only when the runs are merged.
                body((0..<50).map { PlannedService(code: "S\($0 == 49 ? 0 : $0)", name: "x", totalCost: .zero) })
            }
        }
        let error = #expect(throws: ExportError.self) {
            try Self.exporter(batch: 50, rowsPerRun: 3).prepare([(Self.year, Repeating())])
        }
        #expect(error?.diagnostic.code == Problem.exportDuplicateKey.code)
        #expect(error?.diagnostic.found == "(2019, OR, S0)")
    }

    @Test func aFundingRowWithoutItsServiceIsFoundAlongsideTheServices() throws {
        func table(_ dataset: ExportDataset, _ rows: [[ExportCell]]) -> ExportDataset {
            var dataset = dataset
            dataset.rows = rows
            return dataset
        }
        let prefix: [ExportCell] = [.integer(2019), .text("OR")]
        let ambiti = table(DatasetCatalog.ambiti, [prefix + [.text("Oristano"), .text("095038"), .integer(1), .integer(1), .null, .null, .null, .null, .null, .null, .bool(false)]])
        let servizi = table(DatasetCatalog.servizi, ["A", "C"].map { code in
            prefix + [.text(code), .null, .null, .text("sociale"), .text("associata"), .null, .money(.zero), .money(.zero), .money(.zero), .null, .null, .null]
        })
        let finanziamento = table(DatasetCatalog.finanziamento, ["A", "B", "C"].map { code in
            prefix + [.text(code), .text("comuni"), .money(.zero)]
        })
        try DatasetIntegrity.check([ambiti, servizi, table(finanziamento, [finanziamento.rows[0], finanziamento.rows[2]])])
        let error = #expect(throws: ExportError.self) { try DatasetIntegrity.check([ambiti, servizi, finanziamento]) }
        #expect(error?.diagnostic.code == Problem.exportDanglingReference.code)
        #expect(error?.diagnostic.found == "(2019, OR, B)")
    }
}
