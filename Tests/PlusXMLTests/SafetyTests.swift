import Foundation
import PlusModel
import Testing
import PropertyBased
@testable import PlusXML

@Suite("Hostile and broken input")
struct SafetyTests {
    let importer: DeliberationImporter

    init() throws {
        importer = DeliberationImporter(mapping: try Paths.mapping("deliberazione-akn"))
    }

    @Test("An external entity that reads /etc/passwd is refused and nothing of the file leaks", arguments: ["xxe-file.xml", "xxe-parameter.xml"])
    func externalEntity(fixture: String) throws {
        let result = try importer.importFile(at: Paths.fixture(fixture))
        #expect(result.status == .rejected)
        #expect(result.records.isEmpty)
        let refusal = try #require(result.diagnostics.first { $0.code == "XML002" })
        #expect(refusal.location.line == 2)
        #expect(refusal.message.it.contains("DTD"))
        #expect(refusal.message.en.contains("no entity was read"))
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0"
        let firstLine = try #require(passwd.split(separator: "\n").first)
        #expect(!result.allVisibleText.contains(firstLine))
        #expect(!result.allVisibleText.contains("root:x:"))
    }

    @Test("Billion laughs stops at the DOCTYPE, before any entity exists")
    func billionLaughs() throws {
        let result = try importer.importFile(at: Paths.fixture("billion-laughs.xml"))
        #expect(result.status == .rejected)
        #expect(result.codes.contains("XML002"))
        #expect(!result.allVisibleText.contains("lollol"))
    }

    @Test("A truncated document is not well-formed, with the line where it ends")
    func truncated() throws {
        let result = try importer.importFile(at: Paths.fixture("truncated.xml"))
        #expect(result.status == .rejected)
        let error = try #require(result.diagnostics.first { $0.code == "XML001" })
        #expect((error.location.line ?? 0) >= 70)
        #expect(error.message.it.hasPrefix("Il documento non è XML ben formato"))
        #expect(error.message.en.hasPrefix("The document is not well-formed XML"))
    }

    @Test("A document in another namespace is refused at its root")
    func wrongNamespace() throws {
        let result = try importer.importFile(at: Paths.fixture("wrong-namespace.xml"))
        #expect(result.status == .rejected)
        let error = try #require(result.diagnostics.first { $0.code == "XML005" })
        #expect(error.found == "{http://docs.oasis-open.org/legaldocml/ns/akn/2.0}akomaNtoso")
        #expect(error.expected == "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}akomaNtoso")
        #expect(error.location.line == 2)
    }

    @Test("Input over the size limit is not parsed")
    func overSize() throws {
        let small = DeliberationImporter(mapping: importer.mapping, limits: XMLParseLimits(maxBytes: 4096))
        let url = Paths.deliberations.appendingPathComponent("dgr-2019.xml")
        for result in [try small.importFile(at: url), small.importData(try Data(contentsOf: url), displayName: "dgr-2019.xml")] {
            #expect(result.status == .rejected)
            let error = try #require(result.diagnostics.first)
            #expect(error.code == "XML003")
            #expect(error.expected == "4096")
            #expect(result.sha256 == Checksum.sha256(try Data(contentsOf: url)))
        }
    }

    @Test("Random and binary bytes end in a diagnostic, never a crash", arguments: [1, 2, 3, 42, 2019] as [UInt64])
    func randomBytes(seed: UInt64) {
        var generator = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 2019))
        let count = Int(generator.next() % 4096) + 1
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        if seed.isMultiple(of: 2) { bytes = Array("<?xml version=\"1.0\"?><a>".utf8) + bytes }
        let result = importer.importData(Data(bytes), displayName: "random.bin")
        #expect(result.status == .rejected)
        #expect(result.records.isEmpty)
        #expect(result.codes.contains("XML001"))
        #expect(result.diagnostics.count <= XMLParseLimits.default.maxDiagnostics + 1)
    }

    @Test("Nesting deeper than libxml2's limit is refused, not followed down the stack")
    func deepNesting() {
        let depth = 100_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let result = importer.importData(Data(text.utf8), displayName: "deep.xml")
        #expect(result.status == .rejected)
        #expect(result.codes.contains("XML001"))
    }

    @Test("An empty file says it is empty")
    func empty() {
        let result = importer.importData(Data(), displayName: "vuoto.xml")
        #expect(result.status == .rejected)
        #expect(result.diagnostics.map(\.code) == ["XML004"])
        #expect(result.diagnostics[0].rendered(.it) == "vuoto.xml errore XML004: Il file è vuoto: nessun documento XML.")
        #expect(result.diagnostics[0].rendered(.en) == "vuoto.xml error XML004: The file is empty: no XML document.")
    }
}
