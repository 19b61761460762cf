import Benchmark
import BenchmarkInputs
import PlusCSV
import PlusModel

// About 4 MB in the comune-scheda shape, the rows spread over the 377 Sardinian Comuni.
private let sheet = ComuneSheet(size: .bytes(4_000_000), comuni: SardinianComuni.all.map(\.comune))
// What the importer looks at before reading: the first 64 KiB.
private let head = Array(sheet.bytes.prefix(1 << 16))
private let semicolon = UInt8(ascii: ";")

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        units: [.mallocCountTotal: .count],
        maxDuration: .seconds(3)
    )
    // The sheet is generated outside the measurement.
    let prepare: Benchmark.BenchmarkSetupHook = { blackHole(sheet.rows) }
    let describe: Benchmark.BenchmarkSetupHook = { noteInput("CSVReadingBenchmarks input: \(sheet.summary)") }

    // The source alone: 64 KiB chunks copied out of the bytes, what every read below includes.
    Benchmark("MemoryByteSource 4 MB chunks", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            var source = MemoryByteSource(sheet.bytes)
            var bytes = 0
            while let chunk = try source.nextChunk() { bytes += chunk.count }
            blackHole(bytes)
        }
    }

    // The byte core: libcsv through the reused row buffer, nothing decoded.
    Benchmark("CSVByteReader 4 MB count rows", configuration: .init(timeUnits: .microseconds, setup: describe)) { benchmark in
        for _ in benchmark.scaledIterations {
            var source = MemoryByteSource(sheet.bytes)
            var rows = 0
            try CSVByteReader(delimiter: semicolon).read(from: &source) { _ in rows += 1 }
            precondition(rows == sheet.rows + 1, "header and data rows")
            blackHole(rows)
        }
    }

    // What the C baseline does (count rows, sum the amount column), in Swift over the same core.
    let amounts = MoneyParser(convention: .comma)
    Benchmark("CSVByteReader 4 MB sum amounts (MoneyParser bytes)", configuration: .init(timeUnits: .microseconds, setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            var source = MemoryByteSource(sheet.bytes)
            var total = Money.zero
            try CSVByteReader(delimiter: semicolon).read(from: &source) { row in
                guard row.line > 1, let amount = try? amounts.parse(utf8: row.field(4)) else { return }
                total += amount
            }
            precondition(total == sheet.amountTotal, "every amount read")
            blackHole(total)
        }
    }

    Benchmark("EncodingDetector.detect 64 KiB head", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(EncodingDetector.detect(head: head))
        }
    }

    Benchmark("DelimiterSniffer.sniff 64 KiB head", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(DelimiterSniffer.sniff(head))
        }
    }
}
