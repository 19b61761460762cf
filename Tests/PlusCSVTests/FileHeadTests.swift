import Foundation
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

    /// A read that stops at the header row finds the header a whole read finds, and no problem
    /// past it; one that never stops is the whole read.
    @Test func aReadStoppedAtTheHeaderFindsTheWholeReadsHeader() throws {
        let broken = Array("Codice ISTAT;Anno;Note\n095038;2019;ok\n095038;2019;\u{0}\n".utf8)
        var urls = try CheckingTests.fixtures.map { Support.fixture($0) } + [TemporaryFile.write(broken)]
        urls.append(Support.fixture("comune-cabras-scheda-2019.xlsx"))
        var stopped = 0
        for url in urls {
            let whole = try FileHead.read(url)
            var asked: [[String]] = []
            let early = try FileHead.read(url) { asked.append($0); return true }
            #expect(early.header == whole.header, "\(url.lastPathComponent)")
            #expect(asked.count <= 1 && asked.first.map { $0 == whole.header } != false, "\(url.lastPathComponent)")
            if asked.isEmpty {
                #expect(early.fatal == whole.fatal, "\(url.lastPathComponent)")
            } else {
                #expect(early.fatal == nil, "\(url.lastPathComponent)")
                stopped += 1
            }
            let never = try FileHead.read(url) { _ in false }
            #expect(never.header == whole.header && never.fatal == whole.fatal, "\(url.lastPathComponent)")
        }
        #expect(try FileHead.read(TemporaryFile.write(broken)).fatal?.code == "CSV013")
        #expect(stopped >= urls.count / 2)
    }
}
