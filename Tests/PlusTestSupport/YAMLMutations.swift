import Foundation

/// Seeded variants of a YAML configuration file, for comparing two readers of it: a line left
/// out, or a value replaced by one of another kind (a list, a mapping, null, a word, a number).
///
/// ```swift
/// for variant in YAMLMutations.variants(of: text, count: 50, seed: 16) { compare(variant) }
/// ```
public enum YAMLMutations {
    /// Values of every kind a field can be given by mistake.
    static let replacements = ["[a, b]", "{x: 1}", "~", "", "forse", "12", "-3", "''", "true", "[]", "{}", "\"2019\"", "[[1]]"]

    /// `count` variants of `text`, each with one line left out or one value replaced.
    public static func variants(of text: String, count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let valued = lines.indices.filter { lines[$0].contains(": ") && !lines[$0].trimmingPrefixSpaces.hasPrefix("#") }
        guard !lines.isEmpty, !valued.isEmpty else { return [] }
        var variants: [String] = []
        for _ in 0..<count {
            var changed = lines
            if Bool.random(using: &generator) {
                changed.remove(at: Int.random(in: lines.indices, using: &generator))
            } else {
                let index = valued.randomElement(using: &generator)!
                let line = lines[index]
                let colon = line.range(of: ": ")!
                changed[index] = line[..<colon.upperBound] + replacements.randomElement(using: &generator)!
            }
            variants.append(changed.joined(separator: "\n"))
        }
        return variants
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: Substring { drop(while: { $0 == " " }) }
}
