import Foundation
import PlusPipeline

/// What `plus --version` prints: the tool's version and the rule sets beside its mappings.
///
/// ```
/// $ plus --version
/// plus 0.3.0
/// rule sets: sardegna-plus v1 (rules/sardegna-plus-v1.yaml)
/// ```
enum PlusVersion {
    /// The version of this build; raised with each release.
    static let number = "0.3.0"

    /// The version the command's configuration carries: the whole ``text`` only when an argument
    /// asks for it, since ArgumentParser prints it only for `--version`; else the first line, which
    /// need only be non-empty for the flag to be offered. The whole text finds the mappings and
    /// reads the rule sets' heads, which every start of `plus` paid for nothing.
    static func configured(arguments: [String] = CommandLine.arguments) -> String {
        arguments.contains { $0.hasPrefix("--version") } ? text : "plus \(number)"
    }

    static var text: String {
        var lines = ["plus \(number)"]
        guard let library = try? MappingLibrary.locate(explicit: nil) else {
            lines.append("rule sets: none found (no mappings folder)")
            return lines.joined(separator: "\n")
        }
        let rules = library.directory.appendingPathComponent("rules")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: rules.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let sets = files.map { file in
            let header = headerFields(of: rules.appendingPathComponent(file))
            return "\(header["name"] ?? file) v\(header["version"] ?? "?") (rules/\(file))"
        }
        lines.append("rule sets: " + (sets.isEmpty ? "none" : sets.joined(separator: ", ")))
        lines.append("mappings: \(library.directory.standardizedFileURL.path)")
        return lines.joined(separator: "\n")
    }

    /// The top-level `name:` and `version:` of a rule set, read from its first lines: enough to
    /// name it without loading the whole set on every start of the tool.
    private static func headerFields(of url: URL) -> [String: String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [:] }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4_096)) ?? Data(), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in head.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, ["name", "version"].contains(String(parts[0])) else { continue }
            fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return fields
    }
}
