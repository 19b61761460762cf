import Testing
import PlusModel

/// A finding names the part of a file it is in; a receipt is found by the name the file was sent by.
@Suite("The names a location's file was sent by")
struct SentFileNamesTests {
    @Test func aSheetOrAnExportsPartNamesTheFileSentAndAPlainNameOnlyItself() {
        #expect(SourceLocation(file: "comune-cabras-scheda-2019.xlsx[Dichiarazioni]").sentFileNames
            == ["comune-cabras-scheda-2019.xlsx[Dichiarazioni]", "comune-cabras-scheda-2019.xlsx"])
        #expect(SourceLocation(file: "OR-2019.zip/riparto.csv").sentFileNames == ["OR-2019.zip/riparto.csv", "OR-2019.zip"])
        // Brackets inside a plain name are part of it: nothing is cut.
        #expect(SourceLocation(file: "scheda [v2].csv").sentFileNames == ["scheda [v2].csv"])
        #expect(SourceLocation(file: "cabras.csv").sentFileNames == ["cabras.csv"])
        #expect(SourceLocation(file: "[x]").sentFileNames == ["[x]"])
        #expect(SourceLocation(file: "/x").sentFileNames == ["/x"])
        #expect(SourceLocation(file: "OR-2019.zip/b[c]").sentFileName == "OR-2019.zip")
        #expect(SourceLocation(file: "scheda.xlsx[Foglio1]").sentFileName == "scheda.xlsx")
    }
}
