import Foundation
import PlusCSV
import PlusModel
import Testing
@testable import PlusWorkbook
import PlusTestSupport

/// Workbooks built to harm are refused whole, each with its code.
@Suite struct HostileWorkbookTests {
    private func codes(_ url: URL) throws -> [String] {
        let result = try WorkbookImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: url)
        #expect(result.status == .rejected)
        return result.diagnostics.map(\.code)
    }

    @Test func aPathClimbingOutOfTheArchiveIsRefused() throws {
        let url = try Support.zip([("xl/workbook.xml", Data("<workbook/>".utf8)), ("../../etc/evil", Data("x".utf8))])
        #expect(try codes(url) == ["WBK005"])
    }

    @Test func anAbsolutePathIsRefused() throws {
        let url = try Support.zip([("/etc/evil", Data("x".utf8)), ("xl/workbook.xml", Data("<workbook/>".utf8))])
        #expect(try codes(url) == ["WBK005"])
    }

    @Test func aPartThatInflatesFarBeyondItsSizeIsRefused() throws {
        let bomb = Data(repeating: 0x20, count: 4 << 20)
        let bombed = try Support.zip([("xl/workbook.xml", Data("<workbook/>".utf8)), ("xl/sharedStrings.xml", bomb)])
        #expect(try codes(bombed) == ["WBK004"])
    }

    @Test func aPartThatInflatesBeyondTheSizeItDeclaresIsRefused() throws {
        let url = try Support.zip([("xl/workbook.xml", Data(repeating: 0x20, count: 2 << 20))])
        // The archive now says the part is 16 bytes, in its local header and its central directory.
        var bytes = [UInt8](try Data(contentsOf: url))
        func patch(_ signature: [UInt8], sizeOffset: Int) {
            var index = 0
            while index + sizeOffset + 4 <= bytes.count {
                if Array(bytes[index..<index + 4]) == signature {
                    bytes.replaceSubrange(index + sizeOffset..<index + sizeOffset + 4, with: [16, 0, 0, 0])
                }
                index += 1
            }
        }
        patch([0x50, 0x4B, 0x03, 0x04], sizeOffset: 22)
        patch([0x50, 0x4B, 0x01, 0x02], sizeOffset: 24)
        try Data(bytes).write(to: url)
        #expect(try codes(url) == ["WBK004"])
    }

    @Test func aDoctypeIsRefusedBeforeAnyEntityIsRead() throws {
        let url = try Support.zip([("xl/workbook.xml", Data("""
            <?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><workbook><sheets><sheet name="&lol2;"/></sheets></workbook>
            """.utf8))])
        #expect(try codes(url) == ["WBK006"])
    }

    @Test func anOldExcelFileAndAnEncryptedOneAreTold() throws {
        let folder = try Support.temporaryFolder()
        let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let xls = folder.appendingPathComponent("vecchio.xls")
        try Data(signature + Array("Workbook".utf16.flatMap { [UInt8($0 & 0xFF), 0] }) + [UInt8](repeating: 0, count: 512)).write(to: xls)
        #expect(try codes(xls) == ["WBK001"])
        let encrypted = folder.appendingPathComponent("protetto.xlsx")
        try Data(signature + [UInt8](repeating: 0, count: 100) + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), 0] })).write(to: encrypted)
        #expect(try codes(encrypted) == ["WBK002"])
        #expect(WorkbookFile.kind(of: encrypted) == .compound)
    }

    @Test func aZipNamedXlsIsStillAnOldFormatRefusal() throws {
        let url = try Support.zip([("xl/workbook.xml", Data("<workbook/>".utf8))], name: "rinominato.xls")
        #expect(try codes(url) == ["WBK001"])
    }

    @Test func anOpenDocumentWithoutTablesHasNoSheetToRead() throws {
        let url = try Support.zip([("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Data("<x/>".utf8))], name: "foglio.ods")
        #expect(try codes(url) == ["WBK007"])
    }

    @Test func anOpenDocumentRepeatingCellsBeyondTheSheetStaysBounded() throws {
        let table = """
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="T">
            <table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="2000000000"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2000000000"/></table:table-row>
            <table:table-row table:number-rows-repeated="2000000000"><table:table-cell/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        let url = try Support.zip([("content.xml", Data(table.utf8))], name: "grande.ods")
        var workbook = try Workbook(data: try Data(contentsOf: url))
        let cursor = try workbook.cursor(for: try workbook.sheet(named: nil))
        let first = try #require(try cursor.next())
        #expect(first.cells.count == SheetCursor.columnLimit)
        #expect(try cursor.next() == nil)
    }

    /// Shared strings past their limit (text and index together) refuse the workbook (WBK004):
    /// kept as Swift strings, those of a 5 MB workbook took 800 MB. The limit is checked as the
    /// strings come, counting each string's four bytes of index: many empty ones count too.
    @Test(arguments: ["<si><t>abcdefghij</t></si>", "<si/>", "<si><r><t>abcde</t></r><r><t>fghij</t></r></si>"])
    func sharedStringsPastTheirLimitAreRefused(string: String) throws {
        let each = string == "<si/>" ? 4 : 14
        let limit = 14_000, fits = limit / each
        let sheet = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>\(fits - 1)</v></c></row>"
        var within = try Workbook(
            data: Data(contentsOf: Support.workbook(sheet: sheet, sharedStrings: String(repeating: string, count: fits))),
            sharedStringsLimit: limit)
        let cursor = try within.cursor(for: try within.sheet(named: nil))
        let cells = try cursor.next()?.cells
        #expect(cells == [.text(string == "<si/>" ? "" : "abcdefghij")] || (string == "<si/>" && (cells ?? [.empty]) == [.empty]), "\(String(describing: cells))")
        let past = try Data(contentsOf: Support.workbook(sheet: sheet, sharedStrings: String(repeating: string, count: fits + 1)))
        let error = #expect(throws: WorkbookError.self) { _ = try Workbook(data: past, sharedStringsLimit: limit) }
        #expect(error?.problem.code == "WBK004")
        #expect(error?.found?.contains("xl/sharedStrings.xml") == true, "\(String(describing: error?.found))")
        // With the shipped limit the same workbook is read.
        #expect(throws: Never.self) { _ = try Workbook(data: past) }
    }

    /// A workbook's own parts listing more sheets, relationships or formats than any workbook has
    /// are refused (WBK004), each read as it is inflated: all of it would be held while the sheet is read.
    @Test(arguments: ["sheets", "relationships", "cell formats", "number formats", "tables"])
    func partsListingTooManyEntriesAreRefused(kind: String) throws {
        let many = Workbook.entryLimit + 1
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        func entries(_ make: (Int) -> String) -> String { (0..<many).map(make).joined() }
        let url: URL
        switch kind {
        case "sheets":
            url = try Support.zip([("xl/workbook.xml", Data("<workbook xmlns=\"\(main)\"><sheets>\(entries { "<sheet name=\"F\($0)\" sheetId=\"\($0)\"/>" })</sheets></workbook>".utf8))])
        case "relationships":
            url = try Support.zip([
                ("xl/workbook.xml", Data("<workbook xmlns=\"\(main)\"/>".utf8)),
                ("xl/_rels/workbook.xml.rels", Data("<Relationships>\(entries { "<Relationship Id=\"r\($0)\" Target=\"x\"/>" })</Relationships>".utf8)),
            ])
        case "cell formats":
            url = try Support.workbook(sheet: "", styles: "<cellXfs>\(entries { _ in "<xf numFmtId=\"0\"/>" })</cellXfs>")
        case "number formats":
            url = try Support.workbook(sheet: "", styles: "<numFmts>\(entries { "<numFmt numFmtId=\"\($0 + 164)\" formatCode=\"0\"/>" })</numFmts>")
        default:
            let office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            url = try Support.zip([("content.xml", Data("<office:document-content \(office)><office:body><office:spreadsheet>\(entries { "<table:table table:name=\"T\($0)\"/>" })</office:spreadsheet></office:body></office:document-content>".utf8))], name: "tante.ods")
        }
        let error = #expect(throws: WorkbookError.self) { _ = try Workbook(data: Data(contentsOf: url)) }
        #expect(error?.problem.code == "WBK004", "\(kind): \(String(describing: error))")
    }

    /// A cell of more than 10 MB of text (Excel holds at most 32,767 characters) is refused
    /// by libxml2's own limit on a text node, not read into memory; one of 1 MB is read.
    @Test func aCellOfMoreThanTenMegabytesIsRefused() throws {
        func sheet(_ length: Int) -> String {
            // Letters drawn from a pool larger than deflate's window: not a zip bomb.
            var generator = SplitMix64(seed: 33)
            let pool = (0..<64).map { _ in String((0..<1_000).map { _ in Character(Unicode.Scalar(UInt8(97 + generator.next() % 26))) }) }
            let text = (0..<(length / 1_000)).map { pool[($0 * 37) % 64] }.joined()
            return "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(text)</t></is></c></row>"
        }
        var small = try Workbook(data: Data(contentsOf: Support.workbook(sheet: sheet(1_000_000))))
        let cursor = try small.cursor(for: try small.sheet(named: nil))
        guard case .text(let text) = try cursor.next()?.cells.first else { Issue.record("no text"); return }
        #expect(text.utf8.count == 1_000_000)
        var huge = try Workbook(data: Data(contentsOf: Support.workbook(sheet: sheet(11_000_000))))
        let error = #expect(throws: WorkbookError.self) {
            let rows = try huge.cursor(for: try huge.sheet(named: nil))
            while try rows.next() != nil {}
        }
        #expect(error?.problem.code == "WBK004", "\(String(describing: error))")
    }

    /// A row is held to 16 MB of text as its cells are read, however little of the file it takes:
    /// a long shared string named by 16,384 cells, an .ods cell repeated across 16,384 columns,
    /// an .ods row repeated a million times. Each made copies the file does not hold (WBK004).
    @Test(arguments: ["shared string", "repeated cell", "repeated row"])
    func aRowIsHeldWithinItsLimitWhateverTheFileSays(kind: String) throws {
        let long = String(repeating: "x", count: 2_000)
        let office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        func ods(_ rows: String) throws -> URL {
            try Support.zip([("content.xml", Data("<office:document-content \(office)><office:body><office:spreadsheet><table:table table:name=\"T\">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>".utf8))], name: "righe.ods")
        }
        let cell = "<table:table-cell office:value-type=\"string\"><text:p>\(long)</text:p></table:table-cell>"
        let url: URL
        switch kind {
        case "shared string":
            let cells = (0..<SheetCursor.columnLimit).map { "<c r=\"\(CellReference.letters($0))1\" t=\"s\"><v>0</v></c>" }.joined()
            url = try Support.workbook(sheet: "<row r=\"1\">\(cells)</row>", sharedStrings: "<si><t>\(long)</t></si>")
        case "repeated cell":
            url = try ods("<table:table-row>\(cell.replacingOccurrences(of: "<table:table-cell ", with: "<table:table-cell table:number-columns-repeated=\"16384\" "))</table:table-row>")
        default:
            url = try ods("<table:table-row table:number-rows-repeated=\"1000000\">\(cell)</table:table-row>")
        }
        var workbook = try Workbook(data: Data(contentsOf: url))
        let error = #expect(throws: WorkbookError.self) {
            let rows = try workbook.cursor(for: try workbook.sheet(named: nil))
            while try rows.next() != nil {}
        }
        #expect(error?.problem.code == "WBK004", "\(kind): \(String(describing: error))")
    }

    /// Rows handed to the CSV importer's session from any sheet are held to the CSV reader's
    /// limits: a field over 1 MiB (CSV014), a row of more than 16,384 fields (CSV018).
    @Test func sheetRowsMeetTheCSVReadersLimits() throws {
        let importer = CSVImporter(mapping: try Support.mapping("comune-scheda"))
        let header = ["Codice ISTAT", "Anno", "Cod. servizio", "Descrizione intervento", "Quota comunale (€)", "Note"]
        for (row, code) in [
            (["095018", "2019", "SAD", "Servizio", "1,00", String(repeating: "n", count: (1 << 20) + 1)], "CSV014"),
            (["095018", "2019", "SAD", "Servizio", "1,00"] + Array(repeating: "", count: RowLimits.fields), "CSV018"),
        ] {
            var rows = [CellRow(line: 1, cells: header), CellRow(line: 2, cells: row)].makeIterator()
            let result = try importer.importRows(
                file: "foglio.xlsx[Foglio1]", checksum: "", byteCount: 0, next: { rows.next() }, onRecord: { _ in }, onRejected: { _ in })
            #expect(result.status == .rejected)
            #expect(result.diagnostics.contains { $0.code == code && $0.location.line == 2 }, "\(result.diagnostics.map(\.code))")
        }
    }

    @Test func garbageWithAWorkbookNameIsDamaged() throws {
        let url = try Support.temporaryFolder().appendingPathComponent("rotto.xlsx")
        try Data("PK\u{3}\u{4}garbage".utf8).write(to: url)
        #expect(try codes(url) == ["WBK003"])
    }

    /// The one-pass search for a DOCTYPE or ENTITY declaration finds what a search per marker
    /// finds, on drawn bytes rich in `<`, `!` and the markers' letters, some cut at the end.
    @Test func theDeclarationSearchAgreesWithASearchPerMarker() {
        var generator = SplitMix64(seed: 14)
        let alphabet = Array("<!DOCTYPEENTITYdoctypeentity x>".utf8)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 40)
            var bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if generator.next() % 4 == 0 {
                let marker = PartReader.declarationMarkers[Int(generator.next() % 4)]
                let at = Int(generator.next() % UInt64(bytes.count + 1))
                bytes.insert(contentsOf: marker.prefix(Int(generator.next() % UInt64(marker.count + 1))), at: at)
            }
            let data = Data(bytes)
            let expected = PartReader.declarationMarkers.contains { data.range(of: Data($0)) != nil }
            #expect(PartReader.declaresDoctype(data) == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// An archive whose directory points past its end is refused (WBK003): ZIPFoundation's reading
    /// of an archive in memory trapped on it, and a workbook mutated at random crashed `plus`.
    @Test(arguments: ["local header", "data descriptor", "directory"])
    func anArchivePointingPastItsEndIsRefused(field: String) throws {
        var bytes = [UInt8](try Data(contentsOf: Support.fixture("oristano.xlsx")))
        let data = Data(bytes)
        #expect(data.withUnsafeBytes { WorkbookArchive.positionsWithinBounds(of: $0) })
        let end = try #require((0...(bytes.count - 22)).reversed().first { bytes[$0..<$0 + 4] == [0x50, 0x4B, 0x05, 0x06] })
        let directory = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
        func put32(_ value: Int, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * index)) & 0xFF) }
        }
        switch field {
        case "local header": put32(bytes.count + 1_000, at: directory + 42)
        case "data descriptor":
            bytes[directory + 8] |= 0x8
            put32(bytes.count, at: directory + 20)
        default: put32(bytes.count + 1, at: end + 16)
        }
        let error = #expect(throws: WorkbookError.self) { _ = try Workbook(data: Data(bytes)) }
        #expect(error?.problem.code == "WBK003")
    }

    /// The fixture rewritten the way a ZIP64 writer stores it: each entry after the first gives its
    /// sizes and local header's position in a ZIP64 extra field (its 32-bit fields all ones), and
    /// a ZIP64 end record with its locator stands before the end record, whose counts are all ones.
    /// `entry` and `record` may change an entry's ZIP64 values (uncompressed, compressed, local
    /// header) and the ZIP64 end record's (entries, directory).
    static func zip64Form(
        _ original: [UInt8],
        entry: (_ index: Int, _ values: inout [UInt64]) -> Void = { _, _ in },
        record: (_ values: inout [UInt64]) -> Void = { _ in }
    ) throws -> [UInt8] {
        func u16(_ at: Int) -> Int { Int(original[at]) | Int(original[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }
        let end = try #require((0...(original.count - 22)).reversed().first { original[$0..<$0 + 4] == [0x50, 0x4B, 0x05, 0x06] })
        let start = u32(end + 16), entries = u16(end + 10)
        var directory: [UInt8] = []
        var at = start
        for index in 0..<entries {
            let length = 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
            var header = Array(original[at..<at + 46])
            let name = Array(original[at + 46..<at + 46 + u16(at + 28)])
            var extra = Array(original[at + 46 + u16(at + 28)..<at + 46 + u16(at + 28) + u16(at + 30)])
            let comment = Array(original[at + 46 + u16(at + 28) + u16(at + 30)..<at + length])
            if u32(at + 42) > 0 {
                var values = [UInt64(u32(at + 24)), UInt64(u32(at + 20)), UInt64(u32(at + 42))]
                entry(index, &values)
                extra += [1, 0, 24, 0] + values.flatMap { le($0, 8) }
                for field in [24, 20, 42] { header.replaceSubrange(field..<field + 4, with: [0xFF, 0xFF, 0xFF, 0xFF]) }
                header.replaceSubrange(30..<32, with: le(UInt64(extra.count), 2))
            }
            directory += header + name + extra + comment
            at += length
        }
        var values = [UInt64(entries), UInt64(start)]
        record(&values)
        let zip64End = le(0x0606_4B50, 4) + le(44, 8) + le(45, 2) + le(45, 2) + le(0, 4) + le(0, 4)
            + le(values[0], 8) + le(values[0], 8) + le(UInt64(directory.count), 8) + le(values[1], 8)
        let locator = le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(start + directory.count), 8) + le(1, 4)
        var endRecord = Array(original[end...])
        endRecord.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0xFF])
        endRecord.replaceSubrange(12..<16, with: le(UInt64(directory.count), 4))
        endRecord.replaceSubrange(16..<20, with: [0xFF, 0xFF, 0xFF, 0xFF])
        return Array(original[..<start]) + directory + zip64End + locator + endRecord
    }

    /// Every row of the first visible sheet.
    static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        var workbook = try Workbook(data: Data(bytes))
        let cursor = try workbook.cursor(for: try workbook.sheet(named: nil))
        var rows: [[String]] = []
        while let row = try cursor.next() { rows.append(row.cells.map { "\($0)" }) }
        return rows
    }

    /// A workbook in ZIP64 form reads as the same workbook, and a ZIP64 value pointing past the
    /// archive's end, or too large for ZIPFoundation's signed sizes, is refused (WBK003): before
    /// the check followed ZIP64's fields, each of these made the process trap.
    @Test func aZIP64ArchiveIsReadAndItsPositionsChecked() throws {
        let original = [UInt8](try Data(contentsOf: Support.fixture("oristano.xlsx")))
        let expected = try Self.rows(original)
        #expect(!expected.isEmpty)
        #expect(try Self.rows(Self.zip64Form(original)) == expected)
        // Entry counts beyond what the directory holds stop where the directory ends.
        #expect(try Self.rows(Self.zip64Form(original, record: { $0[0] = .max })) == expected)
        let size = UInt64(original.count)
        let hostile: [(String, [UInt8])] = [
            ("local header past the end", try Self.zip64Form(original, entry: { _, v in v[2] = size + 1_000 })),
            ("local header beyond Int64", try Self.zip64Form(original, entry: { _, v in v[2] = 1 << 63 | 5 })),
            ("compressed size beyond Int64", try Self.zip64Form(original, entry: { _, v in v[1] = 1 << 63 | 1 })),
            ("uncompressed size beyond Int64", try Self.zip64Form(original, entry: { _, v in v[0] = .max })),
            ("directory past the end", try Self.zip64Form(original, record: { $0[1] = size * 2 })),
            ("directory beyond Int64", try Self.zip64Form(original, record: { $0[1] = 1 << 63 })),
        ]
        for (name, bytes) in hostile {
            let error = #expect(throws: WorkbookError.self, "\(name)") { _ = try Self.rows(bytes) }
            #expect(error?.problem.code == "WBK003", "\(name)")
        }
        // A data descriptor placed by a ZIP64 size so large the sum overflows.
        var flagged = try Self.zip64Form(original, entry: { _, v in v[1] = .max - 10 })
        let end = try #require((0...(flagged.count - 22)).reversed().first { flagged[$0..<$0 + 4] == [0x50, 0x4B, 0x05, 0x06] })
        let directory = try #require((0..<end).first { flagged[$0..<$0 + 4] == [0x50, 0x4B, 0x01, 0x02] && flagged[$0 + 42] == 0xFF })
        flagged[directory + 8] |= 0x8
        #expect(throws: WorkbookError.self) { _ = try Self.rows(flagged) }
    }

    /// A stream handing `bytes` over in chunks of the drawn sizes, as the inflating thread does.
    static func stream(_ bytes: [UInt8], cuts: [Int], failing: (any Error)? = nil) -> PartStream {
        PartStream(part: "xl/worksheets/sheet1.xml") { put in
            var start = 0
            for cut in cuts + [bytes.count] where cut >= start && cut <= bytes.count {
                try put(Data(bytes[start..<cut]))
                start = cut
            }
            if let failing { throw failing }
        }
    }

    static func cuts(_ count: Int, _ generator: inout SplitMix64) -> [Int] {
        (0..<Int(generator.next() % 4)).map { _ in Int(generator.next() % UInt64(count + 1)) }.sorted()
    }

    /// The search that tells whether a sheet has merged cells (else it is parsed once) finds what
    /// `Data.range(of:)` finds, wherever the chunks are cut.
    @Test func aPartsWordSearchAgreesWithFoundations() throws {
        var generator = SplitMix64(seed: 16)
        let alphabet = Array("mergeCel <>".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int(generator.next() % 30)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for word in ["mergeCell", "m", "ll", "merge"] {
                let found = try Self.stream(bytes, cuts: Self.cuts(bytes.count, &generator)).contains(word)
                #expect(found == (Data(bytes).range(of: Data(word.utf8)) != nil), "\(word) in \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    /// A declaration is refused however the inflated chunks cut it; the bytes around it pass.
    @Test func aDeclarationCutBetweenChunksIsRefused() throws {
        let text = Array("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>".utf8)
        let start = text.firstIndex(of: UInt8(ascii: "!"))! - 1
        for cut in start...(start + 9) {
            let error = #expect(throws: WorkbookError.self) {
                let cursor = try PartReader.Cursor(Self.stream(text, cuts: [cut]))
                while try cursor.next() != nil {}
            }
            #expect(error?.problem.code == "WBK006", "cut at \(cut)")
        }
        // A part in UTF-16 could hide a declaration from the search: refused, wherever the first chunk ends.
        let wide: [UInt8] = [0xFF, 0xFE] + "<?xml version=\"1.0\"?><!DOCTYPE x><worksheet/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for cut in [0, 1, 2, 3, 40] {
            let error = #expect(throws: WorkbookError.self) {
                let cursor = try PartReader.Cursor(Self.stream(wide, cuts: [cut]))
                while try cursor.next() != nil {}
            }
            #expect(error?.found?.hasSuffix("UTF-16") == true, "cut at \(cut): \(String(describing: error))")
        }
        let plain = Array("<?xml version=\"1.0\"?><worksheet><sheetData/></worksheet>".utf8)
        for cut in 0...plain.count {
            let cursor = try PartReader.Cursor(Self.stream(plain, cuts: [cut]))
            var names: [String] = []
            while let node = try cursor.next() { names.append(node.name) }
            #expect(names == ["worksheet", "sheetData", "worksheet"], "cut at \(cut)")
        }
    }

    /// An error of the inflating thread (a bad checksum comes after the last byte) is the reading's error,
    /// and a reader let go before the end stops that thread.
    @Test func theInflatingThreadsErrorEndsTheReadingAndALeftStreamStopsIt() throws {
        let plain = Array("<?xml version=\"1.0\"?><worksheet><sheetData/></worksheet>".utf8)
        let damaged = WorkbookError(.workbookDamaged, found: "CRC32")
        let error = #expect(throws: WorkbookError.self) {
            let cursor = try PartReader.Cursor(Self.stream(plain, cuts: [10, 20], failing: damaged))
            while try cursor.next() != nil {}
        }
        #expect(error?.found == "CRC32")
        let rows = "<row r=\"1\"><c><v>1</v></c></row>"
        let large = Array(("<worksheet><sheetData>" + String(repeating: rows, count: 50_000) + "</sheetData></worksheet>").utf8)
        for _ in 0..<20 {
            weak var left: PartStream?
            do {
                let stream = Self.stream(large, cuts: Array(stride(from: 4096, to: large.count, by: 4096)))
                left = stream
                let cursor = try PartReader.Cursor(stream)
                _ = try cursor.next()
            }
            // Let go with most chunks never taken: gone, its thread stopped and joined, not waiting on a full queue.
            #expect(left == nil)
        }
    }

    /// The cell values' trimming, which skips Foundation for a value with nothing to trim, gives what Foundation does.
    @Test func aCellValueIsTrimmedAsFoundationTrimsIt() {
        var generator = SplitMix64(seed: 15)
        let alphabet: [Character] = ["1", "2", ".", "-", "E", " ", "\t", "\u{00A0}", "\u{2003}", "\n", "à"]
        for _ in 0..<5_000 {
            let value = String((0..<Int(generator.next() % 6)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(SheetCursor.trimmed(value) == value.trimmingCharacters(in: .whitespaces), "\(value.debugDescription)")
        }
    }
}

