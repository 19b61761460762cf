import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import Testing
@testable import PlusWorkbook

/// A mapping reads a workbook's sheet as it reads the CSV of that sheet.
@Suite struct WorkbookImportTests {
    /// The sheet the fixture script gives a sample CSV (see make_fixtures.py).
    static func sheetName(_ csv: URL) -> String {
        let stem = csv.deletingPathExtension().lastPathComponent
        return String(stem.replacingOccurrences(of: "-scheda-2019", with: "").replacingOccurrences(of: "-2019", with: "").prefix(31))
    }

    @Test(arguments: ["oristano.xlsx", "oristano.ods"])
    func theOristanoSheetsGiveTheRecordsOfTheirCSVs(workbook: String) throws {
        let folder = Support.repository.appendingPathComponent("SampleData/oristano")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        let matcher = MappingMatcher(mappings: Support.csvMappings())
        var compared = 0
        for name in files {
            let csv = folder.appendingPathComponent(name)
            guard let mapping = try matcher.candidates(for: csv).first?.mapping else { continue }
            let expected = try CSVImporter(mapping: mapping).importFile(at: csv)
            let actual = try WorkbookImporter(mapping: mapping, sheet: Self.sheetName(csv)).importFile(at: Support.fixture(workbook))
            #expect(actual.status == expected.status, "\(name)")
            #expect(actual.rowsAccepted == expected.rowsAccepted, "\(name)")
            #expect(actual.rowsRejected == expected.rowsRejected, "\(name)")
            #expect(actual.subject == expected.subject, "\(name)")
            // XML turns a line break inside a cell into LF, as Excel and LibreOffice write it; the CSV keeps CRLF.
            let expectedRecords = expected.recordsWithoutProvenance.map { $0.replacingOccurrences(of: "\\r\\n", with: "\\n") }
            #expect(actual.recordsWithoutProvenance == expectedRecords, "\(name)")
            #expect(actual.diagnostics.map(\.code).filter { !$0.hasPrefix("CSV00") } == expected.diagnostics.map(\.code).filter { !$0.hasPrefix("CSV00") }, "\(name)")
            compared += expected.rowsAccepted > 0 ? 1 : 0
        }
        #expect(compared >= 20)
    }

    @Test func provenanceNamesTheSheetAndTheRow() throws {
        let mapping = try Support.mapping("comune-scheda")
        let result = try WorkbookImporter(mapping: mapping, sheet: "comune-cabras").importFile(at: Support.fixture("oristano.xlsx"))
        let first = try #require(result.records.first)
        #expect(first.provenance.file == "oristano.xlsx[comune-cabras]")
        #expect(first.provenance.line == 2)
        #expect(result.file == "oristano.xlsx")
        #expect(result.sha256 == (try Checksum.sha256(fileAt: Support.fixture("oristano.xlsx"))))
    }

    @Test func hiddenSheetsTitleRowsDatesAndFormulasWithoutValue() throws {
        let mapping = try Support.mapping("comune-scheda")
        let result = try WorkbookImporter(mapping: mapping).importFile(at: Support.fixture("varie.xlsx"))
        // The hidden first sheet is passed over; the merged title row above the header is skipped.
        #expect(result.details["sheet"] == "Dichiarazioni")
        #expect(result.details["format"] == "xlsx [Dichiarazioni]")
        #expect(result.details["encoding"] == nil)
        #expect(result.diagnostics.contains { $0.code == "WBK021" })
        #expect(result.status == .accepted)
        #expect(result.rowsAccepted == 2)
        let approved = result.records.compactMap { record -> CivilDate? in
            if case .declaration(let declaration) = record.record { return declaration.approvedOn }
            return nil
        }
        #expect(approved.count == 2 && approved.allSatisfy { $0 == CivilDate(italian: "14/03/2019") })
        // The formula saved without its value is no amount: its row is rejected, naming sheet, row and column letter.
        let rejected = try #require(result.rejectedRows.first)
        #expect(rejected.line == 5)
        let reason = try #require(rejected.reasons.first)
        #expect(reason.location.file == "varie.xlsx[Dichiarazioni]")
        #expect(reason.location.column == "Quota comunale (€) (E)")
        #expect(reason.found == "#N/D")
        let warning = try #require(result.diagnostics.first { $0.code == "WBK020" })
        #expect(warning.expected == "Dichiarazioni!E5")
    }

