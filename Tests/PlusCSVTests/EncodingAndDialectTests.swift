import Testing
import PlusModel
@testable import PlusCSV

@Suite("Reading real exports: encodings, delimiters, line ends, quoting")
struct EncodingAndDialectTests {
    @Test(arguments: [
        ("utf8.csv", "utf-8"), ("utf8-bom.csv", "utf-8-bom"), ("windows-1252.csv", "windows-1252"),
        ("utf16le-bom.csv", "utf-16le"), ("utf16be-bom.csv", "utf-16be"),
    ])
    func everyEncodingReadsTheSameSheet(file: String, encoding: String) throws {
        let result = try Support.importing(file)
        #expect(result.status == .accepted)
        #expect(result.details["encoding"] == encoding)
        #expect(result.codes(.error).isEmpty)
        let declarations = result.declarations
        #expect(declarations.map(\.amount) == [Money(cents: 123_456), Money(cents: 200_000)])
        #expect(declarations.first?.note == "Più ore in città")
        #expect(declarations.first?.ente == EnteRef(comune: "095018"))
        #expect(declarations.first?.approvedOn == CivilDate(year: 2019, month: 3, day: 12))
        #expect(declarations.map { $0.provenance?.line } == [2, 3])
        #expect(result.records.allSatisfy { $0.provenance.sha256 == result.sha256 && result.sha256.count == 64 })
    }

    @Test func isoLatin1WhenTheMappingSaysSo() throws {
        let result = try Support.importing("iso-8859-1.csv", Support.comuneMapping(encoding: "iso-8859-1"))
        #expect(result.details["encoding"] == "iso-8859-1")
        #expect(result.declarations.first?.note == "Più ore in città")
        #expect(result.declarations.last?.amount == Money(cents: 200_000))
    }

    @Test func commaDelimitedWithQuotedAmounts() throws {
        let result = try Support.importing("comma-lf.csv")
        #expect(result.details["delimiter"] == ",")
        #expect(result.declarations.map(\.amount) == [Money(cents: 123_456), Money(cents: 200_000)])
    }

    @Test func tabDelimitedCRLF() throws {
        let result = try Support.importing("tab-crlf.csv")
        #expect(result.details["delimiter"] == "tab")
        #expect(result.declarations.count == 2)
    }

    @Test func delimiterCanBeForced() throws {
        let result = try Support.importing("utf8.csv") { $0.delimiter = UInt8(ascii: ",") }
        // Read with the wrong delimiter, the header has no known column: the mapping does not fit.
        #expect(result.status == .rejected)
        #expect(result.codes().contains("CSV020"))
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndNewlinesAndLinesStayTrue() throws {
        let result = try Support.importing("quoted-multiline.csv")
        #expect(result.status == .accepted)
        #expect(result.declarations.map { $0.provenance?.line } == [2, 4])
        #expect(result.declarations.first?.note == "Nota su\r\ndue righe con \"virgolette\"")
        #expect(result.declarations.last?.note == "una\nnota\ndi tre righe")
        #expect(result.rejectedRows.map(\.line) == [7])
        #expect(result.errorLines[7] == ["CSV202"])
    }

    @Test func blankAndTrailingRowsAreSkipped() throws {
        let result = try Support.importing("blank-rows.csv")
        #expect(result.rowsRead == 2)
        #expect(result.rowsRejected == 0)
        #expect(result.details["blank_rows"] == "5")
        #expect(result.declarations.map { $0.provenance?.line } == [2, 5])
    }

    @Test func titleRowsAboveTheHeader() throws {
        let result = try Support.importing("title-rows.csv", Support.comuneMapping(headerRow: 3))
        #expect(result.declarations.count == 2)
        #expect(result.details["header_line"] == "3")
        #expect(result.declarations.first?.provenance?.line == 4)
    }

    @Test func invalidUTF8CellFallsBackWithAWarning() throws {
        let forced = try Support.importing("invalid-utf8-cell.csv", Support.comuneMapping(encoding: "utf-8"))
        #expect(forced.declarations.count == 1)
        #expect(forced.codes(.warning) == ["CSV210"])
        #expect(forced.diagnostics.first { $0.code == "CSV210" }?.found == "Attività")
        // Beyond the detector's window the file is taken as UTF-8; the one Windows-1252 cell is kept too.
        let late = try Support.importing("late-invalid-utf8.csv", Support.comuneMapping())
        #expect(late.details["encoding"] == "utf-8")
        #expect(late.rowsAccepted == 1_501)
        #expect(late.diagnostics.filter { $0.code == "CSV210" }.map(\.location.line) == [1_502])
    }

    @Test func sniffsTheItalianDefault() {
        #expect(DelimiterSniffer.sniff(Array("a;b;c\n1,5;2,25;3\n4;5;6,1\n".utf8)) == UInt8(ascii: ";"))
        #expect(DelimiterSniffer.sniff(Array("a,b,c\n1,\"2;3\",4\n".utf8)) == UInt8(ascii: ","))
        #expect(DelimiterSniffer.sniff(Array("a\tb\n1\t2\n".utf8)) == UInt8(ascii: "\t"))
    }
}
