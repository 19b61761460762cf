import Foundation
import Testing
import PlusModel
@_spi(Testing) @testable import PlusCSV

@Suite("Exact counts, a rejection limit, empty and gutted sheets, hints that name the fix")
struct ImportVerdictTests {
    static let header = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"

    /// A Comune sheet with `good` accepted rows then `bad` rows whose amount is not a number.
    static func sheet(good: Int, bad: Int) throws -> URL {
        var text = header
        for index in 0..<good { text += "095018;2019;S\(index);\(index),00\n" }
        for index in 0..<bad { text += "095018;2019;B\(index);x\(index)\n" }
        return try TemporaryFile.write(Array(text.utf8))
    }

    /// A streamed import: the result with the rejected rows it listed, and the records delivered.
    static func streamed(_ importer: CSVImporter, _ url: URL) throws -> (ImportResult, records: Int) {
        var records = 0
        var listed: [RejectedRow] = []
        var result = try importer.importFile(at: url, displayName: nil, onRecord: { _ in records += 1 }, onRejected: { listed.append($0) })
        result.rejectedRows = listed
        return (result, records)
    }

    @Test func countsAreCountedAndOnlyTheListIsCapped() throws {
        let url = try Self.sheet(good: 7, bad: 1_500)
        var importer = CSVImporter(mapping: try Support.comuneMapping())
        importer.maxRejected = 2_000
        let (result, _) = try Self.streamed(importer, url)
        #expect(result.status == .accepted)
        #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (1_507, 7, 1_500))
        #expect(result.rejectedRows.count == 1_500)
        #expect(result.rejectedRowsNotListed == 0)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"rowsRejected\":1500"))
        #expect(json.contains("\"rowsAccepted\":7"))
    }

    @Test func pastTheLimitTheFileIsRejectedWholeWithABoundedList() throws {
        let url = try Self.sheet(good: 7, bad: 1_500)
        for importer in CheckingTests.importers(try Support.comuneMapping()) {
            let (result, records) = try Self.streamed(importer, url)
            #expect(result.status == .rejected)
            #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (1_507, 0, 1_507))
            #expect(result.rejectedRows.count == 1_000)
            #expect(result.rejectedRowsNotListed == 507)
            #expect(records == 7)
            let limit = try #require(result.diagnostics.first { $0.code == "CSV032" })
            #expect((limit.found, limit.expected) == ("1500", "1000"))
            #expect(limit.message.it.contains("rifiutato per intero"))
            #expect(limit.message.en.contains("whole file is rejected"))
            #expect(try CheckingTests.checked(importer, url) == result)
        }
    }

