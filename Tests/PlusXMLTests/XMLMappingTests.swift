import Foundation
import PlusModel
import Testing
@testable import PlusXML

@Suite("XML mappings and XPath")
struct XMLMappingTests {
    @Test("Every shipped XML mapping loads", arguments: ["deliberazione-akn", "deliberazione-akn-allegato", "ripartizione-semplice"])
    func shipped(name: String) throws {
        let mapping = try Paths.mapping(name)
        #expect(mapping.name == name)
        #expect(mapping.version == 1)
        #expect(mapping.target == "deliberazione")
        #expect(mapping.directory == Paths.mappings.standardizedFileURL || mapping.directory?.path == Paths.mappings.path)
    }

    @Test("A mapping without the allocation paths is refused with a reason")
    func incomplete() {
        #expect(throws: XMLMappingError.self) {
            try XMLMapping.decode(yaml: "name: x\ndeliberation: {number: a, date: b, body: c, year: d, fund_total: e}\n")
        }
    }

    @Test("XPath evaluates with the mapping's namespaces to nodes, numbers and strings")
    func xpath() throws {
        let data = try Data(contentsOf: Paths.deliberations.appendingPathComponent("dgr-2017.xml"))
        let document = try #require(SafeXMLDocument.parse(data, fileName: "dgr-2017.xml").document)
        let namespaces = try Paths.mapping("deliberazione-akn").namespaces
        #expect(try document.evaluate("count(//plus:ambito)", namespaces: namespaces).text == "25")
        #expect(try document.evaluate("//akn:FRBRnumber/@value", namespaces: namespaces).text == "12/31")
        #expect(throws: XPathError.self) { try document.evaluate("//plus:ambito", namespaces: [:]) }
        #expect(throws: XPathError.self) { try document.evaluate("//[", namespaces: namespaces) }
    }

    @Test("A broken XPath in a mapping becomes XML024 naming the field")
    func brokenExpression() throws {
        var mapping = try Paths.mapping("ripartizione-semplice")
        mapping.allocations.total = "@totale[["
        let result = try DeliberationImporter(mapping: mapping).importFile(at: Paths.deliberations.appendingPathComponent("ripartizione-2019-semplice.xml"))
        let error = try #require(result.diagnostics.first { $0.code == "XML024" })
        #expect(error.expected == "@totale[[")
        #expect(error.message.it.contains("campo total"))
        #expect(error.message.en.contains("field total"))
        #expect(result.allocations.isEmpty)
    }

    @Test("A path that finds nothing becomes XML020 at the node searched")
    func nothingFound() throws {
        var mapping = try Paths.mapping("ripartizione-semplice")
        mapping.deliberation.number = "/ripartizione/atto/@numero"
        let result = try DeliberationImporter(mapping: mapping).importFile(at: Paths.deliberations.appendingPathComponent("ripartizione-2019-semplice.xml"))
        #expect(result.status == .rejected)
        let error = try #require(result.diagnostics.first { $0.code == "XML020" })
        #expect(error.message.it.contains("number"))
        #expect(error.expected == "/ripartizione/atto/@numero")
    }
}
