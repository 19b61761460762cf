import Foundation

/// The `plus` repository the benchmarks run against, found from this source file, not the working folder.
///
/// `swift package benchmark` runs the suites from wherever it is called; `#filePath` is the
/// one stable anchor (`Benchmarks/Support/BenchmarkInputs/` sits three folders below the root).
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file or folder of the repository, e.g. `Mappings/comune-scheda.yaml`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