    @Test func anOpenDocumentSpreadsheetReadsLikeTheWorkbook() throws {
        let mapping = try Support.mapping("comune-scheda")
        let result = try WorkbookImporter(mapping: mapping).importFile(at: Support.fixture("varie.ods"))
        #expect(result.details["format"] == "ods [Dichiarazioni]")
        #expect(result.diagnostics.contains { $0.code == "WBK021" })
        // LibreOffice computed the formula when it saved the file: the third row has its amount.
        #expect(result.rowsAccepted == 3)
        #expect(!result.diagnostics.contains { $0.code == "WBK020" })
        let amounts = result.records.compactMap { record -> Money? in
            if case .declaration(let declaration) = record.record { return declaration.amount }
            return nil
        }
        #expect(amounts == [Money(cents: 1_822_671), Money(cents: 1_148_516), Money(cents: 2_971_187)])
        let approved = result.records.compactMap { record -> CivilDate? in
            if case .declaration(let declaration) = record.record { return declaration.approvedOn }
            return nil
        }
        #expect(approved.count == 3 && approved.allSatisfy { $0 == CivilDate(italian: "14/03/2019") })
    }

    @Test func aNamedSheetThatIsMissingIsNamedInTheRefusal() throws {
        var mapping = try Support.mapping("comune-scheda")
        mapping.sheet = "Inesistente"
        let result = try WorkbookImporter(mapping: mapping).importFile(at: Support.fixture("varie.xlsx"))
        #expect(result.status == .rejected)
        #expect(result.diagnostics.map(\.code) == ["WBK007"])
        #expect(result.diagnostics.first?.message.en.contains("Dichiarazioni") == true)
    }

