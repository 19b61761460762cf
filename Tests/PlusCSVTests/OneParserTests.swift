import Foundation
import Testing
import PropertyBased
import PlusModel
@_spi(Testing) @testable import PlusCSV

/// Both paths of the import, the byte-level fast path and the general one, read cells through
/// one parser per type: the same sheet gives the same verdict whichever path reads a row.
@Suite("One parser per cell type: the fast path and the general path agree")
struct OneParserTests {
    /// A Comune sheet mapping; `general` adds a default, read by the byte plan as by the general path.
    static func mapping(general: Bool, requiredNote: Bool = false, requiredDate: Bool = false) throws -> CSVMapping {
        try CSVMapping.parse("""
            name: test-scheda
            version: 1
            target: dichiarazione
            format: { encoding: auto, delimiter: auto, decimal: comma }
            \(general ? "defaults: { ambito: OR }" : "")
            fields:
              ente_istat:    { headers: ["Codice ISTAT"], required: true }
              anno:          { headers: ["Anno"], required: true }
              servizio:      { headers: ["Cod. servizio"], required: true }
              importo:       { headers: ["Quota comunale (€)"], required: true }
              data_delibera: { headers: ["Data delibera"], required: \(requiredDate) }
              note:          { headers: ["Note"], required: \(requiredNote) }
            """)
    }