    @Test func theLimitComesFromTheOptionElseTheMapping() throws {
        let url = try Self.sheet(good: 3, bad: 20)
        var mapping = try Support.comuneMapping()
        mapping.maxRejected = 10
        let byMapping = try CSVImporter(mapping: mapping).importFile(at: url)
        #expect(byMapping.status == .rejected)
        #expect(byMapping.codes(.error).last == "CSV032")
        #expect(byMapping.rejectedRows.count == 10)
        var importer = CSVImporter(mapping: mapping)
        importer.maxRejected = 50
        let byOption = try importer.importFile(at: url)
        #expect(byOption.status == .accepted)
        #expect((byOption.rowsAccepted, byOption.rowsRejected, byOption.rejectedRows.count) == (3, 20, 20))
        let parsed = try CSVMapping.parse("""
            name: x
            target: dichiarazione
            max_rejected: 25
            fields:
              ente_istat: { headers: ["Codice ISTAT"] }
              anno: { headers: ["Anno"] }
              servizio: { headers: ["Cod. servizio"] }
              importo: { headers: ["Quota comunale (€)"] }
            """)
        #expect(parsed.maxRejected == 25)
        #expect(throws: MappingError.self) {
            try CSVMapping.parse("""
                name: x
                target: dichiarazione
                max_rejected: -1
                fields:
                  ente_istat: { headers: ["Codice ISTAT"] }
                  anno: { headers: ["Anno"] }
                  servizio: { headers: ["Cod. servizio"] }
                  importo: { headers: ["Quota comunale (€)"] }
                """)
        }
    }

    @Test func aHeaderWithoutDataRowsIsRejectedWhole() throws {
        for text in [Self.header, Self.header + ";;;\n\n;;;\n"] {
            let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try TemporaryFile.write(Array(text.utf8)))
            #expect(result.status == .rejected)
            #expect(result.codes(.error) == ["CSV030"])
            let empty = try #require(result.diagnostics.first { $0.code == "CSV030" })
            #expect(empty.message.it.contains("nessuna riga di dati"))
            #expect(empty.message.en.contains("no data row"))
        }
    }

    @Test func aSheetWithNoAcceptedRowIsRejectedWhole() throws {
        let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try Self.sheet(good: 0, bad: 4))
        #expect(result.status == .rejected)
        #expect(result.codes(.error) == ["CSV202", "CSV202", "CSV202", "CSV202", "CSV031"])
        #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (4, 0, 4))
        #expect(result.rejectedRows.count == 4)
        let none = try #require(result.diagnostics.first { $0.code == "CSV031" })
        #expect(none.found == "4")
        #expect(none.message.en.contains("No data row was accepted (rows read: 4;"))
    }

    /// The Cabras sheet as LibreOffice writes it with English settings: `,` between cells, dot decimals.
    static func cabrasInEnglish() throws -> URL {
        let original = try String(contentsOf: Support.repository.appendingPathComponent("SampleData/oristano/comune-cabras-scheda-2019.csv"), encoding: .utf8)
        let lines = original.split(separator: "\n").map { line in
            line.split(separator: ";", omittingEmptySubsequences: false).enumerated().map { column, cell in
                guard column == 4, cell.contains(",") else { return String(cell) }
                let english = cell.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
                return english.hasSuffix(".00") ? String(english.dropLast(3)) : english
            }.joined(separator: ",")
        }
        return try TemporaryFile.write(Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    @Test func dotDecimalsAreNamedWithTheFix() throws {
        let result = try CSVImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: try Self.cabrasInEnglish())
        #expect(result.details["delimiter"] == ",")
        #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (5, 1, 4))
        let hint = try #require(result.diagnostics.first { $0.code == "CSV040" })
        #expect(hint.severity == .warning)
        #expect(hint.location.line == nil)
        #expect(hint.message.it.contains("`decimal: dot`"))
        #expect(hint.message.en.contains("look written with a dot decimal, e.g. 1234.56"))
        // One slip among many good rows is not a convention problem.
        let one = try Self.sheet(good: 20, bad: 0)
        var text = try String(contentsOf: one, encoding: .utf8)
        text += "095018;2019;Z;12.5\n"
        let slip = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try TemporaryFile.write(Array(text.utf8)))
        #expect(slip.rowsRejected == 1)
        #expect(!slip.codes().contains("CSV040"))
    }

    @Test func aHeaderBelowTitleRowsIsFoundAndTheTitlePassedOverWithAWarning() throws {
        // The same sheet read with the mapping's own header row (1) and with one naming row 3:
        // the same rows and records on every reading path, and a warning that names the header's row.
        let url = Support.fixture("title-rows.csv")
        let named = try CSVImporter(mapping: try Support.comuneMapping(headerRow: 3)).importFile(at: url)
        #expect(named.status == .accepted && named.rowsAccepted == 2)
        for importer in CheckingTests.importers(try Support.comuneMapping()) {
            let found = try importer.importFile(at: url)
            let context = "\(importer.parallelism ?? 0) threads, block \(importer.blockSize), plan \(importer.usesBytePlan)"
            #expect(found.status == .accepted, "\(context)")
            #expect(found.records == named.records, "\(context)")
            #expect((found.rowsRead, found.rowsAccepted, found.rowsRejected) == (named.rowsRead, named.rowsAccepted, named.rowsRejected), "\(context)")
            #expect(found.details["header_line"] == "3", "\(context)")
            #expect(found.diagnostics.filter { $0.code != "CSV041" } == named.diagnostics, "\(context)")
            let warning = try #require(found.diagnostics.first { $0.code == "CSV041" })
            #expect(warning.severity == .warning)
            #expect(warning.found == "3" && warning.expected == "1" && warning.location.line == 3)
            #expect(warning.message.it.contains("le righe sopra sono lette come titolo e non importate"))
            #expect(warning.message.en.contains("The header is on line 3 (row 3 of the sheet) instead of row 1"))
        }
        // A sheet that is simply of another layout gets no such warning, and stays rejected.
        let other = try Support.importing("wrong-mapping.csv")
        #expect(other.status == .rejected && !other.codes().contains("CSV041"))
    }

    @Test func aHeaderPastTheRowsTriedIsNotLookedForFurther() throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n095018;2019;SAD;1,00\n"
        for titles in [10, 11] {
            let text = String(repeating: "Titolo;;;\n", count: titles) + header
            let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try TemporaryFile.write(Array(text.utf8)))
            if titles == 10 {
                // Row 11 is the last tried after row 1.
                #expect(result.status == .accepted && result.rowsAccepted == 1)
                #expect(result.diagnostics.first { $0.code == "CSV041" }?.found == "11")
            } else {
                #expect(result.status == .rejected)
                #expect(result.codes(.error).allSatisfy { $0 == "CSV020" } && !result.codes().contains("CSV041"))
            }
            // Recognition tries the same rows.
            let rows = (0..<(titles + 2)).map { $0 < titles ? ["Titolo", "", "", ""] : ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"] }
            let matched = MappingMatcher(mappings: [try Support.mapping("comune-scheda")]).candidates(rows: rows, fileName: "scheda.csv")
            #expect(matched.candidates.isEmpty == (titles == 11))
            #expect(titles == 11 || matched.row == titles)
        }
    }

    @Test func whatIsKeptOfAFileWithManyBadRowsIsBounded() throws {
        let url = try Self.sheet(good: 2, bad: 5_000)
        for importer in CheckingTests.importers(try Support.comuneMapping()).prefix(2) {
            let (result, _) = try Self.streamed(importer, url)
            #expect(result.status == .rejected)
            #expect(result.rejectedRows.count == 1_000)
            #expect(result.diagnostics.count < 2 * importer.diagnosticsPerCode)
            let limit = try #require(result.diagnostics.first { $0.code == "CSV032" })
            #expect(limit.found == "5000")
        }
    }
}

