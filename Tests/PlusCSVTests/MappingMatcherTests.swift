import Foundation
import Testing
@testable import PlusCSV

@Suite("Choosing the mapping of an inbox file")
struct MappingMatcherTests {
    static let all: [CSVMapping] = {
        let names = ["capofila-servizi", "capofila-riparto", "comune-scheda", "asl-dichiarazione", "provincia-dichiarazione", "ambiti-membri", "istat-comuni"]
        return names.map { try! Support.mapping($0) }
    }()

    @Test(arguments: [
        ("capofila-servizi-2019.csv", "capofila-servizi"), ("capofila-riparto-2019.csv", "capofila-riparto"),
        ("comune-siamaggiore-scheda-2019.csv", "comune-scheda"), ("comune-zeddiani-scheda-2019.csv", "comune-scheda"),
        ("asl5-dichiarazione-2019.csv", "asl-dichiarazione"), ("provincia-or-dichiarazione-2019.csv", "provincia-dichiarazione"),
    ])
    func everySampleFindsItsMapping(file: String, expected: String) throws {
        let url = Support.repository.appendingPathComponent("SampleData/oristano/\(file)")
        let candidates = try MappingMatcher(mappings: Self.all).candidates(for: url)
        #expect(candidates.first?.mapping.name == expected)
        #expect(candidates.count < 2 || candidates[0].score > candidates[1].score)
    }

