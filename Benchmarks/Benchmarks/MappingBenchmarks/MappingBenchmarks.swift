import Benchmark
import BenchmarkInputs
import Foundation
import PlusCSV
import PlusModel

private let mappingsFolder = Repository.url("Mappings")
private let comuneScheda = try! CSVMapping.load(from: mappingsFolder.appendingPathComponent("comune-scheda.yaml"))
private let dichiarazioniRegione = try! CSVMapping.load(from: mappingsFolder.appendingPathComponent("dichiarazioni-regione.yaml"))
// Every CSV mapping shipped, as `plus run` loads them to recognise a file (the XML ones fail to load here).
private let shippedMappings: [CSVMapping] = try! FileManager.default.contentsOfDirectory(atPath: mappingsFolder.path)
    .filter { $0.hasSuffix(".yaml") }.sorted()
    .compactMap { try? CSVMapping.load(from: mappingsFolder.appendingPathComponent($0)) }

/// A generated sheet and the temporary file that holds it.
private struct SheetFile: Sendable {
    let sheet: ComuneSheet
    let file: TemporaryFile

    init(_ sheet: ComuneSheet, name: String) {
        self.sheet = sheet
        file = TemporaryFile(name: name, bytes: sheet.bytes)
    }
}

// Globals are made on first use: each benchmark runs in a process of its own and writes only the file it reads.
// One Comune's sheet for one year, 150 services: the size a real sheet has.
private let comuneInput = SheetFile(
    ComuneSheet(size: .rows(150), comuni: [SardinianComuni.all.first { $0.comune.name == "Cabras" }!.comune], years: 2019...2019),
    name: "comune-cabras-scheda-2019.csv")
// A Region's collection of the Comuni's declarations, 2015–2019: about 4 MB.
private let regionInput = SheetFile(
    ComuneSheet(size: .bytes(4_000_000), comuni: SardinianComuni.all.map(\.comune)),
    name: "dichiarazioni-sardegna-2015-2019.csv")

/// Imports once outside the measurement and checks that every row became a declaration with its amount.
private func checkedImport(_ mapping: CSVMapping, _ input: SheetFile) throws {
    let sheet = input.sheet
    let result = try CSVImporter(mapping: mapping).importFile(at: input.file.url, displayName: nil)
    let total = result.records.compactMap { imported -> Money? in
        if case .declaration(let declaration) = imported.record { return declaration.amount }
        return nil
    }.sum()
    precondition(
        result.status == .accepted && result.rowsAccepted == sheet.rows && total == sheet.amountTotal,
        "\(mapping.name): \(result.status), \(result.rowsAccepted) of \(sheet.rows) rows, \(result.diagnostics.prefix(3))")
    noteInput("\(mapping.name) input: \(sheet.summary)")
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        units: [.mallocCountTotal: .count],
        maxDuration: .seconds(3)
    )

    // The whole import of a file: checksum, encoding, delimiter, header binding, rows to records.
    let imports: [(String, () -> CSVMapping, () -> SheetFile, BenchmarkTimeUnits)] = [
        ("CSVImporter comune-scheda, 1 Comune x 150 services", { comuneScheda }, { comuneInput }, .automatic),
        ("CSVImporter dichiarazioni-regione, 4 MB", { dichiarazioniRegione }, { regionInput }, .microseconds),
    ]
    for (name, mapping, input, timeUnits) in imports {
        Benchmark(
            name,
            configuration: .init(
                timeUnits: timeUnits, setup: { try checkedImport(mapping(), input()) }, teardown: { input().file.remove() })
        ) { benchmark in
            let mapping = mapping(), url = input().file.url
            for _ in benchmark.scaledIterations {
                blackHole(try CSVImporter(mapping: mapping).importFile(at: url, displayName: nil))
            }
        }
    }

    // The same file checked, as `plus import` does: every cell read and checked, no record built.
    Benchmark(
        "CSVImporter dichiarazioni-regione, 4 MB, checked",
        configuration: .init(
            timeUnits: .microseconds, setup: { blackHole(regionInput.file.url) }, teardown: { regionInput.file.remove() })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let result = try CSVImporter(mapping: dichiarazioniRegione).checkFile(
                at: regionInput.file.url, displayName: nil, onRejected: { _ in })
            precondition(result.rowsAccepted == regionInput.sheet.rows && result.status == .accepted)
            blackHole(result)
        }
    }

    // The same file streamed: records built and counted, never kept.
    Benchmark(
        "CSVImporter dichiarazioni-regione, 4 MB, streaming",
        configuration: .init(
            timeUnits: .microseconds, setup: { blackHole(regionInput.file.url) }, teardown: { regionInput.file.remove() })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var records = 0
            let result = try CSVImporter(mapping: dichiarazioniRegione).importFile(
                at: regionInput.file.url, displayName: nil, onRecord: { _ in records += 1 }, onRejected: { _ in })
            precondition(records == regionInput.sheet.rows && result.status == .accepted)
            blackHole(records)
        }
    }

    // Which mapping reads a file: its header decoded, then every shipped mapping's signature tried.
    Benchmark(
        "MappingMatcher.candidates, shipped mappings, Comune sheet",
        configuration: .init(setup: { blackHole(comuneInput.file.url) }, teardown: { comuneInput.file.remove() })
    ) { benchmark in
        let matcher = MappingMatcher(mappings: shippedMappings)
        for _ in benchmark.scaledIterations {
            let candidates = try matcher.candidates(for: comuneInput.file.url)
            precondition(candidates.first?.mapping.name == "comune-scheda")
            blackHole(candidates)
        }
    }

    // Header binding compares every header cell with every alias through this normal form.
    Benchmark("HeaderName of the 6 header cells", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            for cell in ComuneSheet.header {
                blackHole(HeaderName(cell))
            }
        }
    }

    Benchmark("CSVMapping.load comune-scheda.yaml") { benchmark in
        let url = mappingsFolder.appendingPathComponent("comune-scheda.yaml")
        for _ in benchmark.scaledIterations {
            blackHole(try CSVMapping.load(from: url))
        }
    }
}
