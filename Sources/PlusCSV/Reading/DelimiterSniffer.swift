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
    /// In order of preference; ``Tally`` counts them in this order.
    public static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]

    public static func sniff(_ head: [UInt8], maxLines: Int = 50) -> UInt8? {
        // Every file is sniffed, twice (recognition, then import), so the loop over its head keeps
        // its counts in locals and tells a candidate by a switch: the same counting as the rule
        // above, which DelimiterSnifferTests keeps as the reference.
        var tally = Tally()
        var inQuotes = false
        head.withUnsafeBufferPointer { bytes in
            for byte in bytes {
                if tally.lines >= maxLines { break }
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if inQuotes { tally.lineHasContent = true; continue }
                switch byte {
                case 0x0A, 0x0D:
                    tally.endLine()
                    continue
                case UInt8(ascii: ";"): tally.current.semicolon += 1
                case UInt8(ascii: "\t"): tally.current.tab += 1
                case UInt8(ascii: ","): tally.current.comma += 1
                default: break
                }
                tally.lineHasContent = true
            }
        }
        if tally.lines < maxLines { tally.endLine() }

        return choose(perLine: tally.counts)
    }

    /// The candidate whose count per line is the most consistent: the same non-zero count on the
    /// most lines. `perLine` holds each candidate's counts, in the order of ``candidates``.
    static func choose(perLine counts: [[Int]]) -> UInt8? {
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

    /// The counts of the lines seen, per candidate in the order of ``candidates``, and of the line being read.
    private struct Tally {
        var counts: [[Int]] = [[], [], []]
        var current = (semicolon: 0, tab: 0, comma: 0)
        var lineHasContent = false
        var lines = 0

        mutating func endLine() {
            if lineHasContent {
                counts[0].append(current.semicolon)
                counts[1].append(current.tab)
                counts[2].append(current.comma)
                lines += 1
            }
            current = (0, 0, 0)
            lineHasContent = false
        }
    }
}
