import Foundation
import PlusCSV
import PlusModel
import PlusPipeline
import Testing
@testable import PlusWorkbook

/// A number cell is read as its sheet shows it: a formula's `916.66666666666663` under a
/// two-decimal format is `916,67`, as in the CSV saved from the sheet, and the file is told.
@Suite struct ShownNumberTests {
    @Test func roundingIsHalfAwayFromZeroInDecimalText() {
        let cases: [(String, Int, String, Bool)] = [
            ("916.66666666666663", 2, "916.67", true),
            ("4120.8599999999997", 2, "4120.86", false),   // 15 significant digits: 4120.86 as stored
            ("1.005", 2, "1.01", true),                      // as a spreadsheet shows it (the Double is 1.00499…)
            ("9.995", 2, "10.00", true),
            ("999.995", 2, "1000.00", true),
            ("-916.665", 2, "-916.67", true),
            ("-0.004", 2, "0.00", true),
            ("1E-3", 2, "0.00", true),
            ("1234.5", 2, "1234.50", false),
            ("2019", 0, "2019", false),
            ("2019.4", 0, "2019", true),
            ("0.5", 0, "1", true),
            ("12", 3, "12.000", false),
        ]
        for (literal, decimals, expected, changed) in cases {
            let rounded = ShownNumber.rounded(literal, decimals: decimals)
            #expect(rounded?.text == expected, "\(literal) to \(decimals)")
            #expect(rounded?.changed == changed, "\(literal) to \(decimals)")
        }
        #expect(ShownNumber.rounded("abc", decimals: 2) == nil)
    }

