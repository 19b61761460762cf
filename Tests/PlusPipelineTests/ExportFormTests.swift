import Foundation
import PlusExport
import PlusTestSupport
import Testing
@testable import PlusPipeline

/// Recognition asks every file of an inbox whether it is an Ambito's export; the bytes of the
/// root element are looked for before the head is decoded and searched as text.
@Suite("An export told by its head")
struct ExportFormTests {
    /// Pieces a hostile head is made of: the root and the namespace whole and cut, in other
    /// cases, with combining marks and look-alikes after or inside them, invalid UTF-8, a BOM.
    static let pieces: [[UInt8]] = [
        Array("<esportazione".utf8), Array(RegionalXMLWriter.namespace.utf8), Array("<esportazion".utf8),
        Array("sportazione".utf8), Array("<ESPORTAZIONE".utf8), Array("e\u{301}".utf8), Array("\u{301}".utf8),
        Array("\u{212A}".utf8), Array("<\u{338}".utf8), Array("\u{FF1C}esportazione".utf8), [0xFF], [0xC3], [0xE2, 0x80],
        [0xEF, 0xBB, 0xBF], [0], Array(" xmlns=\"".utf8), Array("\"".utf8), Array("<".utf8), Array("e".utf8),
    ]

    @Test("a head the text test calls an export has the root's bytes: the byte test drops none (seeded heads)")
    func bytesBeforeText() {
        var generator = SplitMix64(seed: 20261202)
        var exports = 0
        for _ in 0..<20_000 {
            var head: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                if Bool.random(using: &generator) {
                    head += Self.pieces.randomElement(using: &generator)!
                } else {
                    head += (0..<Int.random(in: 0...3, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                }
            }
            let data = Data(head)
            let asText = ExportSubmission.isExportXML(data)
            if asText { exports += 1 }
            #expect((ExportSubmission.contains(data, ExportSubmission.rootBytes) && asText) == asText, "head \(head)")
        }
        // The rounds reach heads that are exports, or the test could not fail.
        #expect(exports > 100)
    }

    /// Pieces of a head that might or might not open with a tag: blanks of every kind, the BOM, `<`
    /// alone and with a combining mark, other ASCII and invalid UTF-8.
    static let xmlHeadPieces: [[UInt8]] = [
        Array("<".utf8), Array("<?xml".utf8), Array(" ".utf8), Array("\t".utf8), Array("\r\n".utf8), [0x0B], [0x0C],
        Array("\u{00A0}".utf8), Array("\u{2028}".utf8), Array("\u{0085}".utf8), Array("\u{3000}".utf8), [0xEF, 0xBB, 0xBF], [0xEF],
        Array("\u{338}".utf8), Array("\u{301}".utf8), Array("a".utf8), Array(";".utf8), [0xFF], [0xC3], [0],
    ]

    @Test("a file's head opens with a tag by its first bytes as by its text (seeded heads)")
    func xmlHeadByBytes() {
        var generator = SplitMix64(seed: 20261203)
        let url = URL(fileURLWithPath: "/nowhere/inbox/file.csv")
        var tags = 0
        for _ in 0..<20_000 {
            var head: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                head += Self.xmlHeadPieces.randomElement(using: &generator)!
            }
            if Int.random(in: 0...9, using: &generator) == 0 {
                head += (0..<Int.random(in: 60...70, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            let asText = FileImport.startsWithATag(head.prefix(FileImport.xmlHeadLength).drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF })
            if asText { tags += 1 }
            #expect(FileImport.looksLikeXML(url, head: head) == asText, "head \(head)")
        }
        #expect(tags > 1_000)
        #expect(FileImport.looksLikeXML(URL(fileURLWithPath: "/nowhere/atto.XML"), head: []))
    }

    @Test("the byte search finds a sequence anywhere, and only whole")
    func byteSearch() {
        let needle = Array("<esportazione".utf8)
        #expect(ExportSubmission.contains(Data(needle), needle))
        #expect(ExportSubmission.contains(Data(Array("xx".utf8) + needle + [0]), needle))
        #expect(ExportSubmission.contains(Data(Array("<<esportazione".utf8)), needle))
        #expect(!ExportSubmission.contains(Data(Array("<esportazion".utf8)), needle))
        #expect(!ExportSubmission.contains(Data(Array("<esportazionE".utf8)), needle))
        #expect(!ExportSubmission.contains(Data(), needle))
    }

    @Test("a file's form: an export's XML, a sheet, a sheet that names the root without the namespace")
    func forms() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plus-export-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, String, ExportSubmission.Form?)] = [
            ("export.xml", "<?xml version=\"1.0\"?>\n<esportazione xmlns=\"\(RegionalXMLWriter.namespace)\">", .xml),
            ("sheet.csv", "Cod. ISTAT Comune;Esercizio\n001001;2019\n", nil),
            ("named.csv", "Note\n<esportazione> senza spazio dei nomi\n", nil),
        ]
        for (name, text, form) in cases {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            #expect(ExportSubmission.form(of: url) == form, "\(name)")
        }
    }
}
