import Foundation
import PlusTestSupport
import Testing
@testable import PlusCSV

/// Recognition reads a file's head as the importer reads the file: the same encoding detection
/// and CSV reader, so the header and the whole-file problems are the importer's own.
@Suite("The head of a file, as recognition reads it")
struct FileHeadTests {
    @Test func aHeaderCellWithALineBreakInQuotesIsOneCell() throws {
        let head = try FileHead.read(Support.fixture("istat-comuni-a-capo.csv"))
        #expect(head.header == ["codice_istat", "denominazione", "sigla_provincia", "codice\ncatastale", "popolazione\n2011"])
        #expect(head.fatal == nil)
        #expect(try MappingMatcher(mappings: MappingMatcherTests.all).candidates(for: Support.fixture("istat-comuni-a-capo.csv"))
            .first?.mapping.name == "istat-comuni")
    }

    @Test func aWorkbookIsBinaryContentAsTheImporterSays() throws {
        let head = try FileHead.read(Support.fixture("comune-cabras-scheda-2019.xlsx"))
        #expect(head.fatal?.code == "CSV013")
        let imported = try CSVImporter(mapping: try Support.mapping("comune-scheda")).importFile(at: Support.fixture("comune-cabras-scheda-2019.xlsx"))
        #expect(imported.diagnostics.contains { $0.code == head.fatal?.code })
    }

    @Test(arguments: [("empty.csv", "CSV010"), ("binary.csv", "CSV013"), ("unterminated-quote.csv", "CSV011"), ("malformed-quote.csv", "CSV012")])
    func wholeFileProblemsCarryTheImportersCode(fixture: String, code: String) throws {
        #expect(try FileHead.read(Support.fixture(fixture)).fatal?.code == code)
    }

    @Test func anUnreadableFileIsThatFilesProblem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-head-\(UUID().uuidString).csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = try FileHead.read(folder)
        #expect(head.fatal?.code == "CSV016")
        #expect(head.fatal?.location.file == folder.lastPathComponent)
    }

    @Test func aHeadCutInsideAQuotedFieldIsNoProblem() throws {
        // A long quoted note runs past the head: the file goes on, so nothing is wrong yet.
        let text = "Codice ISTAT;Anno;Note\n095018;2019;\"" + String(repeating: "lunga nota ", count: FileHead.length / 8) + "\"\n"
        let head = try FileHead.read(try TemporaryFile.write(Array(text.utf8)))
        #expect(head.header == ["Codice ISTAT", "Anno", "Note"])
        #expect(head.fatal == nil)
    }

    /// The header alone, read from every fixture, is the header the whole head gives.
    @Test func theHeaderAloneOfEveryFixtureIsTheWholeReadsHeader() throws {
        var urls = CheckingTests.fixtures.map { Support.fixture($0) }
        urls.append(Support.fixture("comune-cabras-scheda-2019.xlsx"))
        for url in urls {
            let whole = try FileHead.read(url), header = try FileHead.readHeader(url)
            #expect(header.header == whole.header, "\(url.lastPathComponent)")
            if let fatal = header.fatal { #expect(fatal == whole.fatal, "\(url.lastPathComponent)") }
        }
    }

    /// Pieces of hostile heads: delimiters, quotes opened and not closed, line breaks of every
    /// kind, NUL, a BOM, bytes of Windows-1252, UTF-16's byte order mark, a long field.
    static let pieces: [[UInt8]] = [
        Array("Cod. ISTAT Comune;Esercizio;Codice servizio".utf8), Array("codice_istat,denominazione".utf8), [0x3B], [0x2C], [0x09],
        [0x22], Array("\"\"".utf8), Array("\"a;b\"".utf8), [0x0A], [0x0D], [0x0D, 0x0A], [0], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xE0, 0xE8],
        Array("095018;2019;S001;Assistenza;1.234,56".utf8), Array(repeating: UInt8(ascii: "x"), count: 5000),
    ]

    @Test("the header alone is the whole head's header, and a problem it tells the whole head tells too (seeded heads)")
    func headerAloneAsTheWholeHead() throws {
        var generator = SplitMix64(seed: 20_261_202)
        var problems = 0
        for round in 0..<400 {
            var bytes: [UInt8] = []
            // Some heads longer than the chunks the header is read in, some longer than the head.
            let count = round % 40 == 0 ? 200 : Int.random(in: 0...24, using: &generator)
            for _ in 0..<count {
                bytes += Self.pieces.randomElement(using: &generator)!
            }
            let url = try TemporaryFile.write(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            let whole = try FileHead.read(url), header = try FileHead.readHeader(url)
            #expect(header.header == whole.header, "round \(round)")
            if let fatal = header.fatal { #expect(fatal == whole.fatal, "round \(round)") }
            if whole.fatal != nil { problems += 1 }
        }
        // The rounds reach heads with problems, or the second expectation could not fail.
        #expect(problems > 20)
    }
}