    @Test func titleRowsThatAreNotMergedArePassedOverWithAWarning() throws {
        // A heading typed in A1 (not merged across the columns) and an empty row above the header.
        let row = Support.row
        let sheet = row(1, ["Comune di Cabras - scheda PLUS 2019"])
            + row(3, ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"])
            + row(4, ["095018", "2019", "SAD", "1.234,56"])
            + row(5, ["095018", "2019", "CDD", "mille"])
        let url = try Support.workbook(sheet: sheet, name: "comune-cabras-scheda-2019.xlsx")
        let fileImport = try FileImport(library: MappingLibrary(directory: Support.repository.appendingPathComponent("Mappings")))
        let recognition = try fileImport.recognise(url)
        guard case .csv(let mapping) = recognition else {
            Issue.record("not recognised: \(recognition)")
            return
        }
        #expect(mapping.name == "comune-scheda")
        guard case .imported(let result, _) = try fileImport.run(url, as: recognition) else {
            Issue.record("not imported")
            return
        }
        #expect(result.status == .accepted)
        #expect((result.rowsRead, result.rowsAccepted, result.rowsRejected) == (2, 1, 1))
        let warning = try #require(result.diagnostics.first { $0.code == "CSV041" })
        #expect(warning.location.line == 3 && warning.location.file == "comune-cabras-scheda-2019.xlsx[Foglio1]")
        // The rejected row's reason names the column by the header's letter, not the title's.
        let reason = try #require(result.rejectedRows.first?.reasons.first)
        #expect(reason.location.column == "Quota comunale (€) (D)")
    }

    @Test func aWorkbookUnderItsSendersOwnNameIsToldByItsRows() throws {
        let row = Support.row
        let fileImport = try FileImport(library: MappingLibrary(directory: Support.repository.appendingPathComponent("Mappings")))
        // The columns fit the Comune's sheet and the regional collection; the name fits neither.
        let header = row(1, ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"])
        let own = try Support.workbook(
            sheet: header + row(2, ["095018", "2019", "SAD", "1,00"]) + row(3, ["095018", "2019", "CDD", "2,00"]), name: "Scheda Cabras.xlsx")
        let many = try Support.workbook(
            sheet: header + row(2, ["095018", "2019", "SAD", "1,00"]) + row(3, ["095038", "2019", "SAD", "2,00"]), name: "Raccolta.xlsx")
        let chosen = { (url: URL) -> String? in
            guard case .csv(let mapping) = try? fileImport.recognise(url) else { return nil }
            return mapping.name
        }
        #expect(chosen(own) == "comune-scheda")
        #expect(chosen(many) == "dichiarazioni-regione")
    }

    @Test func aTemplatesInstructionsSheetIsPassedOverForTheSheetOfTheLayout() throws {
        let row = Support.row
        let fileImport = try FileImport(library: MappingLibrary(directory: Support.repository.appendingPathComponent("Mappings")))
        let instructions = row(1, ["Compilare il foglio Scheda con le quote del Comune."]) + row(2, ["Non modificare le intestazioni."])
        let data = row(1, ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"])
            + row(2, ["095018", "2019", "SAD", "1.234,56"]) + row(3, ["095018", "2019", "CDD", "7,00"])
        let url = try Support.workbook(sheets: [("Istruzioni", instructions), ("Scheda", data)], name: "comune-cabras-scheda-2019.xlsx")
        let recognition = try fileImport.recognise(url)
        guard case .csv(let mapping) = recognition, case .imported(let result, _) = try fileImport.run(url, as: recognition) else {
            Issue.record("not recognised and imported: \(recognition)")
            return
        }
        #expect(mapping.name == "comune-scheda")
        #expect(result.status == .accepted && result.rowsAccepted == 2, "\(result.diagnostics)")
        #expect(result.records.first?.provenance.file == "comune-cabras-scheda-2019.xlsx[Scheda]")
        // `plus import --mapping` reads the same sheet.
        let named = try WorkbookImporter(mapping: mapping).importFile(at: url)
        #expect(named.status == .accepted && named.rowsAccepted == 2)
        // A hidden sheet of the layout is passed over as before; two visible ones are refused, named.
        let hidden = try Support.workbook(
            sheets: [("Istruzioni", instructions), ("Vecchia\" state=\"hidden", data), ("Scheda", data)], name: "comune-cabras-scheda-2019.xlsx")
        #expect(try WorkbookImporter(mapping: mapping).importFile(at: hidden).rowsAccepted == 2)
        let two = try Support.workbook(sheets: [("Istruzioni", instructions), ("2018", data), ("2019", data)], name: "comune-cabras-scheda-2019.xlsx")
        let refused = try WorkbookImporter(mapping: mapping).importFile(at: two)
        #expect(refused.status == .rejected)
        #expect(refused.diagnostics.map(\.code) == ["WBK008"])
        #expect(refused.diagnostics.first?.message.it.contains("«2018», «2019»") == true)
        #expect(refused.diagnostics.first?.message.en.contains("leave only that one visible") == true)
        // A first sheet of the layout is read, whatever follows it.
        let first = try Support.workbook(sheets: [("Scheda", data), ("Istruzioni", instructions), ("Copia", data)], name: "comune-cabras-scheda-2019.xlsx")
        #expect(try WorkbookImporter(mapping: mapping).importFile(at: first).rowsAccepted == 2)
    }

    @Test func hiddenRowsAreReadAndToldInXLSXAndODS() throws {
        let row = Support.row
        let mapping = try Support.mapping("comune-scheda")
        // Row 3 hidden by hand, row 4 filtered out, row 5 hidden but empty (nothing to tell).
        let sheet = row(1, ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"]) + row(2, ["095018", "2019", "SAD", "1,00"])
            + row(3, ["095018", "2019", "CDD", "2,00"]).replacingOccurrences(of: "<row r=\"3\">", with: "<row r=\"3\" hidden=\"1\">")
            + row(4, ["095018", "2019", "UDP", "3,00"]).replacingOccurrences(of: "<row r=\"4\">", with: "<row r=\"4\" hidden=\"true\">")
            + "<row r=\"5\" hidden=\"1\"/>"
        let xlsx = try WorkbookImporter(mapping: mapping).importFile(at: try Support.workbook(sheet: sheet, name: "comune-cabras-scheda-2019.xlsx"))
        #expect(xlsx.status == .accepted && xlsx.rowsAccepted == 3, "\(xlsx.diagnostics)")
        let warning = try #require(xlsx.diagnostics.first { $0.code == "WBK023" })
        #expect(warning.severity == .warning && warning.found == "2" && warning.expected == "Foglio1!3")
        #expect(warning.location.file == "comune-cabras-scheda-2019.xlsx[Foglio1]" && warning.location.line == 3)
        #expect(warning.message.it.contains("sono nascoste (a mano o da un filtro) e sono lette come le altre"))
        #expect(warning.message.en.contains("are hidden (by hand or by a filter) and are read as the others"))
        // A sheet without hidden rows has no such warning.
        let plain = sheet.replacingOccurrences(of: " hidden=\"1\"", with: "").replacingOccurrences(of: " hidden=\"true\"", with: "")
        let shown = try WorkbookImporter(mapping: mapping).importFile(at: try Support.workbook(sheet: plain, name: "comune-cabras-scheda-2019.xlsx"))
        #expect(!shown.diagnostics.contains { $0.code == "WBK023" })

        let office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        func cells(_ texts: [String]) -> String { texts.map { "<table:table-cell office:value-type=\"string\"><text:p>\($0)</text:p></table:table-cell>" }.joined() }
        let rows = "<table:table-row>\(cells(["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"]))</table:table-row>"
            + "<table:table-row>\(cells(["095018", "2019", "SAD", "1,00"]))</table:table-row>"
            + "<table:table-row table:visibility=\"collapse\">\(cells(["095018", "2019", "CDD", "2,00"]))</table:table-row>"
            + "<table:table-row table:visibility=\"filter\" table:number-rows-repeated=\"2\">\(cells(["095018", "2019", "UDP", "3,00"]))</table:table-row>"
            + "<table:table-row table:visibility=\"collapse\" table:number-rows-repeated=\"1000\"><table:table-cell/></table:table-row>"
        let content = "<office:document-content \(office)><office:body><office:spreadsheet><table:table table:name=\"Foglio1\">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>"
        let ods = try Support.zip([("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Data(content.utf8))], name: "comune-cabras-scheda-2019.ods")
        let result = try WorkbookImporter(mapping: mapping).importFile(at: ods)
        let odsWarning = try #require(result.diagnostics.first { $0.code == "WBK023" }, "\(result.diagnostics)")
        #expect(odsWarning.found == "3" && odsWarning.expected == "Foglio1!3")
    }

    @Test func recognitionAndRunReadTheFirstVisibleSheet() throws {
        let fileImport = try FileImport(library: MappingLibrary(directory: Support.repository.appendingPathComponent("Mappings")))
        // Named as a Comune's sheet, as the file-name rule of comune-scheda asks (`comune-*.csv`).
        let url = try Support.temporaryFolder().appendingPathComponent("comune-cabras-scheda-2019.xlsx")
        try FileManager.default.copyItem(at: Support.fixture("varie.xlsx"), to: url)
        let recognition = try fileImport.recognise(url)
        #expect(recognition.target == "dichiarazione")
        guard case .csv(let mapping) = recognition else { return }
        #expect(mapping.name == "comune-scheda")
        guard case .imported(let result, let target) = try fileImport.run(url, as: recognition) else {
            Issue.record("not imported")
            return
        }
        #expect(target == "dichiarazione")
        #expect(result.rowsAccepted == 2)
    }
}
