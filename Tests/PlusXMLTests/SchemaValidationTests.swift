import Foundation
import PlusModel
import Testing
@testable import PlusXML

@Suite("XSD validation")
struct SchemaValidationTests {
    func line(of marker: String, in fixture: String) throws -> Int {
        let text = try String(contentsOf: Paths.fixture(fixture), encoding: .utf8)
        return try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }) + 1
    }

    @Test("Violations are reported with their line, in Italian and English, and nothing is imported")
    func violations() throws {
        let result = try DeliberationImporter(mapping: try Paths.mapping("deliberazione-akn")).importFile(at: Paths.fixture("schema-invalid.xml"))
        #expect(result.status == .rejected)
        #expect(result.records.isEmpty)
        let violations = result.diagnostics.filter { $0.code == "XML010" }
        let lines = Set(violations.compactMap(\.location.line))
        #expect(lines.contains(try line(of: "VIOLATION-AMOUNT", in: "schema-invalid.xml")))
        #expect(lines.contains(try line(of: "VIOLATION-CODE", in: "schema-invalid.xml")))
        let amount = try #require(violations.first { $0.found?.contains("808.344,17") == true })
        #expect(amount.message.it.contains("non rispetta lo schema ripartizione-plus.xsd"))
        #expect(amount.message.en.contains("does not conform to schema ripartizione-plus.xsd"))
        #expect(amount.location.xpath?.contains("plus:totale") == true)
    }

    @Test("The bundled schema accepts every sample deliberation", arguments: ["dgr-2017.xml", "dgr-2018.xml", "dgr-2019.xml", "dgr-2019-errata.xml"])
    func samplesConform(file: String) throws {
        let schema = try XMLSchema.bundled(named: "ripartizione-plus.xsd")
        let data = try Data(contentsOf: Paths.deliberations.appendingPathComponent(file))
        let document = try #require(SafeXMLDocument.parse(data, fileName: file).document)
        let block = try #require(try document.evaluate("//plus:ripartizione", namespaces: ["plus": "urn:it:ras:plus:ripartizione:1.0"]).firstNode)
        #expect(schema.validate(block).isEmpty)
    }

    @Test("A schema that is not XSD fails to compile with libxml2's reason")
    func invalidSchema() {
        #expect(throws: XMLSchemaError.self) { try XMLSchema(data: Data("<notaschema/>".utf8), name: "bad.xsd") }
    }

    @Test("A missing schema named by the mapping is a diagnostic, not a crash")
    func missingSchema() throws {
        var mapping = try Paths.mapping("deliberazione-akn")
        mapping.schema = "missing.xsd"
        let result = try DeliberationImporter(mapping: mapping).importFile(at: Paths.deliberations.appendingPathComponent("dgr-2019.xml"))
        #expect(result.status == .rejected)
        #expect(result.codes.contains("XML011"))
    }
}
