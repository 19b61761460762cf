import Benchmark
import BenchmarkInputs
import PlusModel

// 1,000 amounts as the sheets write them (0,00 to 250.000,00, grouped), the same for every parser.
private let amounts: [Money] = {
    var random = SplitMix64(seed: 11)
    return (0..<1_000).map { _ in Money(cents: Int64.random(in: 0...25_000_000, using: &random)) }
}()
private let texts = amounts.map { $0.formatted(.italian) }
private let fields = texts.map { Array($0.utf8) }
private let expectedTotal = amounts.sum()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        units: [.mallocCountTotal: .count],
        maxDuration: .seconds(2)
    )
    let prepare: Benchmark.BenchmarkSetupHook = { blackHole(fields.count + texts.count) }

    // The importer's hot path: straight from the field's bytes, no String.
    let bytes = MoneyParser(convention: .comma)
    Benchmark("MoneyParser.parse(utf8:) bytes, 1,000 amounts", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = Money.zero
            for field in fields {
                total += field.withUnsafeBufferPointer { try? bytes.parse(utf8: $0) }!
            }
            precondition(total == expectedTotal)
            blackHole(total)
        }
    }

    // The general parser on the same amounts, already Strings.
    let comma = MoneyParser(convention: .comma)
    Benchmark("MoneyParser.parse strings, 1,000 amounts", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = Money.zero
            for text in texts {
                total += try comma.parse(text)
            }
            precondition(total == expectedTotal)
            blackHole(total)
        }
    }

    // The general path from bytes, without the byte entry: decode the field, then parse the String.
    Benchmark("String(decoding:) + MoneyParser.parse, 1,000 amounts", configuration: .init(setup: prepare)) { benchmark in
        for _ in benchmark.scaledIterations {
            var total = Money.zero
            for field in fields {
                total += try comma.parse(String(decoding: field, as: UTF8.self))
            }
            precondition(total == expectedTotal)
            blackHole(total)
        }
    }
}
