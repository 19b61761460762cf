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
        let header = try Self.header(of: url).map { HeaderName($0) }
        let fileName = url.lastPathComponent
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

    /// The first row of the file, decoded as the importer would.
    public static func header(of url: URL) throws -> [String] {
        let source = try FileByteSource(url: url)
        let head = try source.peek(1 << 16)
        let detected = EncodingDetector.detect(head: head)
        let bytes = CSVImporter.utf8Head(Array(head.dropFirst(detected.bomLength)), encoding: detected.encoding)
        guard let newline = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? (bytes.isEmpty ? nil : bytes.count) else { return [] }
        let firstLine = Array(bytes[..<newline])
        var source1 = MemoryByteSource(firstLine + [0x0A])
        let delimiter = DelimiterSniffer.sniff(bytes) ?? UInt8(ascii: ";")
        var cells: [String] = []
        let decoder = CellDecoder(encoding: detected.encoding)
        _ = try? CSVByteReader(delimiter: delimiter).read(from: &source1) { row in
            if cells.isEmpty { cells = (0..<row.count).map { decoder.decode(row.field($0)).text.trimmed } }
        }
        return cells
    }
}
