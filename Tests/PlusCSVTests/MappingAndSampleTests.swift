import Foundation
import Testing
import PlusModel
import PlusTestSupport
@testable import PlusCSV

@Suite("Mappings and the shipped sample data")
struct MappingAndSampleTests {
    @Test func headersMatchIgnoringCaseAccentsSpacesAndPunctuation() {
        #expect(HeaderName("Quota comunale (€)") == HeaderName("QUOTA  COMUNALE"))
        #expect(HeaderName("Modalità di gestione") == HeaderName("modalita_di_gestione"))
        #expect(HeaderName("Cod. servizio") != HeaderName("Codice servizio"))
    }

    @Test func asciiHeadersGetTheKeyUnicodeFoldingGives() {
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        for text in ascii + ["Codice ISTAT", "COD_ISTAT", "Quota comunale (EUR) 2019", "codice_servizio", "Anno di riferimento"] {
            #expect(HeaderName(text).key == HeaderName.foldedKey(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Non-ASCII texts are folded once and remembered (``HeaderName/foldedKeys``): asked again,
    /// and asked after the memo has filled and forgotten them, each gives Foundation's key.
    @Test func rememberedFoldingsAreUnicodeFoldings() {
        var generator = SplitMix64(seed: 1_207)
        let pieces = ["Quota", " comunale", " (€)", "à", "È", "ß", "ﬁ", "Ö", "e\u{301}", "İ", "²", "½", "€", "·", "ǅ", "Ω", "日本", "-", "_", "1"]
        var texts: [String] = []
        for _ in 0..<300 {
            texts.append((0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for round in 0..<2 {
            for text in texts {
                #expect(HeaderName(text).key == HeaderName.foldedKey(text), "round \(round): \(text)")
            }
        }
        // More distinct texts than are kept: the memo stays within its bound and its keys stay right.
        for index in 0..<(HeaderName.foldedKeys.capacity + 10) {
            _ = HeaderName("Quota è \(index)")
            #expect(HeaderName.foldedKeys.count <= HeaderName.foldedKeys.capacity)
        }
        for text in texts.prefix(50) {
            #expect(HeaderName(text).key == HeaderName.foldedKey(text), "after forgetting: \(text)")
        }
    }

    /// A closed set of values (a service's kind, a sharing criterion) is compared like headers,
    /// first spelling first, and keeps its spellings as written for the diagnostic.
    @Test func choicesReadValuesAsHeadersAreCompared() {
        let choices = Choices([("sociale", 1), ("socio-sanitario", 2), ("Socio sanitario", 3), ("Modalità", 4)])
        #expect(choices.value(for: "SOCIO SANITARIO") == 2)
        #expect(choices.value(for: "Sociale") == 1)
        #expect(choices.value(for: "modalita") == 4)
        #expect(choices.value(for: "sanitario") == nil)
        // Written exactly as a later spelling of the same key: still the first spelling's value.
        #expect(choices.value(for: "Socio sanitario") == 2)
        #expect(choices.spellings == ["sociale", "socio-sanitario", "Socio sanitario", "Modalità"])
    }

    @Test func badMappingsAreRefusedWithAReason() {
        let unknownField = #expect(throws: MappingError.self) {
            try CSVMapping.parse("name: x\ntarget: dichiarazione\nfields:\n  importo: {headers: [a]}\n  colore: {headers: [b]}\n")
        }
        #expect(unknownField?.message.en.contains("'colore' does not exist") == true)
        let missingRequired = #expect(throws: MappingError.self) {
            try CSVMapping.parse("name: x\ntarget: dichiarazione\nfields:\n  importo: {headers: [a]}\n")
        }
        #expect(missingRequired?.message.it.contains("obbligatorio") == true)
        #expect(throws: MappingError.self) {
            try CSVMapping.parse("name: x\ntarget: comuni\nformat: {encoding: ebcdic}\nfields:\n  codice_istat: {headers: [a]}\n  denominazione: {headers: [b]}\n  popolazione: {headers: [c]}\n")
        }
        #expect(throws: MappingError.self) { try CSVMapping.parse("name: [unterminated") }
    }

    @Test func everyShippedMappingLoads() throws {
        let folder = Support.repository.appendingPathComponent("Mappings")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        var csvMappings = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            guard MappingTarget.allCases.contains(where: { text.contains("target: \($0.rawValue)") }) else { continue }
            _ = try CSVMapping.load(from: folder.appendingPathComponent(file))
            csvMappings += 1
        }
        #expect(csvMappings >= 5)
    }

    @Test func everyOristanoSheetImportsClean() throws {
        let folder = Support.repository.appendingPathComponent("SampleData/oristano")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count == 29)
        var comuni = Set<EnteRef>()
        for file in files {
            let byPrefix = ["capofila-servizi": "capofila-servizi", "capofila-riparto": "capofila-riparto", "capofila-indicatori": "capofila-indicatori", "asl": "asl-dichiarazione", "provincia": "provincia-dichiarazione"]
            let name = byPrefix.first { file.hasPrefix($0.key) }?.value ?? "comune-scheda"
            let result = try CSVImporter(mapping: try Support.mapping(name)).importFile(at: folder.appendingPathComponent(file))
            #expect(result.status == .accepted, "\(file)")
            #expect(result.rowsRejected == 0, "\(file)")
            #expect(!result.records.isEmpty, "\(file)")
            if name == "comune-scheda", let ente = result.subject.ente { comuni.insert(ente) }
        }
        #expect(comuni.count == 24)
    }

