import CLibXML2
import Foundation
import PlusModel
import Testing
@testable import PlusXML

@Suite("Large deliberations: linear work, repeated Ambiti refused")
struct LargeDocumentTests {
    /// The mutated file that took 11.5 s at 16,000 Ambiti and 50 s at 32,000: the sample's head
    /// and one `<ambito/>` line, repeated here instead of committed in megabytes.
    static func repeatedAmbiti(_ count: Int, code: (Int) -> String) throws -> Data {
        let template = try String(contentsOf: Paths.fixture("repeated-ambito.xml"), encoding: .utf8)
        let lines = template.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("<ambito ") })
        let line = lines[index]
        var text = lines[..<index].joined(separator: "\n") + "\n"
        text.reserveCapacity(text.utf8.count + count * (line.utf8.count + 8))
        for number in 1...count {
            text += line.replacingOccurrences(of: "codice=\"OR\"", with: "codice=\"\(code(number))\"") + "\n"
        }
        text += lines[(index + 1)...].joined(separator: "\n")
        return Data(text.utf8)
    }

    @Test("16,000 Ambiti import with every XPath and line right, in work linear in their number")
    func sixteenThousandAmbiti() throws {
        let count = 16_000
        let data = try Self.repeatedAmbiti(count) { "A\($0)" }
        let importer = DeliberationImporter(mapping: try Paths.mapping("ripartizione-semplice"))
        let (result, parsed) = importer.importDocument(data, displayName: "grande.xml")
        #expect(result.status == .accepted)
        #expect(!result.diagnostics.containsErrors)
        #expect(result.rowsRead == count)
        let allocations = result.allocations
        #expect(allocations.count == count)
        #expect(allocations.first?.ambito == "A1")
        #expect(allocations.last?.ambito == "A16000")
        #expect(allocations.last?.provenance?.xpath == "/ripartizione/ambito[16000]")
        #expect(allocations.last?.provenance?.line == 5 + count)
        #expect(allocations[7_999].provenance?.xpath == "/ripartizione/ambito[8000]")
        // The work: each root child is looked at a fixed number of times (twice today), not once
        // per Ambito named (16,000² = 256 million); eight field expressions per Ambito.
        let document = try #require(parsed)
        let rootChildren = 2 * count + 10   // the elements and the blank text between them
        #expect(document.paths.siblingsVisited <= 2 * rootChildren)
        #expect(document.xpathEvaluations <= 8 * count + 20)
    }

    @Test("The Akoma Ntoso layout, schema and all, also reads 2,000 Ambiti in linear work")
    func akomaNtoso() throws {
        let sample = try String(contentsOf: Paths.deliberations.appendingPathComponent("dgr-2019.xml"), encoding: .utf8)
        let lines = sample.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.contains("<plus:ambito ") })
        let last = try #require(lines.lastIndex { $0.contains("</plus:ambito>") })
        let block = lines[first...(try #require(lines[first...].firstIndex { $0.contains("</plus:ambito>") }))]
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let count = 2_000
        var body: [String] = []
        for number in 0..<count {
            // Codes the schema accepts ([A-Z]{2,4}), all different.
            let code = String([letters[number / 676 % 26], letters[number / 26 % 26], letters[number % 26]])
            body += block.map { $0.replacingOccurrences(of: "codice=\"OR\"", with: "codice=\"X\(code)\"") }
        }
        let text = (Array(lines[..<first]) + body + Array(lines[(last + 1)...])).joined(separator: "\n")
        let importer = DeliberationImporter(mapping: try Paths.mapping("deliberazione-akn"))
        let (result, parsed) = importer.importDocument(Data(text.utf8), displayName: "akn-grande.xml")
        #expect(!result.diagnostics.containsErrors)
        #expect(result.allocations.count == count)
        #expect(result.allocations.last?.provenance?.xpath == "/*/*/*[1]/*[3]/plus:ripartizione/plus:ambiti/plus:ambito[\(count)]")
        let document = try #require(parsed)
        #expect(document.paths.siblingsVisited <= 2 * (2 * count + 1) + 200)
        #expect(document.xpathEvaluations <= 8 * count + 30)
    }

    @Test("The same Ambito repeated 16,000 times: every copy refused with XML026, none accepted")
    func sixteenThousandCopies() throws {
        let count = 16_000
        let data = try Self.repeatedAmbiti(count) { _ in "OR" }
        let importer = DeliberationImporter(mapping: try Paths.mapping("ripartizione-semplice"))
        let (result, document) = importer.importDocument(data, displayName: "copie.xml")
        #expect(result.allocations.isEmpty)
        #expect(result.rejectedRows.count == count)
        let repeated = result.diagnostics.filter { $0.code == "XML026" }
        #expect(repeated.count == count - 1)
        #expect(result.diagnostics.containsErrors)
        let last = try #require(repeated.last)
        #expect(last.found == "OR")
        #expect(last.location.xpath == "/ripartizione/ambito[16000]")
        #expect(last.message.it.contains("/ripartizione/ambito[1] (riga 6)"))
        #expect(last.message.it.contains("/ripartizione/ambito[16000] (riga 16005)"))
        #expect(try #require(document).paths.siblingsVisited <= 2 * (2 * count + 10))
    }

    @Test("An Ambito written twice rejects both rows with XML026 naming both XPaths; the others stay")
    func duplicateAmbito() throws {
        let importer = DeliberationImporter(mapping: try Paths.mapping("ripartizione-semplice"))
        let result = try importer.importFile(at: Paths.fixture("flat-duplicate-ambito.xml"))
        #expect(result.status == .accepted)
        #expect(result.allocations.count == 24)
        #expect(!result.allocations.contains { $0.ambito == "OR" })
        #expect(result.deliberation?.allocations.count == 24)
        #expect(result.rejectedRows.map(\.line) == [6, 31])
        #expect(result.rejectedRows.allSatisfy { $0.cells.first == "OR" && $0.reasons.map(\.code) == ["XML026"] })
        let error = try #require(result.diagnostics.first { $0.code == "XML026" })
        #expect(result.diagnostics.filter { $0.code == "XML026" }.count == 1)
        #expect(error.severity == .error)
        #expect(error.location.line == 31)
        #expect(error.location.xpath == "/ripartizione/ambito[26]")
        #expect(error.found == "OR")
        #expect(error.message.it == "L'Ambito «OR» compare più volte: in /ripartizione/ambito[1] (riga 6) e in /ripartizione/ambito[26] (riga 31); nessuna delle sue quote è stata accolta, perché non si sa quale valga.")
        #expect(error.message.en.hasPrefix("Ambito 'OR' appears more than once: at /ripartizione/ambito[1] (line 6) and at /ripartizione/ambito[26] (line 31)"))
    }

    @Test("Node paths are libxml2's own, for every node of the samples and of a mixed document")
    func pathsMatchLibXML() throws {
        var documents: [(String, Data)] = []
        let samples = try FileManager.default.contentsOfDirectory(at: Paths.deliberations, includingPropertiesForKeys: nil)
        for url in samples where url.pathExtension == "xml" {
            documents.append((url.lastPathComponent, try Data(contentsOf: url)))
        }
        documents.append(("mixed.xml", Data("""
            <?xml version="1.0"?>
            <a:root xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:default">
              <a:x k="1" a:k="2"/><b:x/><a:x/><x/><x>t<![CDATA[c]]>u<!--c1--><?pi one?><?pi two?><?other?></x>
              <plain xmlns=""><y/><y/><z/><!--only--></plain>
              <a:x><b:y/><a:y/><a:y/></a:x>
            </a:root>
            """.utf8)))
        for (name, data) in documents {
            let document = try #require(SafeXMLDocument.parse(data, fileName: name).document)
            let root = try #require(document.root)
            var checked = 0
            // Named in a scrambled order, so a path never depends on its siblings being named first.
            var nodes: [xmlNodePtr] = []
            collect(root.pointer, into: &nodes)
            for pointer in nodes.reversed() {
                let named = try #require(xmlGetNodePath(pointer))
                defer { free(named) }
                let expected = String(cString: named)
                #expect(XMLNodeRef(document: document, pointer: pointer).path == expected, "\(name)")
                checked += 1
            }
            #expect(checked > 5)
        }
    }

    private func collect(_ node: xmlNodePtr, into nodes: inout [xmlNodePtr]) {
        nodes.append(node)
        var attribute = node.pointee.properties
        while let current = attribute {
            nodes.append(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            collect(current, into: &nodes)
            child = current.pointee.next
        }
    }
}