/// A sheet's totals row is the sum of its rows, not a service: passed over with a warning, on
/// every reading path, and the sheet reads as it would without it.
@Suite struct TotalsRowTests {
    @Test func aTotalsLabelIsAFirstWordAndTheServiceCellIsEmptyOrTheLabel() {
        let rows: [([String], Int?)] = [
            (["", "", "", "Totale", "34.749,40"], 3),
            (["095018", "2019", "TOTALE", "", "1,00"], 2),
            (["TOTALE GENERALE", "", "", "", "1,00"], 0),
            (["", "", "Tot.", "", "1,00"], 2),
            (["", "", "", "  totali:", "1,00"], 3),
            (["095018", "2019", "SAD", "Totale ore di assistenza", "1,00"], nil),  // a service
            (["095018", "2019", "TRASP", "", "1,00"], nil),
            (["095018", "2019", "TOTEM", "", "1,00"], nil),
            (["", "", "", "Totalmente a carico", "1,00"], nil),
            (["", "", "", "", ""], nil),
            (["095018", "2019", "", "Tot", "1,00"], nil),
        ]
        for (cells, expected) in rows {
            #expect(TotalsRow.labelColumn(cells, serviceColumn: 2) == expected, "\(cells)")
        }
    }

    @Test func totalsRowsArePassedOverOnEveryReadingPath() throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Descrizione;Quota comunale (€)\n"
        let rows = "095018;2019;SAD;Totale ore di assistenza;1.000,00\n095018;2019;TRASP;Trasporto;234,56\n"
        let totals = "095018;2019;TOTALE;;1.234,56\nTOTALE GENERALE;;;;1.234,56\n;;;Totali:;1.234,56\n"
        let mapping = try Support.mapping("comune-scheda")
        let plain = try CSVImporter(mapping: mapping).importFile(at: try TemporaryFile.write(Array((header + rows).utf8)))
        let url = try TemporaryFile.write(Array((header + rows + totals).utf8))
        for importer in CheckingTests.importers(mapping) {
            let result = try importer.importFile(at: url)
            let context = "\(importer.parallelism ?? 0) threads, block \(importer.blockSize), plan \(importer.usesBytePlan)"
            #expect(result.status == .accepted, "\(context)")
            #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (2, 2, 0), "\(context)")
            #expect(result.declarations.map { "\($0.service) \($0.amount) \($0.provenance?.line ?? 0)" }
                    == plain.declarations.map { "\($0.service) \($0.amount) \($0.provenance?.line ?? 0)" }, "\(context)")
            #expect(result.details["totals_rows"] == "3", "\(context)")
            let warnings = result.diagnostics.filter { $0.code == "CSV042" }
            #expect(warnings.map(\.found) == ["TOTALE", "TOTALE GENERALE", "Totali:"], "\(context)")
            #expect(warnings.map(\.location.line) == [4, 5, 6], "\(context)")
            #expect(warnings.allSatisfy { $0.severity == .warning })
            #expect(warnings.first?.message.it.contains("Riga di totale («TOTALE») non importata") == true)
            #expect(warnings.first?.message.en.contains("Totals row ('TOTALE') not imported") == true)
        }
        // Reference data has no services: a row named "Totale" there is what it is.
        #expect(MappingTarget.comuni.serviceField == nil)
    }
}

