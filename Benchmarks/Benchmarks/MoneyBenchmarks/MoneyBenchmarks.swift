import Benchmark
import PlusModel

// Amounts as Comune sheets write them: grouped and ungrouped, negative, blank-padded.
private let italianAmounts: [String] = [
    "1.234,56", "0,00", "12,5", "1234567,89", "-4.500,00", " 98.765.432,10 ", "7", "315,20",
]

// Populations of the 24 Comuni of the Oristano Ambito (ISTAT 2011), the weights of a real split.
private let oristanoPopulations: [Int64] = [
    623, 1331, 697, 9094, 1604, 1775, 1792, 1207, 31155, 1486, 2165, 3213,
    2493, 4765, 647, 935, 379, 3305, 2485, 406, 329, 2384, 1156, 418,
]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(2)
    )

    let comma = MoneyParser(convention: .comma)
    Benchmark("MoneyParser.parse comma x1000", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            for text in italianAmounts {
                blackHole(try? comma.parse(text))
            }
        }
    }

    let auto = MoneyParser(convention: .auto)
    let unambiguous = italianAmounts.filter { !$0.contains(".") }
    Benchmark("MoneyParser.parse auto x1000", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            for text in unambiguous {
                blackHole(try? auto.parse(text))
            }
        }
    }

    // Exports write every amount back in the Italian convention.
    let amounts = (0..<8).map { Money(cents: Int64($0) * 123_456_789 + 7) }
    Benchmark("Money.formatted italian x1000", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            for amount in amounts {
                blackHole(amount.formatted(.italian))
            }
        }
    }

    // A service cost split among the Comuni of one Ambito by population.
    let cost = Money(cents: 123_456_789)
    Benchmark("Money.split 24 Comuni x1000", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(cost.split(weights: oristanoPopulations))
        }
    }

    // The regional fund split among the 25 Ambiti, then every Ambito among its ~300 Comuni (Italy scale).
    let largeWeights: [Int64] = (0..<7_900).map { Int64(500 + ($0 * 7_919) % 60_000) }
    Benchmark("Money.split 7,900 Comuni") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Money(cents: 1_861_000_000).split(weights: largeWeights))
        }
    }
}
