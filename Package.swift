// swift-tools-version:6.1
import PackageDescription

// One library per concept; the `plus` executable only wires them together.
// Benchmarks live in their own package under Benchmarks/ so that CI's test build stays small.
let package = Package(
    name: "plus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plus", targets: ["plus"]),
        .library(name: "PlusModel", targets: ["PlusModel"]),
        .library(name: "PlusCSV", targets: ["PlusCSV"]),
        .library(name: "PlusXML", targets: ["PlusXML"]),
        .library(name: "PlusValidation", targets: ["PlusValidation"]),
        .library(name: "PlusStore", targets: ["PlusStore"]),
        .library(name: "PlusExport", targets: ["PlusExport"]),
        .library(name: "PlusPipeline", targets: ["PlusPipeline"]),
        .library(name: "PlusReport", targets: ["PlusReport"]),
        .library(name: "PlusWorkbook", targets: ["PlusWorkbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Property tests only: generators for the byte plan's equivalence suites.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C libraries from Debian packages (libcsv-dev, libxml2-dev).
        .systemLibrary(name: "CCSV", path: "Sources/CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // libxlsxwriter (libxlsxwriter-dev) writes the .xlsx export.
        .systemLibrary(
            name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),

        // The canonical plan model: money, enti, services, shares, allocations, diagnostics.
        .target(name: "PlusModel", dependencies: [.product(name: "Crypto", package: "swift-crypto"), "Yams"]),
        // Comune sheets: libcsv byte core, encodings, Italian numbers, declarative mappings.
        // Byte counting in C, which the compiler vectorizes: quote parity and line numbers of large files.
        .target(name: "CByteScan"),
        .target(name: "PlusCSV", dependencies: ["CCSV", "CByteScan", "PlusModel"]),
        // Regional deliberations: libxml2, XSD validation, XPath mappings.
        .target(name: "PlusXML", dependencies: ["CLibXML2", "PlusModel"],
                resources: [.copy("Schemas")]),
        // Workbooks (.xlsx, .ods): ZIP through ZIPFoundation, parts through libxml2's streaming reader;
        // a sheet's rows feed the CSV importer's session, so one mapping reads both.
        .target(name: "PlusWorkbook", dependencies: [
            "CLibXML2", "PlusModel", "PlusCSV", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Rules over one Ambito-year, with a versioned rule set.
        .target(name: "PlusValidation", dependencies: ["PlusModel"]),
        // The store interface and its embedded SQLite implementation.
        .target(name: "PlusStore", dependencies: ["PlusModel", .product(name: "GRDB", package: "GRDB.swift")]),
        // Consolidated datasets: CSV, Italian CSV, JSON, JSON Lines, Data Package, XML.
        .target(name: "PlusExport", dependencies: ["PlusModel", "PlusValidation", "CCSV", "CLibXML2", "PlusXML", "CXLSXWriter"],
                resources: [.copy("Schemas")]),
        // Batch imports, the inbox job, consolidation.
        .target(name: "PlusPipeline", dependencies: [
            "PlusModel", "PlusCSV", "PlusXML", "PlusValidation", "PlusStore", "PlusExport",
            .product(name: "Logging", package: "swift-log"),
            "PlusWorkbook",
        ]),
        // The HTML report for a person: a Codable model from store + validator, rendered with Plot.
        .target(name: "PlusReport", dependencies: [
            "PlusModel", "PlusValidation", "PlusStore", "PlusExport", "PlusPipeline",
            .product(name: "Plot", package: "Plot"),
        ]),
        .executableTarget(name: "plus", dependencies: [
            "PlusModel", "PlusCSV", "PlusXML", "PlusValidation", "PlusStore", "PlusExport", "PlusPipeline", "PlusReport",
            "PlusWorkbook",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Helpers shared by the test targets (a seeded generator, the Oristano test Ambito); not part of any product.
        .target(name: "PlusTestSupport", dependencies: ["PlusModel"], path: "Tests/PlusTestSupport"),
        .testTarget(name: "PlusModelTests", dependencies: ["PlusModel", "PlusTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PlusCSVTests", dependencies: [
            "PlusCSV", "PlusModel", "PlusTestSupport", "Yams", .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlusXMLTests", dependencies: [
            "PlusXML", "PlusModel", "PlusTestSupport", "Yams", .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlusValidationTests", dependencies: ["PlusValidation", "PlusModel", "PlusTestSupport", "Yams"]),
        .testTarget(name: "PlusStoreTests", dependencies: ["PlusStore", "PlusModel", "PlusTestSupport"]),
        .testTarget(name: "PlusExportTests", dependencies: ["PlusExport", "PlusModel", "PlusValidation", "PlusTestSupport"]),
        .testTarget(name: "PlusPipelineTests", dependencies: ["PlusPipeline", "PlusModel", "PlusStore", "PlusValidation", "PlusExport", "PlusTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PlusWorkbookTests", dependencies: ["PlusWorkbook", "PlusCSV", "PlusModel", "PlusPipeline", "PlusExport", "PlusTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlusReportTests", dependencies: [
            "PlusReport", "PlusModel", "PlusStore", "PlusValidation", "PlusPipeline", "PlusTestSupport",
            .product(name: "Plot", package: "Plot"),
        ]),
    ]
)
