// swift-tools-version:6.1
import PackageDescription

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
        // Money: Italian amount parsing and the largest-remainder split.
        .executableTarget(
            name: "MoneyBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlusModel", package: "plus"),
            ],
            path: "Benchmarks/MoneyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Pending until their APIs exist in the main package: CSV reading (PlusCSV),
        // mapping (PlusCSV mappings), rule evaluation (PlusValidation).
    ]
)