/// Headings inside a sheet's data (`AREA ANZIANI`) are passed over with CSV044, not rejected.
@Suite struct SectionRowTests {
    @Test func aHeadingIsOneLabelAloneWithTheServiceCellBlank() {
        let rows: [([String], Int?)] = [
            (["", "", "", "AREA ANZIANI", ""], 3),
            (["Servizi per i minori", "", "", "", ""], 0),
            (["", "", "  ", "Nota: importi IVA inclusa", " "], 3),
            (["", "", "", "Società della salute", ""], 3),
            (["", "", "", "", "1.234,56"], nil),           // an amount alone: data gone wrong
            (["095018", "", "", "", ""], nil),             // a code alone
            (["", "", "", "2019", ""], nil),
            (["095018", "2019", "", "Assistenza", "1,00"], nil),  // a service without its code
            (["", "", "SAD", "", ""], nil),                // the service cell itself
            (["", "", "", "", ""], nil),
        ]
        for (cells, expected) in rows {
            #expect(SectionRow.labelColumn(cells, serviceColumn: 2) == expected, "\(cells)")
        }
    }

    @Test func headingsArePassedOverOnEveryReadingPath() throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Descrizione;Quota comunale (€)\n"
        let area = { (name: String) in ";;;\(name);\n" }
        let mapping = try Support.mapping("comune-scheda")
        let sheet = header + area("AREA ANZIANI") + "095018;2019;SAD;Assistenza domiciliare;1.000,00\n"
            + "Area minori;;;;\n" + "095018;2019;SET;Educativa;234,56\n;;;;1,00\n"
        let url = try TemporaryFile.write(Array(sheet.utf8))
        for importer in CheckingTests.importers(mapping) {
            let result = try importer.importFile(at: url)
            let context = "\(importer.parallelism ?? 0) threads, block \(importer.blockSize), plan \(importer.usesBytePlan)"
            // The two services are read; the amount alone on the last row is still rejected.
            #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (3, 2, 1), "\(context)")
            #expect(result.declarations.map(\.service) == ["SAD", "SET"], "\(context)")
            #expect(result.details["section_rows"] == "2", "\(context)")
            let warnings = result.diagnostics.filter { $0.code == "CSV044" }
            #expect(warnings.map(\.found) == ["AREA ANZIANI", "Area minori"], "\(context)")
            #expect(warnings.map(\.location.line) == [2, 4], "\(context)")
            #expect(warnings.first?.message.it.contains("Riga di sezione («AREA ANZIANI») non importata") == true)
            #expect(warnings.first?.message.en.contains("Section heading row ('AREA ANZIANI') not imported") == true)
        }
    }
}

/// A Comune's sheet whose rows are mostly of other enti or years is a collection: the file is told
/// so, with the fix (CSV043), as a sheet of dot decimals is (CSV040).
@Suite struct ManySubjectsTests {
    @Test func aSheetOfSeveralEntiOrYearsIsNamedWithTheFix() throws {
        let header = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n"
        let mapping = try Support.mapping("comune-scheda")
        let collection = try TemporaryFile.write(Array((header + "095018;2019;A;1,00\n095019;2019;A;1,00\n095020;2019;A;1,00\n095018;2018;B;1,00\n").utf8))
        for importer in CheckingTests.importers(mapping) {
            let result = try importer.importFile(at: collection)
            let context = "\(importer.parallelism ?? 0) threads, block \(importer.blockSize), plan \(importer.usesBytePlan)"
            #expect(result.codes(.error).sorted() == ["CSV103", "CSV103", "CSV104"], "\(context)")
            let hint = try #require(result.diagnostics.first { $0.code == "CSV043" }, "\(context)")
            #expect(hint.severity == .warning && hint.found == "3" && hint.expected == "4")
            #expect(hint.message.it.contains("un foglio dichiara per un solo ente e un solo anno"))
            #expect(hint.message.en.contains("`single_subject: false`, as dichiarazioni-regione for files dichiarazioni-*.csv"))
        }
        // One slip among the sheet's own rows is no collection.
        let slip = try TemporaryFile.write(Array((header + "095018;2019;A;1,00\n095018;2019;B;1,00\n095019;2019;C;1,00\n").utf8))
        let result = try CSVImporter(mapping: mapping).importFile(at: slip)
        #expect(result.codes(.error) == ["CSV103"])
        #expect(!result.codes().contains("CSV043"))
    }
}
