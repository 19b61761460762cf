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
        func row(_ line: Int, _ cells: [String]) -> String {
            let cells = cells.enumerated().map { index, text in
                "<c r=\"\(CellReference.letters(index))\(line)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
            }
            return "<row r=\"\(line)\">\(cells.joined())</row>"
        }
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
