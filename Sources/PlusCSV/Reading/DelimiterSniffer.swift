/// Guesses a sheet's delimiter from its first lines: the candidate that splits them most consistently.
///
/// Counts `;`, `,` and tab outside quotes on each of the first lines and prefers the one
/// whose count is the same, and non-zero, on most lines. Italian numbers (`1.234,56`)
/// put commas inside `;`-separated rows; their counts vary, so they lose.
///
/// ```swift
/// DelimiterSniffer.sniff(Array("a;b;c\n1,5;2;3\n".utf8))   // UInt8(ascii: ";")
/// ```
public enum DelimiterSniffer {
    public static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]

    public static func sniff(_ head: [UInt8], maxLines: Int = 50) -> UInt8? {
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        var lines = 0
        func endLine() {
            if lineHasContent {
                for index in candidates.indices { counts[index].append(current[index]) }
                lines += 1
            }
            current = [Int](repeating: 0, count: candidates.count)
            lineHasContent = false
        }
        for byte in head {
            if lines >= maxLines { break }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { lineHasContent = true; continue }
            if byte == 0x0A || byte == 0x0D {
                endLine()
                continue
            }
            lineHasContent = true
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if lines < maxLines { endLine() }

        var best: (delimiter: UInt8, score: Int)?
        for (index, delimiter) in candidates.enumerated() {
            let perLine = counts[index]
            guard !perLine.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for count in perLine where count > 0 { frequency[count, default: 0] += 1 }
            guard let consistent = frequency.values.max() else { continue }
            // Ties go to the earlier candidate: `;` is the Italian default.
            if best == nil || consistent > best!.score {
                best = (delimiter, consistent)
            }
        }
        return best?.delimiter
    }
}
