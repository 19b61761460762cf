import Testing
import PlusModel
@testable import PlusExport

@Suite("Export cells sort by Unicode scalars, kinds apart, in one comparison")
struct ExportCellOrderTests {
    static let words = [
        "", "A", "Ales", "Àles", "ales", "Ales ", "Alesa", "Z", "Zeddiani", "Ölbia", "ß", "é", "e\u{301}", "🙂", "€", "Ω",
        "Villa Sant'Antonio", "Villa Verde", "Villaurbana", "095018", "095 018", "0950189",
    ]

    @Test func textFollowsUnicodeScalarOrderWithEveryPair() {
        for a in Self.words {
            for b in Self.words {
                let expected = a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
                    ? -1 : (b.unicodeScalars.lexicographicallyPrecedes(a.unicodeScalars) ? 1 : 0)
                #expect(ExportCell.text(a).ordering(against: .text(b)) == expected, "\(a) vs \(b)")
                #expect((ExportCell.text(a) < .text(b)) == (expected < 0))
            }
        }
    }

    @Test func sortingMatchesThePairwiseOrder() {
        let cells = Self.words.map(ExportCell.text) + [.null, .integer(3), .integer(-2), .money(Money(cents: 5)), .bool(true), .bool(false)]
        let sorted = cells.sorted()
        for (left, right) in zip(sorted, sorted.dropFirst()) {
            #expect(left.ordering(against: right) <= 0)
            #expect(right.ordering(against: left) >= 0)
        }
        #expect(sorted.first == .null)
        #expect(ExportCell.integer(-2).ordering(against: .integer(3)) == -1)
        #expect(ExportCell.bool(false) < .bool(true))
    }
}
