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
