import Foundation
import PlusModel
import Testing
@testable import PlusExport

@Suite struct CSVWriterTests {
    static let sample = ExportDataset(
        name: "prova", title: .init(it: "Prova", en: "Test"),
        columns: [
            ExportColumn("nome", .string, description: .init(it: "", en: "")),
            ExportColumn("importo", .number, description: .init(it: "", en: "")),
            ExportColumn("numero", .integer, description: .init(it: "", en: "")),
            ExportColumn("data", .date, description: .init(it: "", en: "")),
            ExportColumn("attivo", .boolean, description: .init(it: "", en: "")),
        ],
        primaryKey: ["nome"],
        rows: [
            [.text("Cabras; \"centro\"\nstorico"), .money(Money(cents: -1_250)), .integer(-3), .date(CivilDate(year: 2019, month: 10, day: 6)!), .bool(true)],
            [.text("=1+1"), .money(Money(cents: 123_456)), .null, .null, .bool(false)],
        ])

    func written(_ dialect: CSVDialect) throws -> [UInt8] {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("prova.csv")
        try CSVWriter(dialect: dialect).write(Self.sample, to: url)
        return Array(try Data(contentsOf: url))
    }

    @Test func machineDialectIsRFC4180WithDotDecimals() throws {
        let text = String(decoding: try written(.machine), as: UTF8.self)
        #expect(text == """
            nome,importo,numero,data,attivo\r
            "Cabras; ""centro""\nstorico",-12.50,-3,2019-10-06,true\r
            '=1+1,1234.56,,,false\r

            """)
    }

    @Test func italianDialectHasBOMSemicolonsAndDecimalComma() throws {
        let bytes = try written(.italian)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == """
            nome;importo;numero;data;attivo\r
            "Cabras; ""centro""\nstorico";-12,50;-3;06/10/2019;sì\r
            "'=1+1";1234,56;;;no\r

            """)
    }

    /// Calc keeps `095038` and `20/9` as text only when they are quoted (README, Exports).
    @Test func italianDialectQuotesEveryTextCellAndNothingElse() throws {
        var dataset = Self.sample
        dataset.rows = [[.text("095038"), .money(Money(cents: 100)), .integer(7), .date(CivilDate(year: 2019, month: 10, day: 6)!), .bool(true)],
                        [.text("20/9"), .null, .null, .null, .null]]
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("codici.csv")
        try CSVWriter(dialect: .italian).write(dataset, to: url)
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        #expect(text == "nome;importo;numero;data;attivo\r\n\"095038\";1,00;7;06/10/2019;sì\r\n\"20/9\";;;;\r\n")
        let machine = directory.appendingPathComponent("codici-macchina.csv")
        try CSVWriter(dialect: .machine).write(dataset, to: machine)
        #expect(try String(contentsOf: machine, encoding: .utf8).contains("\r\n095038,1.00,7,2019-10-06,true\r\n"))
    }

    @Test func formulaGuardNeutralisesEveryTriggerAndNothingElse() {
        for text in ["=SUM(A1)", "+39 0783", "-Abbasanta", "@rimborso", "\tx", "\rx"] {
            #expect(FormulaGuard.neutralised(text) == "'" + text)
        }
        for text in ["Cabras", "", "'già", " =spazio", "12=3"] {
            #expect(FormulaGuard.neutralised(text) == text)
        }
    }

    @Test func negativeNumbersStayNumbersWhileTextIsGuarded() {
        #expect(CSVDialect.machine.text(of: .money(Money(cents: -1_250))) == "-12.50")
        #expect(CSVDialect.italian.text(of: .money(Money(cents: -1_250))) == "-12,50")
        #expect(CSVDialect.machine.text(of: .integer(-7)) == "-7")
        #expect(CSVDialect.machine.text(of: .text("-12.50")) == "'-12.50")
        #expect(CSVDialect.italian.text(of: .text("@SUM(1)")) == "'@SUM(1)")
    }

    @Test func longFieldsGrowTheQuotingBuffer() throws {
        var dataset = Self.sample
        let long = String(repeating: "a\"b,", count: 500)
        dataset.rows = [[.text(long), .null, .null, .null, .null]]
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("lungo.csv")
        try CSVWriter(dialect: .machine).write(dataset, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\",,,,\r\n"))
    }
}

extension CSVWriterTests {
    /// Every cell as the dialect spells it, quoted (quotes doubled) where RFC 4180 needs it or
    /// the dialect quotes text: what the writer wrote before it wrote numbers as bytes.
    static func expected(_ dataset: ExportDataset, _ dialect: CSVDialect) -> [UInt8] {
        func field(_ text: String, quote: Bool) -> String {
            let needs = quote || text.utf8.contains { $0 == dialect.delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                || text.first == " " || text.last == " "
            return needs ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let separator = String(UnicodeScalar(dialect.delimiter))
        var text = dataset.columns.map { field($0.name, quote: false) }.joined(separator: separator) + "\r\n"
        for row in dataset.rows {
            text += row.map { cell in
                let isText = if case .text = cell { true } else { false }
                return field(dialect.text(of: cell), quote: isText && dialect.quotesText)
            }.joined(separator: separator) + "\r\n"
        }
        return (dialect.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test func numbersWrittenAsBytesAreTheDialectsSpellingOnSeededValues() throws {
        // A linear congruential sequence: the same values on every run.
        var state: UInt64 = 20_261_130
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        let edges: [Int64] = [0, 1, -1, 5, -5, 9, 10, 99, 100, -100, 101, 12_345, Int64.max, Int64.min, Int64.min + 1]
        let rows: [[ExportCell]] = (0..<4_000).map { index in
            let value = index < edges.count ? edges[index] : Int64(bitPattern: next()) >> (next() % 63)
            let texts = [" a", "a ", " \u{301}x", "x\u{301} ", "a,b", "a;b", "q\"q", "", "=1", "Zeddiani"]
            return [.money(Money(cents: value)), .integer(value), .basisPoints(value), .text(texts[index % texts.count]), .null]
        }
        let dataset = ExportDataset(
            name: "numeri", title: .init(it: "Numeri", en: "Numbers"),
            columns: ["importo", "numero", "percentuale", "testo", "vuoto"].map { ExportColumn($0, .string, description: .init(it: "", en: "")) },
            primaryKey: [], rows: rows)
        var commaBoth = CSVDialect.machine
        commaBoth.decimalComma = true
        for dialect in [CSVDialect.machine, .italian, commaBoth] {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let url = directory.appendingPathComponent("numeri.csv")
            try CSVWriter(dialect: dialect).write(dataset, to: url)
            #expect(Array(try Data(contentsOf: url)) == Self.expected(dataset, dialect))
        }
    }
}
