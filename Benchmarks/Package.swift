// swift-tools-version:6.1
import PackageDescription

/// One suite: an executable target in `Benchmarks/NAME/` that the benchmark plugin finds and runs.
func suite(_ name: String, _ products: [String], inputs: Bool = true) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: "plus") }
            + (inputs ? ["BenchmarkInputs"] : []),
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

// The micro-benchmarks live in their own package so that the main package's test build
// (what CI runs) never resolves or compiles ordo-one/benchmark.
//
//     cd Benchmarks && swift package benchmark
let package = Package(
    name: "plus-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "plus", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Inputs the suites share: the repository's files, a deterministic Comune sheet generator.
        .target(
            name: "BenchmarkInputs",
            dependencies: [.product(name: "PlusModel", package: "plus")],
            path: "Support/BenchmarkInputs"
        ),
        // Money: Italian amount parsing and the largest-remainder split.
        suite("MoneyBenchmarks", ["PlusModel"], inputs: false),
        // Numbers: the importer's byte-level amount reader against the general string parser.
        suite("NumberParsingBenchmarks", ["PlusModel"]),
        // CSV reading: the libcsv byte core over a sheet in memory, encoding detection, delimiter sniffing.
        suite("CSVReadingBenchmarks", ["PlusCSV", "PlusModel"]),
        // Mapping: whole imports through the shipped mappings, mapping choice, header names.
        suite("MappingBenchmarks", ["PlusCSV", "PlusModel"]),
        // Rules: the Validator over the sample Ambito-year and a large synthetic one; the fund allocation.
        suite("RuleBenchmarks", ["PlusModel", "PlusValidation", "PlusStore", "PlusPipeline"]),
    ]
)
