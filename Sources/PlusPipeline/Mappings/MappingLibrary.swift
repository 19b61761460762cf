import Foundation
import PlusCSV
import PlusModel

/// The folder of mapping files, and lookup of a mapping by name.
///
/// Found, in order: the folder given on the command line, `$PLUS_MAPPINGS`, `./Mappings`,
/// then beside the executable: `../share/plus/Mappings` (an installed copy) or a `Mappings`
/// folder in one of its parent folders (a build inside the repository).
///
/// ```swift
/// let library = try MappingLibrary.locate(explicit: nil)
/// let mapping = try library.csvMapping(named: "comune-scheda")
/// ```
public struct MappingLibrary: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// A folder someone chose (`--mappings`, or `$PLUS_MAPPINGS` when set) must exist: falling
    /// back to another folder would read other mappings than the ones meant, with no word of it.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MappingLibrary {
        for (chosen, source) in [(explicit, "--mappings"), (environment["PLUS_MAPPINGS"], "PLUS_MAPPINGS")] {
            guard let chosen, !chosen.isEmpty else { continue }
            guard isDirectory(chosen) else { throw PipelineError.chosenMappingsNotFound(path: chosen, source: source) }
            return MappingLibrary(directory: URL.resolvedFile(chosen, isDirectory: true))
        }
        let candidates = ["Mappings"] + besideExecutable(executablePath())
        for candidate in candidates where isDirectory(candidate) {
            return MappingLibrary(directory: URL.resolvedFile(candidate, isDirectory: true))
        }
        throw PipelineError.mappingsNotFound(tried: candidates)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The folders beside `executable` where an installed copy or a build in the repository keeps
    /// its mappings, each once: near the root the parent folders run out, and the error that
    /// lists them named `/Mappings` four times.
    static func besideExecutable(_ executable: URL) -> [String] {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        var found = [folder.appendingPathComponent("../share/plus/Mappings").standardizedFileURL.path]
        for _ in 0..<5 {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent("Mappings").standardizedFileURL.path
            if !found.contains(candidate) { found.append(candidate) }
        }
        return found
    }

    /// The running executable: `/proc/self/exe` on Linux, since `argv[0]` is only `plus` when a
    /// shell or cron found it on `PATH`.
    private static func executablePath() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL.resolvedFile(path)
        }
        return URL.resolvedFile(CommandLine.arguments.first ?? "")
    }

    /// The file of mapping `name` (`name.yaml` or `name.yml`).
    public func url(named name: String) throws -> URL {
        for ext in ["yaml", "yml"] {
            let url = directory.appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw PipelineError.unknownMapping(name: name, available: names())
    }

    public func csvMapping(named name: String) throws -> CSVMapping {
        try CSVMapping.load(from: url(named: name))
    }

    /// The names of the mapping files in the folder (not its subfolders).
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { ($0 as NSString).deletingPathExtension }.sorted()
    }
}
