// swift-tools-version:6.1
import PackageDescription

// The libFuzzer target, a package of its own so that the main package's `swift build` and
// `swift test` never see a library without `main`. Build and run it with `../libfuzzer.sh`.
let package = Package(
    name: "PlusFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "plus", path: "../../..")],
    targets: [
        // Declares libFuzzer's driver, which main.swift calls.
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "PlusFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "PlusCSV", package: "plus"),
                .product(name: "PlusXML", package: "plus"),
                .product(name: "PlusModel", package: "plus"),
            ]),
    ]
)
