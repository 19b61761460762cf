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

    @Test func rowsSortByPrimaryKeyWhetherOrNotTheyCameInOrder() {
        let columns = ["ambito", "anno", "nota"].map {
            ExportColumn($0, $0 == "anno" ? .integer : .string, description: .init(it: $0, en: $0))
        }
        func dataset(_ rows: [(String, Int, String)]) -> ExportDataset {
            ExportDataset(
                name: "prova", title: .init(it: "Prova", en: "Test"), columns: columns, primaryKey: ["ambito", "anno"],
                rows: rows.map { [.text($0.0), .integer($0.1), .text($0.2)] })
        }
        let sorted = [("ALA", 2019, "a"), ("ALA", 2020, "b"), ("ORI", 2019, "c"), ("Àles", 2019, "d")]
        var inOrder = dataset(sorted)
        inOrder.sortRows()
        #expect(inOrder == dataset(sorted))
        var shuffled = dataset([sorted[3], sorted[1], sorted[2], sorted[0]])
        shuffled.sortRows()
        #expect(shuffled == dataset(sorted))
        // Equal keys keep their order: the same data gives the same bytes.
        var ties = dataset([("ORI", 2019, "second"), ("ALA", 2019, "x"), ("ORI", 2019, "first")])
        ties.sortRows()
        #expect(ties.rows.map { $0[2] } == [.text("x"), .text("second"), .text("first")])
    }
}