    @Test func aRenamedSheetIsStillKnownByItsHeader() throws {
        let source = Support.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv")
        let renamed = FileManager.default.temporaryDirectory.appendingPathComponent("Scheda Cabras definitiva (2).csv")
        try? FileManager.default.removeItem(at: renamed)
        try FileManager.default.copyItem(at: source, to: renamed)
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: renamed).first?.mapping.name == "comune-scheda")
    }

    @Test(arguments: ["COMUNE-CABRAS-SCHEDA-2019.CSV", "Comune-Cabras-Scheda-2019.Csv", "comune-cabras-scheda-2019.csv"])
    func aFilesNameFitsItsMappingWhateverTheCaseOfItsLetters(name: String) {
        #expect(MappingMatcher.nameFits("comune-*.csv", name))
        let fits = MappingMatcher(mappings: Self.regional).candidates(header: Self.header, fileName: name)
        #expect(fits.map(\.mapping.name) == ["comune-scheda", "dichiarazioni-regione"])
        #expect(fits[0].score > fits[1].score, "the name must tell the Comune's sheet from the collection")
        #expect(!MappingMatcher.nameFits("comune-*.csv", "scheda-comune-cabras.csv"))
    }

    static let regional = ["comune-scheda", "dichiarazioni-regione"].map { try! Support.mapping($0) }
    static let header = ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"]

    @Test func mappingsThatFitEquallyAreToldApartByTheSubjectsOfTheRows() {
        let row = { (code: String, year: String) in [code, year, "SAD", "Servizio", "1,00", ""] }
        let tell = { (rows: [[String]], index: Int) in MappingMatcher.byRows(Self.regional, rows: rows, headerIndex: index).map(\.name) }
        // One Comune and one year, its code written with or without the leading zero: a Comune's own sheet.
        #expect(tell([Self.header, row("095018", "2019"), row("95018", "2019"), row("095018", "2019")], 0) == ["comune-scheda"])
        // A totals row and an empty line name no subject.
        #expect(tell([Self.header, row("095018", "2019"), ["", "", "", "TOTALE", "1,00", ""], row("Totale", ""), []], 0) == ["comune-scheda"])
        // Several Comuni, or one Comune over several years: a collection.
        #expect(tell([Self.header, row("095018", "2019"), row("095038", "2019")], 0) == ["dichiarazioni-regione"])
        #expect(tell([Self.header, row("095018", "2018"), row("095018", "2019")], 0) == ["dichiarazioni-regione"])
        // The header below a title row: the rows after it are read.
        #expect(tell([["Scheda del Comune di Cabras"], Self.header, row("095018", "2019")], 1) == ["comune-scheda"])
        // No data row, or none with a code: still ambiguous.
        #expect(tell([Self.header], 0) == ["comune-scheda", "dichiarazioni-regione"])
        #expect(tell([Self.header, row("Cabras", "2019")], 0) == ["comune-scheda", "dichiarazioni-regione"])
        // Mappings of one kind are not told apart by rows.
        let twoOwn = MappingMatcher.byRows([Self.regional[0], Self.regional[0]], rows: [Self.header, row("095018", "2019")], headerIndex: 0)
        #expect(twoOwn.count == 2)
    }

    @Test func anUnknownLayoutHasNoCandidate() throws {
        let url = try TemporaryFile.write(Array("colonna1;colonna2\n1;2\n".utf8))
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: url).isEmpty)
    }

    @Test func aCurrencyWordAtAHeadersEndSaysWhatTheEuroSignSays() {
        let euro = HeaderName(header: "Quota comunale (€)")
        for spelling in ["Quota comunale (euro)", "QUOTA COMUNALE (EUR)", "Quota comunale in euro", "Quota comunale €", "quota comunale - Euro"] {
            #expect(HeaderName(header: spelling) == euro, "\(spelling)")
        }
        #expect(HeaderName(header: "Importo in euro") == HeaderName(header: "Importo"))
        #expect(HeaderName(header: "Euro") == HeaderName(header: "euro"))
        #expect(HeaderName(header: "Euro").key == "euro")
        // A word ending in the letters is no currency, and a cell's value keeps every word.
        #expect(HeaderName(header: "Importeur") != HeaderName(header: "Import"))
        #expect(HeaderName("Fondi euro") != HeaderName("Fondi"))
        // Both sides: a sheet's "(euro)" binds the mapping's "Quota comunale (€)".
        let url = try? TemporaryFile.write(Array("Codice ISTAT;Anno;Cod. servizio;Quota comunale (euro)\n095018;2019;SAD;1.234,56\n".utf8))
        let result = url.flatMap { try? CSVImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: $0) }
        #expect(result?.status == .accepted && result?.rowsAccepted == 1)
    }

    @Test func aMappingThatFixesItsDelimiterReadsTheHeaderAsItSplitsIt() throws {
        // The ASL's layout is comma-separated: a semicolon sheet naming its columns is not its file.
        let semicolons = try TemporaryFile.write(Array("anno;ente;codice_servizio;importo\n2019;asl:ASL5;SAD;1234.50\n".utf8))
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: semicolons).allSatisfy { $0.mapping.name != "asl-dichiarazione" })
        let commas = try TemporaryFile.write(Array("anno,ente,codice_servizio,importo\n2019,asl:ASL5,SAD,1234.50\n".utf8))
        #expect(try MappingMatcher(mappings: Self.all).candidates(for: commas).first?.mapping.name == "asl-dichiarazione")
        // Split by its own delimiter, the header may still fit: the mapping is matched against that.
        let matcher = MappingMatcher(mappings: [try Support.mapping("asl-dichiarazione")])
        let split = { (delimiter: UInt8) in delimiter == UInt8(ascii: ",") ? ["anno", "ente", "codice_servizio", "importo"] : [] }
        #expect(matcher.candidates(header: ["anno,ente,codice_servizio,importo"], fileName: "asl.csv", delimiter: UInt8(ascii: ";"), split: split).count == 1)
        #expect(matcher.candidates(header: ["anno", "ente", "codice_servizio", "importo"], fileName: "asl.csv", delimiter: UInt8(ascii: ";")).isEmpty)
    }

    @Test func aFileNamedForAMappingIsToldTheColumnsItsHeaderLacks() throws {
        let matcher = MappingMatcher(mappings: Self.all)
        let nearest = try #require(matcher.nearest(header: ["Codice ISTAT", "Anno", "Cod. servizio", "Spesa"], fileName: "comune-cabras-2019.csv"))
        #expect(nearest.mapping.name == "comune-scheda")
        #expect(nearest.missing == ["Quota comunale (€)|Importo a carico del Comune|Spesa comunale €|Quota comunale|Importo"])
        #expect(matcher.nearest(header: ["Codice ISTAT", "Anno", "Cod. servizio", "Spesa"], fileName: "scheda-cabras.csv") == nil)
    }
}
