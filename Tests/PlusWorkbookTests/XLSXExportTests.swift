import Foundation
import PlusExport
import PlusModel
import Testing
@testable import PlusWorkbook

/// The .xlsx export reads back with its types intact: codes as text, amounts as numbers, dates as dates.
@Suite struct XLSXExportTests {
    static let dataset = ExportDataset(
        name: "ambiti",
        title: .init(it: "Ambiti", en: "Ambiti"),
        columns: [
            ExportColumn("capofila", .string, description: .init(it: "", en: "")),
            ExportColumn("numero_atto", .string, description: .init(it: "", en: "")),
            ExportColumn("anno", .integer, description: .init(it: "", en: "")),
            ExportColumn("importo", .number, description: .init(it: "", en: "")),
            ExportColumn("percentuale", .number, description: .init(it: "", en: "")),
            ExportColumn("data_atto", .date, description: .init(it: "", en: "")),
            ExportColumn("associata", .boolean, description: .init(it: "", en: "")),
            ExportColumn("note", .string, description: .init(it: "", en: "")),
        ],
        primaryKey: ["capofila"],
        rows: [
            [.text("095038"), .text("20/9"), .integer(2019), .money(Money(cents: 80_834_417)), .basisPoints(4127),
             .date(CivilDate(year: 2019, month: 3, day: 14)!), .bool(true), .null],
            [.text("095018"), .text("1/2019"), .integer(2019), .money(Money(cents: -1250)), .basisPoints(0),
             .date(CivilDate(year: 2020, month: 2, day: 29)!), .bool(false), .text("Nota lunga")],
        ])

    static func written() throws -> URL {
        let url = try Support.temporaryFolder().appendingPathComponent("plus-export.xlsx")
        try XLSXWriter().write([dataset, ExportDataset(name: "vuoto", title: .init(it: "", en: ""), columns: [], primaryKey: [])], to: url)
        return url
    }

    @Test func readsBackWithItsTypes() throws {
        var workbook = try Workbook(data: try Data(contentsOf: try Self.written()))
        #expect(workbook.sheets.map(\.name) == ["ambiti", "vuoto"])
        let cursor = try workbook.cursor(for: try workbook.sheet(named: "ambiti"))
        let header = try #require(try cursor.next())
        #expect(header.cells == Self.dataset.columns.map { .text($0.name) })
        let first = try #require(try cursor.next())
        #expect(first.cells == [
            .text("095038"), .text("20/9"), .number("2019"), .number("808344.17"), .number("41.27"), .date("43538"), .boolean(true),
        ])
        let second = try #require(try cursor.next())
        #expect(second.cells == [
            .text("095018"), .text("1/2019"), .number("2019"), .number("-12.5"), .number("0"), .date("43890"), .boolean(false),
            .text("Nota lunga"),
        ])
        #expect(try cursor.next() == nil)
    }

    @Test func headerIsFrozenAndFilteredAndTextIsTypedAsText() throws {
        let url = try Self.written()
        let archive = try WorkbookArchiveProbe(url)
        let sheet = try archive.text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\""))
        #expect(sheet.contains("<autoFilter ref=\"A1:H3\""))
        #expect(sheet.contains("<col "))
        let styles = try archive.text("xl/styles.xml")
        #expect(styles.contains("formatCode=\"#,##0.00\""))
        #expect(styles.contains("formatCode=\"dd/mm/yyyy\""))
        // The code's cell style is the text format, 49 (@).
        var workbook = try Workbook(data: try Data(contentsOf: url))
        #expect(workbook.styles.text(Self.style(of: "A2", in: sheet)))
        #expect(workbook.styles.text(Self.style(of: "B2", in: sheet)))
        #expect(!workbook.styles.text(Self.style(of: "D2", in: sheet)))
        _ = try workbook.cursor(for: try workbook.sheet(named: nil))
    }

    @Test func libreOfficeKeepsTheCodesAndTheActNumber() throws {
        let soffice = "/usr/bin/soffice"
        guard FileManager.default.isExecutableFile(atPath: soffice) else { return }
        let url = try Self.written()
        let out = url.deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(out.path)/profile", "--headless",
            "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1040,false,false,false", "--outdir", out.path, url.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: out.appendingPathComponent("plus-export.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasPrefix("capofila;numero_atto;anno;importo") == true)
        let first = lines.dropFirst().first?.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        } ?? []
        #expect(Array(first.prefix(4)) == ["095038", "20/9", "2019", "808344.17"])
    }

    /// The style index (`s`) of a cell in the sheet's XML.
    static func style(of reference: String, in sheet: String) -> Int? {
        guard let range = sheet.range(of: "<c r=\"\(reference)\" s=\"") else { return nil }
        return Int(sheet[range.upperBound...].prefix { $0.isNumber })
    }
}

/// Reads parts of a workbook for assertions about its XML.
struct WorkbookArchiveProbe {
    var archive: WorkbookArchive

    init(_ url: URL) throws {
        archive = try WorkbookArchive(data: try Data(contentsOf: url))
    }

    func text(_ part: String) throws -> String {
        var copy = archive
        return String(decoding: try copy.part(part) ?? Data(), as: UTF8.self)
    }
}
