import Foundation
import PlusModel

/// Picks the CSV mapping whose `match` rule fits a file: its header signature and name pattern.
///
/// Each signature entry may list alternatives, `Codice ISTAT|COD_ISTAT`. A mapping that
/// fits both header and name beats one that fits only one of them;
/// two equally good candidates are an ambiguity the caller must report, not resolve.
///
/// ```swift
/// let chosen = try MappingMatcher(mappings: all).candidates(for: url).first
/// ```
public struct MappingMatcher: Sendable {
    public var mappings: [CSVMapping]

    public init(mappings: [CSVMapping]) {
        self.mappings = mappings
    }

    /// Mappings that fit the file, best first; several with the same best score mean ambiguity.
    public func candidates(for url: URL) throws -> [(mapping: CSVMapping, score: Int)] {
        candidates(header: try FileHead.read(url).header, fileName: url.lastPathComponent)
    }

    /// Mappings that fit a file with this header row and name, best first.
    public func candidates(header cells: [String], fileName: String) -> [(mapping: CSVMapping, score: Int)] {
        let header = cells.map { HeaderName($0) }
        return mappings.compactMap { mapping -> (CSVMapping, Int)? in
            guard let rule = mapping.match else { return nil }
            // A stated header signature must fit; the file name then only adds confidence,
            // so a renamed sheet is still recognised by its columns.
            var score = 0
            if let signature = rule.headers, !signature.isEmpty {
                let fits = signature.allSatisfy { entry in
                    entry.split(separator: "|").contains { header.contains(HeaderName(String($0))) }
                }
                guard fits else { return nil }
                score += 2
            }
            if let pattern = rule.filename {
                if fnmatch(pattern, fileName, 0) == 0 {
                    score += 1
                } else if score == 0 {
                    return nil
                }
            }
            return score > 0 ? (mapping, score) : nil
        }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.name < $1.0.name) }
    }

    /// The first row of the file, decoded as the importer would (see ``FileHead``).
    public static func header(of url: URL) throws -> [String] {
        try FileHead.read(url).header
    }
}
