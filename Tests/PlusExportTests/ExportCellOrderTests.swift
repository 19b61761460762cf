import Testing
import PlusModel
@testable import PlusExport
import PlusTestSupport

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

    /// The order a stable sort by the cells gives: the reference the byte keys must match.
    static func cellOrder(of rows: [[ExportCell]], at positions: [Int]) -> [Int] {
        rows.indices.sorted { lhs, rhs in
            let ordering = ExportCell.ordering(rows[lhs], rows[rhs], at: positions)
            return ordering != 0 ? ordering < 0 : lhs < rhs
        }
    }

    @Test("rows sorted by their keys' bytes come in the order of the cells, ties as they were added, on edge and seeded rows")
    func byteKeysOrderRowsAsTheCellsDo() throws {
        // Texts that begin one another, a zero byte, non-ASCII; every kind, mixed in one column.
        let texts = Self.words + ["a\u{0}", "a", "a\u{0}b", "a\u{1}", "\u{0}", "ab"]
        let dates = [(2019, 1, 31), (2019, 2, 1), (1999, 12, 31), (2020, 2, 29)].compactMap { CivilDate(year: $0.0, month: $0.1, day: $0.2) }
        let pool: [ExportCell] = texts.map(ExportCell.text) + dates.map(ExportCell.date) + [
            .null, .bool(false), .bool(true), .integer(0), .integer(-1), .integer(1), .integer(.min), .integer(.max), .integer(256),
            .integer(-256), .money(Money(cents: -5)), .money(Money(cents: 5)), .money(Money(cents: .min)), .money(Money(cents: .max)),
            .basisPoints(4127), .basisPoints(-1), .basisPoints(0),
        ]
        var random = SplitMix64(seed: 14)
        for round in 0..<200 {
            let width = 1 + Int(random.next() % 3)
            let rows = (0..<(1 + Int(random.next() % 300))).map { ordinal -> [ExportCell] in
                // Few values per column in most rounds, so that keys tie and the order of ties counts.
                (0..<width).map { _ in pool[Int(random.next() % UInt64(round % 2 == 0 ? 4 : pool.count))] } + [.integer(ordinal)]
            }
            let positions = Array((0..<width).shuffled(using: &random).prefix(1 + Int(random.next() % UInt64(width))))
            #expect(RowSortKeys.order(of: rows, at: positions) == Self.cellOrder(of: rows, at: positions), "round \(round)")
        }
        // An exact decimal has no byte key: the caller compares the cells.
        let decimal = try #require(ExactDecimal("1.5"))
        #expect(RowSortKeys.order(of: [[.decimal(decimal)], [.integer(1)]], at: [0]) == nil)
    }

    @Test("a dataset sorts the rows it holds by the key, a decimal key too")
    func aSortedDatasetOrdersItsRowsWithOrWithoutByteKeys() throws {
        let decimal = try #require(ExactDecimal("2.25")), smaller = try #require(ExactDecimal("-1"))
        for cells in [[ExportCell.text("b"), .text("a"), .text("b")], [.decimal(decimal), .decimal(smaller), .decimal(decimal)]] {
            let definition = ExportDataset(
                name: "prova", title: .init(it: "Prova", en: "Test"),
                columns: [ExportColumn("chiave", .string, description: .init(it: "c", en: "k")), ExportColumn("n", .integer, description: .init(it: "n", en: "n"))],
                primaryKey: ["chiave"], rows: [])
            let dataset = SortedDataset(definition)
            for (ordinal, cell) in cells.enumerated() { try dataset.append([cell, .integer(ordinal)]) }
            var read: [[ExportCell]] = []
            try dataset.forEachRow { read.append($0) }
            #expect(read.map { $0[1] } == [.integer(1), .integer(0), .integer(2)])
        }
    }
}
