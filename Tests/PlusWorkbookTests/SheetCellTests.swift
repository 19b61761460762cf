import Foundation
import PlusModel
import Testing
import PlusTestSupport
@testable import PlusWorkbook

/// Cells as the file stores them, and the text a mapping reads of them.
@Suite struct SheetCellTests {
    @Test func sharedStringsRunsFormulasBooleansAndErrors() throws {
        let url = try Support.workbook(
            sheet: """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
                <row r="3"><c r="A3"><f>B3*2</f><v>12.5</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#DIV/0!</v></c>
                <c r="D3" t="str"><f>A1&amp;""</f><v>testo</v></c><c r="E3" s="1"><v>95038</v></c><c r="F3" s="2"><v>43831</v></c>
                <c r="G3"><f>A3+1</f></c><c r="H3" t="inlineStr"><is><r><t>in</t></r><r><t>linea</t></r></is></c></row>
                """,
            sharedStrings: "<si><t>Codice</t></si><si><r><t>Costo </t></r><r><t>totale</t></r><rPh><t>ignored</t></rPh></si>",
            styles: "<numFmts><numFmt numFmtId=\"164\" formatCode=\"[$-410]dd/mm/yyyy\"/></numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"49\"/><xf numFmtId=\"164\"/></cellXfs>")
        var workbook = try Workbook(data: try Data(contentsOf: url))
        let cursor = try workbook.cursor(for: try workbook.sheet(named: nil))
        let first = try #require(try cursor.next())
        #expect(first.line == 1)
        #expect(first.cells == [.text("Codice"), .empty, .text("Costo totale")])
        let third = try #require(try cursor.next())
        #expect(third.line == 3)
        #expect(third.cells == [
            .number("12.5"), .boolean(true), .error("#DIV/0!"), .text("testo"), .text("95038"), .date("43831"),
            .error("#N/D"), .text("inlinea"),
        ])
        #expect(try cursor.next() == nil)
    }

    /// Shared strings kept as one run of bytes give back each string as written: empty ones,
    /// accents, emoji, entities, runs, whitespace-only text, and an index past the last is `#REF!`.
    @Test func sharedStringsComeBackAsWritten() throws {
        var generator = SplitMix64(seed: 31)
        let pieces = ["", "a", "Quota comunale (€)", "àèìòù", "🇮🇹", "  ", "x&y<z", "\u{0301}e", "riga\nnuova"]
        let strings = (0..<300).map { _ in
            (0..<Int(generator.next() % 3)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        // Every other string as two runs, the empty ones as <si/>.
        let table: String = strings.enumerated().map { index, text -> String in
            if text.isEmpty { return index % 2 == 0 ? "<si/>" : "<si><t></t></si>" }
            let cut = text.index(text.startIndex, offsetBy: text.count / 2)
            return index % 2 == 0
                ? "<si><t xml:space=\"preserve\">\(escaped(text))</t></si>"
                : "<si><r><t xml:space=\"preserve\">\(escaped(String(text[..<cut])))</t></r><r><t xml:space=\"preserve\">\(escaped(String(text[cut...])))</t></r></si>"
        }.joined()
        let cells: [String] = (0...strings.count).map { "<c r=\"A\($0 + 1)\" t=\"s\"><v>\($0)</v></c>" }
        let sheet: String = cells.enumerated().map { "<row r=\"\($0.offset + 1)\">\($0.element)</row>" }.joined()
        var workbook = try Workbook(data: try Data(contentsOf: Support.workbook(sheet: sheet, sharedStrings: table)))
        let cursor = try workbook.cursor(for: try workbook.sheet(named: nil))
        for text in strings {
            let row = try #require(try cursor.next())
            #expect(row.cells == [SheetCell.text(text)] || (text.isEmpty && row.cells == [SheetCell.empty]), "\(row.line): \(text.debugDescription)")
        }
        #expect(try cursor.next()?.cells == [.error("#REF!")])
    }

    @Test func numbersKeepTheirDigitsInTheMappingsConvention() {
        #expect(CellText.decimalText("1234.5", separator: ",") == "1234,5")
        #expect(CellText.decimalText("808344.17", separator: ".") == "808344.17")
        #expect(CellText.decimalText("0.30000000000000004", separator: ",") == "0,3")
        #expect(CellText.decimalText("1.1000000000000001", separator: ",") == "1,1")
        #expect(CellText.decimalText("1.5E3", separator: ",") == "1500")
        #expect(CellText.decimalText("-2.5e-2", separator: ".") == "-0.025")
        #expect(CellText.decimalText("150000.0", separator: ",") == "150000")
        #expect(CellText.decimalText("99999999999999999", separator: ",") == "100000000000000000")
        #expect(CellText.decimalText("12abc", separator: ",") == nil)
    }

    @Test func dateSerialsBecomeItalianDates() {
        #expect(CellText.civilDate(serial: 43831) == "01/01/2020")
        #expect(CellText.civilDate(serial: 1) == "01/01/1900")
        #expect(CellText.civilDate(serial: 61) == "01/03/1900")
        #expect(CellText.civilDate(serial: 60) == nil)
        #expect(CellText(decimal: .comma).text(.date("43538.75")) == "14/03/2019")
    }

    @Test func dateFormatsAreToldFromOthers() {
        #expect(CellStyles.showsDate(id: 14, code: nil))
        #expect(CellStyles.showsDate(id: 164, code: "[$-410]dd/mm/yyyy"))
        #expect(!CellStyles.showsDate(id: 164, code: "#,##0.00 [$€-410]"))
        #expect(!CellStyles.showsDate(id: 165, code: "\"dd\" 0"))
        #expect(!CellStyles.showsDate(id: 4, code: nil))
    }
}
