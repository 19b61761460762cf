import Foundation
import Testing
import PropertyBased
@testable import PlusCSV

/// `DelimiterSniffer.sniff` counts with locals and a switch; the rule as first written (counts in
/// arrays, a candidate found by `firstIndex(of:)`) is kept here as the reference, and both must
/// choose the same delimiter on heads drawn from fixed seeds out of the bytes that matter.
@Suite("The delimiter sniffer agrees with its reference")
struct DelimiterSnifferTests {
    /// The sniffer's counting before it was made fast, unchanged.
    static func reference(_ head: [UInt8], maxLines: Int = 50) -> UInt8? {
        let candidates = DelimiterSniffer.candidates
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
        // The choice among the counts is unchanged, and shared.
        return DelimiterSniffer.choose(perLine: counts)
    }

    /// Delimiters, quotes, line ends, a letter, a digit, a space, a non-ASCII byte and NUL.
    static let alphabet = Array(";,\t\"\r\na1 ".utf8) + [0xC3, 0x00]

    @Test func randomHeadsChooseTheSameDelimiter() {
        var generator = Xoshiro(case: 1, of: "delimiter sniffer")
        var chosen: Set<UInt8?> = []
        for round in 0..<3_000 {
            let length = Int(generator.next() % 400)
            // Some heads lean on one delimiter, so that each wins some rounds.
            let lean = Self.alphabet[Int(generator.next() % 3)]
            let head = (0..<length).map { _ in
                generator.next() % 4 == 0 ? lean : Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))]
            }
            let maxLines = round % 5 == 0 ? Int(generator.next() % 6) : 50
            let expected = Self.reference(head, maxLines: maxLines)
            #expect(DelimiterSniffer.sniff(head, maxLines: maxLines) == expected, "round \(round): \(head) maxLines \(maxLines)")
            chosen.insert(expected)
        }
        // The rounds reach every outcome: each delimiter, and none.
        #expect(chosen == [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t"), nil])
    }

    @Test func everyFixtureChoosesTheSameDelimiter() throws {
        for name in CheckingTests.fixtures {
            let head = Array(try Data(contentsOf: Support.fixture(name)).prefix(FileHead.length))
            #expect(DelimiterSniffer.sniff(head) == Self.reference(head), "\(name)")
        }
    }
}