    @Test func anXLSXFormatShowsTheDecimalsOfItsFirstSection() {
        let codes: [(String, Int?)] = [
            ("#,##0.00", 2), ("0", 0), ("#,##0", 0), ("0.0#", 2), ("[Red]#,##0.00;(#,##0.00)", 2),
            (#"_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-"#, 2),
            (#"[$€-410]\ #,##0.000"#, 3), (#""Totale: "0.0"#, 1), (#"0.00" pz.""#, 2),
            ("0.00%", nil), ("0.00E+00", nil), ("# ?/?", nil), ("General", nil), ("@", nil),
        ]
        for (code, decimals) in codes {
            #expect(ShownNumber.decimals(formatId: 164, code: code) == decimals, "\(code)")
        }
        #expect(ShownNumber.decimals(formatId: 4, code: nil) == 2)
        #expect(ShownNumber.decimals(formatId: 3, code: nil) == 0)
        #expect(ShownNumber.decimals(formatId: 0, code: nil) == nil)
        #expect(ShownNumber.decimals(formatId: 10, code: nil) == nil)
    }

    @Test func anODSCellShowsTheDecimalsItsTextHas() {
        let cases: [(String, String, Int?)] = [
            ("916.666666666667", "916,67", 2), ("916.666666666667", "€ 916,67", 2), ("-916.666666666667", "(916,67)", 2),
            ("1234.56", "1.234,56 €", 2), ("1234", "1.234", 0), ("1234.5", "1,234.50", 2), ("0.5", "0,50", 2),
            ("0.125", "12,50%", nil), ("1234.5", "1,23E+03", nil), ("12.5", "Anno 2019: 12,5", nil), ("12.5", "", nil),
        ]
        for (literal, shown, decimals) in cases {
            #expect(ShownNumber.decimals(of: literal, shown: shown) == decimals, "\(literal) shown \(shown)")
        }
    }

    /// A sheet of four shares: the amount column formatted `#,##0.00 €` (custom) or General.
    static func workbook(formatted: Bool) throws -> URL {
        let amounts = ["916.66666666666663", "4120.8599999999997", "1.005", "1234.5"]
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Codice ISTAT</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Anno</t></is></c>"
            + "<c r=\"C1\" t=\"inlineStr\"><is><t>Cod. servizio</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>Quota comunale (€)</t></is></c></row>"
        for (index, amount) in amounts.enumerated() {
            let line = index + 2
            rows += "<row r=\"\(line)\"><c r=\"A\(line)\" t=\"inlineStr\"><is><t>095018</t></is></c><c r=\"B\(line)\"><v>2019</v></c>"
                + "<c r=\"C\(line)\" t=\"inlineStr\"><is><t>S\(index)</t></is></c><c r=\"D\(line)\" s=\"1\"><f>B\(line)/3</f><v>\(amount)</v></c></row>"
        }
        let format = formatted ? #"#,##0.00\ &quot;€&quot;"# : "General"
        return try Support.workbook(
            sheet: rows, styles: "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"\(format)\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>",
            name: "comune-cabras-scheda-2019.xlsx")
    }

    static func amounts(_ result: ImportResult) -> [Int64] {
        result.records.compactMap { record in
            if case .declaration(let declaration) = record.record { return declaration.amount.cents }
            return nil
        }
    }

    @Test func anXLSXFormulasResultIsReadAsItsFormatShowsIt() throws {
        let mapping = try Support.mapping("comune-scheda")
        let result = try WorkbookImporter(mapping: mapping).importFile(at: try Self.workbook(formatted: true))
        #expect(result.status == .accepted && result.rowsAccepted == 4)
        #expect(Self.amounts(result) == [91_667, 412_086, 101, 123_450])
        let warning = try #require(result.diagnostics.first { $0.code == "WBK022" })
        #expect(warning.severity == .warning)
        #expect(warning.found == "2")
        #expect(warning.expected == "Foglio1!D2 916,666666666667 → 916,67")
        #expect(warning.location.file == "comune-cabras-scheda-2019.xlsx[Foglio1]" && warning.location.line == 2)
        #expect(warning.message.it.contains("sono lette come il foglio le mostra"))
        #expect(warning.message.en.contains("they are read as the sheet shows them"))
        // Under General a spreadsheet shows no fixed decimals: the value is read as stored, and a
        // share of more than two decimals is refused, as before.
        let general = try WorkbookImporter(mapping: mapping).importFile(at: try Self.workbook(formatted: false))
        #expect(general.rowsAccepted == 2 && general.rowsRejected == 2)
        #expect(!general.diagnostics.contains { $0.code == "WBK022" })
    }

    @Test func anODSNumberIsReadAsItsTextShowsIt() throws {
        let office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        func cell(_ text: String) -> String { "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>" }
        func number(_ value: String, _ shown: String, type: String = "float") -> String {
            "<table:table-cell office:value-type=\"\(type)\" office:value=\"\(value)\"><text:p>\(shown)</text:p></table:table-cell>"
        }
        var rows = "<table:table-row>" + ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"].map(cell).joined() + "</table:table-row>"
        for (index, (value, shown)) in [("916.666666666667", "916,67 €"), ("1234.5", "1.234,50 €"), ("2.5", "2,5")].enumerated() {
            rows += "<table:table-row>\(cell("095018"))\(number("2019", "2019"))\(cell("S\(index)"))\(number(value, shown, type: "currency"))</table:table-row>"
        }
        let content = "<office:document-content \(office)><office:body><office:spreadsheet><table:table table:name=\"Foglio1\">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>"
        let url = try Support.zip([("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Data(content.utf8))], name: "comune-cabras-scheda-2019.ods")
        let result = try WorkbookImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: url)
        #expect(result.status == .accepted && result.rowsAccepted == 3)
        #expect(Self.amounts(result) == [91_667, 123_450, 250])
        let warning = try #require(result.diagnostics.first { $0.code == "WBK022" })
        #expect(warning.found == "1" && warning.expected == "Foglio1!D2 916,666666666667 → 916,67")
    }

    // MARK: - Percentages

    @Test func aPercentageIsAHundredTimesItsValueRoundedAsShown() {
        let shown = { (literal: String, decimals: Int?) in ShownNumber.percentage(literal, decimals: decimals).map { "\($0.text) \($0.changed)" } }
        #expect(shown("0.5", nil) == "50 false")
        #expect(shown("0.41266", 2) == "41.27 true")
        #expect(shown("0.33333333333333331", 2) == "33.33 true")
        #expect(shown("1", 0) == "100 false")
        #expect(shown("0.00001", nil) == "0.001 false")
        #expect(shown("-0.005", 1) == "-0.5 false")
        #expect(shown("1.2345E-2", 2) == "1.23 true")
        #expect(shown("12", nil) == "1200 false")
        #expect(shown("x", 2) == nil)
        #expect(ShownNumber.percentDecimals(formatId: 9, code: nil) == 0 && ShownNumber.percentDecimals(formatId: 10, code: nil) == 2)
        #expect(ShownNumber.percentDecimals(formatId: 164, code: "0.0%") == 1)
        #expect(ShownNumber.percentDecimals(formatId: 164, code: "#,##0.00 %;[Red]-#,##0.00 %") == 2)
        // A quoted or escaped % is text beside the number, which is shown as stored.
        #expect(ShownNumber.percentDecimals(formatId: 164, code: #"0.00" %""#) == nil)
        #expect(ShownNumber.percentDecimals(formatId: 164, code: #"0.00\%"#) == nil)
        #expect(ShownNumber.percentDecimals(formatId: 4, code: nil) == nil && ShownNumber.percentDecimals(formatId: 164, code: "General") == nil)
    }

    static func basisPoints(_ result: ImportResult) -> [Int64?] {
        result.records.compactMap { record in
            if case .costShare(let share) = record.record { return share.basisPoints }
            return nil
        }
    }

    /// The capofila's split with its shares formatted as percentages, as Excel stores them: the
    /// fraction (`0.5`), shown `50,00%`. They were read as 0,5 % and refused past two decimals.
    @Test func anXLSXPercentageIsReadAsItsCellShowsIt() throws {
        let row = Support.row
        var rows = row(1, ["Anno", "Codice servizio", "Ente", "Importo", "Percentuale"])
        for (index, (ente, amount, share)) in [("095038", "500,00", "0.5"), ("095018", "333,33", "0.33333333333333331"), ("095001", "166,67", "0.16666666666666666")].enumerated() {
            let line = index + 2
            rows += row(line, ["2019", "SAD", ente, amount]).replacingOccurrences(of: "</row>", with: "<c r=\"E\(line)\" s=\"1\"><v>\(share)</v></c></row>")
        }
        let url = try Support.workbook(
            sheet: rows, styles: "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"10\"/></cellXfs>", name: "capofila-riparto-2019.xlsx")
        let result = try WorkbookImporter(mapping: try Support.mapping("capofila-riparto")).importFile(at: url)
        #expect(result.status == .accepted && result.rowsAccepted == 3, "\(result.diagnostics)")
        #expect(Self.basisPoints(result) == [5_000, 3_333, 1_667])
        let warning = try #require(result.diagnostics.first { $0.code == "WBK022" })
        #expect(warning.found == "2" && warning.expected == "Foglio1!E3 33,3333333333333% → 33,33%", "\(warning.expected ?? "")")
    }

    @Test func anODSPercentageIsReadAsItsTextShowsIt() throws {
        let office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        func cell(_ text: String) -> String { "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>" }
        var rows = "<table:table-row>" + ["Anno", "Codice servizio", "Ente", "Importo", "Percentuale"].map(cell).joined() + "</table:table-row>"
        for (ente, amount, share, shown) in [("095038", "500,00", "0.5", "50 %"), ("095018", "333,33", "0.333333333333333", "33,33 %")] {
            rows += "<table:table-row>" + ["2019", "SAD", ente, amount].map(cell).joined()
                + "<table:table-cell office:value-type=\"percentage\" office:value=\"\(share)\"><text:p>\(shown)</text:p></table:table-cell></table:table-row>"
        }
        let content = "<office:document-content \(office)><office:body><office:spreadsheet><table:table table:name=\"Foglio1\">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>"
        let url = try Support.zip([("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Data(content.utf8))], name: "capofila-riparto-2019.ods")
        let result = try WorkbookImporter(mapping: try Support.mapping("capofila-riparto")).importFile(at: url)
        #expect(result.status == .accepted && result.rowsAccepted == 2, "\(result.diagnostics)")
        #expect(Self.basisPoints(result) == [5_000, 3_333])
    }

    // MARK: - What LibreOffice shows

    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Formula results of every kind, each under one of four formats of at most two decimals, read
    /// by `plus` and shown by LibreOffice (its CSV "as shown"): the same amount for every cell.
    /// The values are Doubles on purpose: a spreadsheet stores a formula's result as one, and
    /// writes it with 17 significant digits.
    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed: `bash .ci/deps` installs libreoffice-calc-nogui"))
    func everyAmountIsReadAsLibreOfficeShowsIt() throws {
        let formats = [(#"#,##0.00\ &quot;€&quot;"#, 2), ("0.0", 1), ("#,##0", 0), (#"_-* #,##0.00\ &quot;€&quot;_-;\-* #,##0.00\ &quot;€&quot;_-;_-* &quot;-&quot;??\ &quot;€&quot;_-;_-@_-"#, 2)]
        var state: UInt64 = 14
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var values: [String] = []
        for index in 0..<240 {
            let value: Double = switch index % 3 {
            case 0: Double(next(10_000_000) + 1) / Double([3, 6, 7, 9, 11, 12, 13][Int(next(7))])
            case 1: Double(next(100_000) * 10 + 5) / 1_000  // a tie at the third decimal: x.xx5
            default: Double(next(2_000_000)) / 100 * 1.1
            }
            values.append(String(format: "%.17g", value))
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var rows = "<row r=\"1\">" + ["Codice ISTAT", "Anno", "Cod. servizio", "Quota comunale (€)"].enumerated().map { column, text in
            "<c r=\"\(CellReference.letters(column))1\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }.joined() + "</row>"
        for (index, value) in values.enumerated() {
            let line = index + 2
            rows += "<row r=\"\(line)\"><c r=\"A\(line)\" t=\"inlineStr\"><is><t>095018</t></is></c><c r=\"B\(line)\"><v>2019</v></c>"
                + "<c r=\"C\(line)\" t=\"inlineStr\"><is><t>S\(index)</t></is></c><c r=\"D\(line)\" s=\"\(index % formats.count + 1)\"><v>\(value)</v></c></row>"
        }
        let numberFormats = formats.enumerated().map { "<numFmt numFmtId=\"\(164 + $0.offset)\" formatCode=\"\($0.element.0)\"/>" }.joined()
        let cellFormats = "<xf numFmtId=\"0\"/>" + formats.indices.map { "<xf numFmtId=\"\(164 + $0)\" applyNumberFormat=\"1\"/>" }.joined()
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets><sheet name=\"Foglio1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\"><numFmts count=\"\(formats.count)\">\(numberFormats)</numFmts><cellXfs count=\"\(formats.count + 1)\">\(cellFormats)</cellXfs></styleSheet>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"),
        ]
        let url = try Support.zip(parts.map { ($0.0, Data($0.1.utf8)) }, name: "comune-cabras-scheda-2019.xlsx")
        let folder = url.deletingLastPathComponent()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        // The CSV filter's ninth token: cells saved as shown.
        process.arguments = ["-env:UserInstallation=file://" + folder.appendingPathComponent("profile").path, "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,true", "--outdir", folder.appendingPathComponent("calc").path, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: folder.appendingPathComponent("calc/comune-cabras-scheda-2019.csv"), encoding: .utf8)
        var shown: [String: Int64] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false)
            guard cells.count >= 4, let index = Int(cells[2].dropFirst()) else { continue }
            let decimals = formats[index % formats.count].1
            let digits = cells[3].filter(\.isNumber)
            let negative = cells[3].contains("-") && digits.contains { $0 != "0" }
            guard let value = Int64(digits) else { continue }
            shown["S\(index)"] = (negative ? -value : value) * [100, 10, 1][decimals]
        }
        #expect(shown.count == values.count)

        let result = try WorkbookImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: url)
        #expect(result.rowsAccepted == values.count)
        var read: [String: Int64] = [:]
        for record in result.records {
            if case .declaration(let declaration) = record.record { read[declaration.service] = declaration.amount.cents }
        }
        for index in values.indices {
            #expect(read["S\(index)"] == shown["S\(index)"], "S\(index): \(values[index]) under \(formats[index % formats.count].0)")
        }
    }
}
