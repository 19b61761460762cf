import Testing
import PlusModel
@testable import PlusCSV

@Suite("Italian numbers, dates and bad cells, row by row")
struct NumbersAndCellsTests {
    @Test func everyNumberFormUnderAuto() throws {
        let result = try Support.importing("numbers.csv", Support.comuneMapping(decimal: "auto"))
        let amounts = Dictionary(uniqueKeysWithValues: result.declarations.map { ($0.service, $0.amount.cents) })
        #expect(amounts == ["A": 123_456, "B": 123_456, "C": 123_456, "D": -123_456, "E": -123_456])
        #expect(result.errorLines == [7: ["CSV203"], 8: ["CSV202"], 9: ["CSV202"]])
        let ambiguous = try #require(result.diagnostics.first { $0.code == "CSV203" })
        #expect(ambiguous.found == "1.234")
        #expect(ambiguous.location.column == "Quota comunale (€)")
        #expect(ambiguous.message.en.contains("ambiguous"))
        #expect(ambiguous.message.it.contains("ambiguo"))
    }

    @Test func theMappingFixesTheConvention() throws {
        let comma = try Support.importing("numbers.csv", Support.comuneMapping(decimal: "comma"))
        #expect(comma.declarations.first { $0.service == "F" }?.amount == Money(cents: 123_400))
        let dot = try Support.importing("dot-decimals.csv", Support.comuneMapping(decimal: "dot"))
        #expect(dot.declarations.map(\.amount) == [Money(cents: 123_456), Money(cents: -50)])
        let dotUnderComma = try Support.importing("dot-decimals.csv", Support.comuneMapping(decimal: "comma"))
        #expect(dotUnderComma.declarations.isEmpty)
        #expect(dotUnderComma.codes(.error) == ["CSV202", "CSV202", "CSV031"])
        #expect(dotUnderComma.codes(.warning) == ["CSV040"])
    }

    @Test func eachBadCellRejectsItsRowWithItsReason() throws {
        let result = try Support.importing("cell-errors.csv")
        #expect(result.status == .accepted)
        #expect(result.rowsRead == 8)
        #expect(result.declarations.map(\.service) == ["SAD", "CDD"])
        #expect(result.errorLines == [
            3: ["CSV205"], 4: ["CSV204"], 5: ["CSV201"], 6: ["CSV207"], 7: ["CSV101"], 8: ["CSV103"],
        ])
        #expect(result.codes(.warning) == ["CSV206"])
        let rejected = try #require(result.rejectedRows.first { $0.line == 3 })
        #expect(rejected.cells == ["95O18", "2019", "SAD", "bad istat", "100,00", "", ""])
        #expect(rejected.reasons.map(\.code) == ["CSV205"])
        #expect(result.rejectedRows.count == 6)
        let otherEnte = try #require(result.diagnostics.first { $0.code == "CSV103" })
        #expect(otherEnte.found == "comune:095038")
        #expect(otherEnte.expected == "comune:095018")
        #expect(result.subject.ente == EnteRef(comune: "095018"))
        #expect(result.subject.year == 2019)
    }

    @Test func diagnosticsAreCappedButRowsAreNotLost() throws {
        var text = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"
        for index in 0..<500 { text += "095018;2019;S\(index);x\(index)\n" }
        let url = try TemporaryFile.write(Array(text.utf8))
        var importer = CSVImporter(mapping: try Support.comuneMapping())
        importer.diagnosticsPerCode = 10
        let result = try importer.importFile(at: url)
        #expect(result.rejectedRows.count == 500)
        #expect(result.codes().filter { $0 == "CSV202" }.count == 10)
        let capped = try #require(result.diagnostics.first { $0.code == "CSV090" })
        #expect(capped.found == "490")
    }

    @Test func messagesInBothLanguages() throws {
        let result = try Support.importing("cell-errors.csv")
        let istat = try #require(result.diagnostics.first { $0.code == "CSV205" })
        #expect(istat.rendered(.it) == "cell-errors.csv:3 [Codice ISTAT] errore CSV205: «95O18» in Codice ISTAT non è un codice ISTAT: atteso 095038. Riga scartata.")
        #expect(istat.rendered(.en) == "cell-errors.csv:3 [Codice ISTAT] error CSV205: '95O18' in Codice ISTAT is not an ISTAT code: expected 095038. Row rejected.")
    }
}
