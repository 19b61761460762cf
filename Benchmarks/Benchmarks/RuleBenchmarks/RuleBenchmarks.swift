import Benchmark
import BenchmarkInputs
import PlusModel
import PlusValidation

// 150 services × 100 Comuni: about 15,300 cost shares and as many declarations.
private let synthetic = SyntheticYear.make(services: 150, comuni: 100, like: OristanoYear.year)
// The same year with every Comune's declaration one cent off its share: thousands of findings to build.
private let syntheticWithErrors: AmbitoYear = {
    var year = synthetic
    for index in year.declarations.indices where year.declarations[index].ente.kind == .comune {
        year.declarations[index].amount += Money(cents: 1)
    }
    return year
}()

// The 25 Sardinian Ambiti with their populations, and 600 Ambiti the size of Italy's.
private let sardinianAmbiti: [AllocationInput] = Dictionary(grouping: SardinianComuni.all, by: \.ambito)
    .map { AllocationInput(ambito: $0.key, population: $0.value.reduce(0) { $0 + $1.comune.population }) }
    .sorted { $0.ambito < $1.ambito }
private let italianAmbiti: [AllocationInput] = {
    var random = SplitMix64(seed: 600)
    return (0..<600).map { AllocationInput(ambito: "A\($0)", population: .random(in: 5_000...250_000, using: &random)) }
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        units: [.mallocCountTotal: .count],
        maxDuration: .seconds(3)
    )
    let validator = Validator(ruleSet: OristanoYear.ruleSet)

    Benchmark(
        "Validator Oristano 2019 (sample data)",
        configuration: .init(setup: {
            let report = validator.validate(OristanoYear.year)
            precondition(!report.hasErrors, "the sample year validates: \(report.findings.prefix(3))")
        })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(validator.validate(OristanoYear.year))
        }
    }

    Benchmark(
        "Validator synthetic 150 services x 100 Comuni, clean",
        configuration: .init(timeUnits: .microseconds, setup: {
            let report = validator.validate(synthetic)
            precondition(report.findings.isEmpty, "the synthetic year is consistent: \(report.findings.prefix(3))")
            noteInput("synthetic year: \(synthetic.services.count) services, \(synthetic.ambito.comuni.count) Comuni, "
                + "\(synthetic.costShares.count) cost shares, \(synthetic.declarations.count) declarations")
        })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(validator.validate(synthetic))
        }
    }

    Benchmark(
        "Validator synthetic 150 services x 100 Comuni, 15,000 findings",
        configuration: .init(timeUnits: .microseconds, setup: {
            let report = validator.validate(syntheticWithErrors)
            precondition(report.counts.errors == 15_000, "one finding per Comune declaration: \(report.counts)")
        })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(validator.validate(syntheticWithErrors))
        }
    }

    let calculator = AllocationCalculator(rules: OristanoYear.ruleSet.allocation)
    Benchmark("AllocationCalculator 25 Sardinian Ambiti", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(calculator.allocate(year: 2019, fundTotal: Money(cents: 1_861_000_000), among: sardinianAmbiti))
        }
    }

    Benchmark("AllocationCalculator 600 Ambiti") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(calculator.allocate(year: 2019, fundTotal: Money(cents: 40_000_000_000), among: italianAmbiti))
        }
    }
}