    /// Imports the rows sequentially and in parallel blocks; both reads must agree and are returned once.
    static func imported(_ rows: [String], mapping: CSVMapping, usesBytePlan: Bool = true) throws -> ImportResult {
        let text = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€);Data delibera;Note\n" + rows.map { $0 + "\n" }.joined()
        let url = try TemporaryFile.write(Array(text.utf8))
        var importer = CSVImporter(mapping: mapping)
        importer.usesBytePlan = usesBytePlan
        let sequential = try importer.importFile(at: url)
        var parallel = importer
        parallel.parallelism = 2
        parallel.blockSize = 16
        #expect(try parallel.importFile(at: url) == sequential)
        return sequential
    }

    @Test(arguments: [false, true])
    func anAmountTooLargeForCentsIsRefusedNeverWrapped(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;100.000.000.000.000.000;;", "095018;2019;S2;100000000000000000;;", "095018;2019;S3;1.234,56;;"],
            mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.amount) == [Money(cents: 123_456)])
        #expect(result.errorLines == [2: ["CSV202"], 3: ["CSV202"]])
        let tooLarge = try #require(result.diagnostics.first { $0.code == "CSV202" })
        #expect(tooLarge.message.it.contains("troppo grande"))
        #expect(tooLarge.message.en.contains("too large"))
    }

    @Test(arguments: [false, true])
    func thousandsGroupedBySpacesAreReadOnEveryPath(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;18 226,71;;", "095018;2019;S2;1\u{00A0}234\u{00A0}567;;", "095018;2019;S3;1\u{202F}000,00 €;;",
             "095018;2019;S4;100 20;;", "095018;2019;S5;070 123 456;;"],
            mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.amount) == [Money(cents: 1_822_671), Money(cents: 123_456_700), Money(cents: 100_000)])
        #expect(result.errorLines == [5: ["CSV202"], 6: ["CSV202"]])
        let misplaced = try #require(result.diagnostics.first { $0.code == "CSV202" })
        #expect(misplaced.message.it.contains("separatori fuori posto"))
    }

    @Test(arguments: [false, true])
    func zerosPastTheCentsAndADashForZeroAreReadOnEveryPath(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;18226,7100;;", "095018;2019;S2;1.234,5600;;", "095018;2019;S3;1,000;;", "095018;2019;S4;12,3456;;",
             "095018;2019;S5; € -   ;;", "095018;2019;S6;--;;"],
            mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.amount) == [Money(cents: 1_822_671), Money(cents: 123_456), Money(cents: 0)])
        #expect(result.errorLines == [4: ["CSV202"], 5: ["CSV202"], 7: ["CSV202"]])
    }

    /// A sheet LibreOffice saved "as shown" from Italy's accounting format: the zero is a dash.
    @Test(arguments: [false, true])
    func aSheetSavedAsShownFromTheAccountingFormatIsReadWhole(general: Bool) throws {
        let result = try Support.importing("libreoffice-accounting-as-shown.csv", Self.mapping(general: general)) {
            $0.usesBytePlan = !general
        }
        #expect(result.declarations.map(\.amount) == [Money(cents: 1_822_671), Money(cents: 0), Money(cents: -123_456_750)])
        #expect(result.codes(.error).isEmpty)
    }

    /// A capofila's split mapping; `general` adds a default, as ``mapping(general:requiredNote:requiredDate:)`` does.
    static func splitMapping(general: Bool) throws -> CSVMapping {
        try CSVMapping.parse("""
            name: test-riparto
            version: 1
            target: riparto
            format: { encoding: auto, delimiter: auto, decimal: comma }
            \(general ? "defaults: { ambito: OR }" : "")
            fields:
              anno:        { headers: ["Anno"], required: true }
              servizio:    { headers: ["Codice servizio"], required: true }
              ente:        { headers: ["Ente"], required: true }
              importo:     { headers: ["Importo"], required: true }
              percentuale: { headers: ["Percentuale"] }
            """)
    }

    /// Imports a capofila's split of `rows` (`Anno;Codice servizio;Ente;Importo;Percentuale`).
    static func split(_ rows: [String], general: Bool) throws -> ImportResult {
        let text = "Anno;Codice servizio;Ente;Importo;Percentuale\n" + rows.map { $0 + "\n" }.joined()
        var importer = CSVImporter(mapping: try splitMapping(general: general))
        importer.usesBytePlan = !general
        return try importer.importFile(at: TemporaryFile.write(Array(text.utf8)))
    }

    /// A capofila's split by percentages, written with four decimals as a spreadsheet may keep them.
    @Test(arguments: [false, true])
    func aPercentageIsReadByTheMoneyParserOnEveryPath(general: Bool) throws {
        let result = try Self.split([
            "2019;S1;095018;1.000,00;41,27 %", "2019;S1;095038;500,00;33,3300", "2019;S1;095040;250,00;25,4",
            "2019;S1;095041;10,00;12,3456", "2019;S1;095042;10,00;101,00",
        ], general: general)
        #expect(result.costShares.map(\.basisPoints) == [4_127, 3_333, 2_540])
        #expect(result.errorLines == [5: ["CSV212"], 6: ["CSV212"]])
        // Said as a percentage, with what to do: not "not an amount, expected 1.234,56".
        let messages = result.diagnostics.filter { $0.code == "CSV212" }.map(\.message)
        #expect(messages.first?.it.contains("«12,3456» in Percentuale non è una percentuale: più di due decimali") == true, "\(messages)")
        #expect(messages.first?.it.contains("arrotondarla nel foglio") == true && messages.first?.it.contains("Atteso 41,27 | 41,27 %") == true)
        #expect(messages.last?.en.contains("'101,00' in Percentuale is not a percentage: it is not between 0 and 100") == true, "\(messages)")
    }

    /// An ente as people type it: blanks around the colon, the kind in capitals, a Comune's code
    /// that lost its zeros (read, and said so); a Comune named by anything but its code is refused.
    @Test(arguments: [false, true])
    func anEnteIsReadByOneParserOnEveryPath(general: Bool) throws {
        let result = try Self.split([
            "2019;S1;ASL : ASL5;100,00;", "2019;S1;Provincia:\u{00A0}OR;50,00;", "2019;S1;comune:95038;10,00;",
            "2019;S1;95040;10,00;", "2019;S1;comune:Cabras;10,00;", "2019;S1;Cabras;10,00;", "2019;S1;asl:;10,00;",
        ], general: general)
        #expect(result.costShares.map(\.ente.description) == ["asl:ASL5", "provincia:OR", "comune:095038", "comune:095040"])
        #expect(result.errorLines == [6: ["CSV209"], 7: ["CSV209"], 8: ["CSV209"]])
        let padded = result.diagnostics.filter { $0.code == "CSV206" }
        #expect(padded.map(\.found) == ["comune:95038", "95040"])
        #expect(padded.map(\.expected) == ["comune:095038", "095040"])
    }

    /// A split that names its enti is read through the Ambito's names, each told (CSV211); a name
    /// the Ambito does not know, or two of its enti share, is refused as before (CSV209).
    @Test(arguments: [false, true])
    func anEnteNamedIsReadThroughItsAmbitosNamesOnEveryPath(general: Bool) throws {
        let ambito = Ambito(
            code: "OR", name: "Oristano", capofila: "095038",
            comuni: [MemberComune(istatCode: "095018", name: "Cabras", population: 9_000),
                     MemberComune(istatCode: "095011", name: "Baratili San Pietro", population: 1_300),
                     MemberComune(istatCode: "095900", name: "Doppio", population: 1),
                     MemberComune(istatCode: "095901", name: "Doppio", population: 1)],
            asl: Signatory(ente: EnteRef(kind: .asl, code: "ASL5"), name: "ASL 5 Oristano"),
            provincia: Signatory(ente: EnteRef(kind: .provincia, code: "OR"), name: "Provincia di Oristano"))
        let rows = [
            "2019;S1;Cabras;100,00;", "2019;S1;COMUNE DI BARATILI SAN PIETRO;50,00;", "2019;S1;asl 5 - oristano;10,00;",
            "2019;S1;Provincia di Oristano;5,00;", "2019;S1;095018;1,00;", "2019;S1;Atlantide;1,00;", "2019;S1;Doppio;1,00;",
        ]
        let text = "Anno;Codice servizio;Ente;Importo;Percentuale\n" + rows.map { $0 + "\n" }.joined()
        let url = try TemporaryFile.write(Array(text.utf8))
        var importer = CSVImporter(mapping: try Self.splitMapping(general: general))
        importer.usesBytePlan = !general
        importer.enteNames = EnteNames(ambito)
        let result = try importer.importFile(at: url)
        #expect(result.costShares.map(\.ente.description) == ["comune:095018", "comune:095011", "asl:ASL5", "provincia:OR", "comune:095018"])
        #expect(result.errorLines == [7: ["CSV209"], 8: ["CSV209"]])
        let named = result.diagnostics.filter { $0.code == "CSV211" }
        #expect(named.map(\.location.line) == [2, 3, 4, 5])
        let first = try #require(named.first)
        #expect(first.rendered(.it).contains("«Cabras» in Ente è un nome, non un codice: letto come comune:095018, l'ente dell'Ambito OR"))
        #expect(first.rendered(.en).contains("'Cabras' in Ente is a name, not a code: read as comune:095018, the ente of Ambito OR"))
        // Without the names, the same sheet refuses every named row.
        importer.enteNames = nil
        let unnamed = try importer.importFile(at: url)
        #expect(unnamed.costShares.map(\.ente.description) == ["comune:095018"])
        #expect(unnamed.diagnostics.filter { $0.code == "CSV209" }.count == 6)
    }

    /// A negative amount with the minus after it, as accounting programs export it.
    @Test(arguments: [false, true])
    func aTrailingMinusIsReadOnEveryPath(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;1.234,56-;;", "095018;2019;S2;-5-;;"], mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.amount) == [Money(cents: -123_456)])
        #expect(result.errorLines == [3: ["CSV202"]])
    }

    @Test(arguments: [false, true])
    func aYearWrittenWithAThousandsDotIsCheckedAgainstTheSheetsYear(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;10,00;;", "095018;2.020;S2;20,00;;", "095018;2.019;S3;30,00;;"],
            mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.service) == ["S1", "S3"])
        #expect(result.declarations.map(\.year) == [2019, 2019])
        #expect(result.errorLines == [3: ["CSV104"]])
        let otherYear = try #require(result.diagnostics.first { $0.code == "CSV104" })
        #expect(otherYear.found == "2020")
        #expect(otherYear.expected == "2019")
    }

    @Test(arguments: [false, true])
    func aDateIsReadByOneParserOnEveryPath(general: Bool) throws {
        let result = try Self.imported(
            ["095018;2019;S1;10,00;14/03/2019;", "095018;2019;S2;10,00;14.03.2019;", "095018;2019;S3;10,00;2019-03-14;",
             "095018;2019;S4;10,00;14-3-2019;", "095018;2019;S5;10,00;14/03/19;", "095018;2019;S6;10,00;14 marzo 2019;",
             "095018;2019;S7;10,00;14-mar-2019;", "095018;2019;S8;10,00;14 marz 2019;"],
            mapping: Self.mapping(general: general), usesBytePlan: !general)
        #expect(result.declarations.map(\.service) == ["S1", "S2", "S3", "S4", "S6", "S7"])
        #expect(result.declarations.allSatisfy { $0.approvedOn == CivilDate(year: 2019, month: 3, day: 14) })
        #expect(result.errorLines == [6: ["CSV207"], 9: ["CSV207"]])
    }

    @Test(arguments: [false, true])
    func aRequiredNoteOrDateIsRequiredOnEveryPath(general: Bool) throws {
        let notes = try Self.imported(
            ["095018;2019;S1;10,00;;nota", "095018;2019;S2;20,00;;", "095018;2019;S3;30,00;;  "],
            mapping: Self.mapping(general: general, requiredNote: true), usesBytePlan: !general)
        #expect(notes.declarations.map(\.service) == ["S1"])
        #expect(notes.errorLines == [3: ["CSV201"], 4: ["CSV201"]])
        let dates = try Self.imported(
            ["095018;2019;S1;10,00;06/10/2019;", "095018;2019;S2;20,00;;"],
            mapping: Self.mapping(general: general, requiredDate: true), usesBytePlan: !general)
        #expect(dates.declarations.map(\.service) == ["S1"])
        #expect(dates.errorLines == [3: ["CSV201"]])
    }

    @Test func theFastPathAndTheGeneralPathGiveTheSameRecords() throws {
        var generator = Xoshiro(case: 2019, of: "fast and general path")
        var rows: [String] = []
        for index in 0..<400 {
            let cents = Int64(bitPattern: generator.next()) >> (generator.next() % 64)
            let amount = index % 3 == 0 ? Money(cents: cents).formatted(.plain) : Money(cents: cents).formatted(.italian)
            let year = ["2019", "2.019", "2020", "219", "20 19"][Int(generator.next() % 5)]
            rows.append("095018;\(year);S\(index);\(amount);;")
        }
        let fast = try Self.imported(rows, mapping: Self.mapping(general: false))
        let general = try Self.imported(rows, mapping: Self.mapping(general: false), usesBytePlan: false)
        #expect(fast.declarations.map(\.amount) == general.declarations.map(\.amount))
        #expect(fast.declarations.map(\.year) == general.declarations.map(\.year))
        #expect(fast.rejectedRows.map(\.line) == general.rejectedRows.map(\.line))
        #expect(fast.codes(.error) == general.codes(.error))
    }

    @Test func theSheetsAmbitoIsRecordedWhicheverPathReadsTheRows() throws {
        let mapping = try CSVMapping.parse("""
            name: test-ambito
            target: dichiarazione
            format: { decimal: comma }
            fields:
              ente_istat: { headers: ["Codice ISTAT"], required: true }
              anno:       { headers: ["Anno"], required: true }
              servizio:   { headers: ["Cod. servizio"], required: true }
              importo:    { headers: ["Quota comunale (€)"], required: true }
              ambito:     { headers: ["Ambito"] }
            """)
        let text = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€);Ambito\n"
            + (0..<50).map { "095018;2019;S\($0);\($0),00;OR\n" }.joined()
        let url = try TemporaryFile.write(Array(text.utf8))
        for importer in CheckingTests.importers(mapping) {
            let (streamed, records) = try CheckingTests.streamed(importer, url)
            #expect(streamed.subject.ambito == "OR")
            #expect(records.count == 50)
            #expect(try CheckingTests.checked(importer, url).subject.ambito == "OR")
        }
    }
}
