import Foundation
import PlusTestSupport
import Testing
@testable import PlusModel
@testable import PlusPipeline

/// ``JSONOutput``'s documents, written by ``SortedJSONWriter``, are `JSONEncoder`'s bytes: receipts and
/// run summaries of seeded random outcomes with hostile names and messages, pretty and compact.
@Suite struct JSONOutputEquivalenceTests {
    static let pieces = ["", "comune", " / ", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "è", "e\u{301}",
                         "😀", "</script>", "«Cabras»", "https://example.org/a", "50%", "\r\n", "\u{FEFF}"]

    static func text(_ generator: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
    }

    static func outcome(_ generator: inout SplitMix64) -> FileOutcome {
        let verdicts: [FileOutcome.Verdict] = [.unrecognised, .acceptedWithRejections, .rejected]
        var outcome = ReceiptJSONTests.outcomes()[Int.random(in: 0...1, using: &generator)]
        outcome.file = text(&generator) + ".csv"
        outcome.verdict = verdicts[Int.random(in: 0..<verdicts.count, using: &generator)]
        outcome.rowsRead = Int.random(in: 0...1_000_000, using: &generator)
        if Bool.random(using: &generator) { outcome.mapping = text(&generator) }
        if Bool.random(using: &generator) { outcome.submission = Int64.random(in: 1...Int64.max, using: &generator) }
        outcome.reasons = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            LocalizedText(it: text(&generator), en: text(&generator))
        }
        return outcome
    }

    static func expectSameBytes<Value: Encodable>(_ value: Value, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for pretty in [true, false] {
            let writer = JSONOutput.writer(pretty: pretty)
            let expected = Array(try writer.foundationEncoder.encode(JSONOutput.Versioned(value: value)))
            #expect(try writer.ownBytes(JSONOutput.Versioned(value: value)) == expected, sourceLocation: sourceLocation)
            let wrapped = Array(try writer.foundationEncoder.encode(JSONOutput.Wrapped(items: [value])))
            #expect(try writer.ownBytes(JSONOutput.Wrapped(items: [value])) == wrapped, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 1...30)
    func receiptsAndSummaries(seed: UInt64) throws {
        var generator = SplitMix64(seed: 0x16_0000 + seed)
        let outcomes = (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.outcome(&generator) }
        for outcome in outcomes { try Self.expectSameBytes(outcome) }
        var summary = RunSummary()
        summary.files = outcomes.count
        summary.perFile = outcomes
        summary.validated = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Self.text(&generator) }
        summary.exitCode = Int32.random(in: 0...2, using: &generator)
        try Self.expectSameBytes(summary)
        // `plus run` prints its summary as the object it is, encoded once: the document of `encode`.
        for pretty in [true, false] {
            #expect(try JSONOutput.encodeObject(summary, pretty: pretty) == JSONOutput.encode(summary, pretty: pretty))
        }
    }
}