    @Test func theBrokenSampleSheetIsCaught() throws {
        let url = Support.repository.appendingPathComponent("SampleData/errati/comune-cabras-scheda-2019-errata.csv")
        let result = try CSVImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: url)
        #expect(result.status == .accepted)
        #expect(result.rejectedRows.map(\.line) == [5, 7])
        #expect(result.errorLines == [5: ["CSV202"], 7: ["CSV201"]])
    }

    @Test func referenceListOfComuni() throws {
        let text = "codice_istat,denominazione,codice_catastale,sigla_provincia,provincia,codice_regione,regione,popolazione_2011\n095038,Oristano,G113,OR,Oristano,20,Sardegna,31155\n"
        let result = try CSVImporter(mapping: try Support.mapping("istat-comuni")).importFile(at: try TemporaryFile.write(Array(text.utf8)))
        #expect(result.records.map(\.record) == [.comune(MemberComune(istatCode: "095038", name: "Oristano", population: 31_155, province: "OR"), ambito: nil)])
    }
}

@Suite("The indicators mapping")
struct IndicatorMappingTests {
    @Test func readsExactDecimalsAndRejectsARowWithAnUnreadableNumber() throws {
        let text = "Anno;Codice servizio;Codice indicatore;Valore obiettivo;Valore rilevato\n2019;SAD;ORE;10,5;9,75\n2019;SAD;UTENTI;120;cento\n"
        let url = try TemporaryFile.write(Array(text.utf8))
        let result = try CSVImporter(mapping: try Support.mapping("capofila-indicatori")).importFile(at: url)
        let indicator = try #require(result.records.first.flatMap { record -> Indicator? in
            if case .indicator(let indicator) = record.record { return indicator }
            return nil
        })
        #expect(indicator.target == ExactDecimal(units: 105, scale: 1) && indicator.actual == ExactDecimal("9.75"))
        #expect(indicator.ambito == "OR" && indicator.year == 2019)
        #expect(result.rejectedRows.map(\.line) == [3])
        #expect(result.errorLines == [3: ["CSV204"]])
        let diagnostic = try #require(result.diagnostics.first { $0.code == "CSV204" })
        #expect(diagnostic.rendered(.it).contains("«cento» in Valore rilevato non è 12 | 12,5 | 1.234,75"))
    }

    /// A number past the limits an indicator is kept in (18 digits, 6 decimals) is refused with
    /// the limits named, in both languages: "non è 12 | 12,5" alone puzzled the reader of a
    /// number; within them, it is read exactly.
    @Test func aNumberPastTheLimitsIsRefusedWithTheLimitsNamed() throws {
        let text = "Anno;Codice servizio;Codice indicatore;Valore obiettivo;Valore rilevato\n"
            + "2019;SAD;A;0,0000001;1\n2019;SAD;B;9223372036854775807;1\n2019;SAD;C;999999999999,999999;-0,000001\n"
        let url = try TemporaryFile.write(Array(text.utf8))
        let result = try CSVImporter(mapping: try Support.mapping("capofila-indicatori")).importFile(at: url)
        #expect(result.errorLines == [2: ["CSV204"], 3: ["CSV204"]])
        for diagnostic in result.diagnostics where diagnostic.code == "CSV204" {
            #expect(diagnostic.rendered(.it).contains("non è 12 | 12,5 | 1.234,75 (al massimo 18 cifre, di cui 6 decimali)"), "\(diagnostic.rendered(.it))")
            #expect(diagnostic.rendered(.en).contains("is not 12 | 12,5 | 1.234,75 (at most 18 digits, 6 of them decimals)"), "\(diagnostic.rendered(.en))")
        }
        let indicators = result.records.compactMap { record -> Indicator? in
            if case .indicator(let indicator) = record.record { return indicator }
            return nil
        }
        #expect(indicators.map(\.target) == [ExactDecimal("999999999999.999999")])
        #expect(indicators.map(\.actual) == [ExactDecimal(units: -1, scale: 6)])
    }
}
