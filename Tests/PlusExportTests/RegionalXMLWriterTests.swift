import Foundation
import FoundationXML
import PlusModel
import Testing
@testable import PlusExport

@Suite struct RegionalXMLWriterTests {
    func writeXML(_ ambitoYears: [AmbitoYear]) throws -> (URL, URL) {
        let directory = try Fixtures.temporaryDirectory()
        let url = directory.appendingPathComponent("plus-export.xml")
        let datasets = try DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: ambitoYears)
        try RegionalXMLWriter().write(datasets, metadata: Fixtures.metadata, to: url)
        return (directory, url)
    }

    @Test func exportValidatesAgainstTheBundledSchema() throws {
        let (directory, url) = try writeXML([Fixtures.oristano(), Fixtures.cagliari()])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try XMLSchemaValidator.bundled().validate(fileAt: url) == [])
    }

    @Test func untrustedTextRoundTripsEscapedAndControlsAreReplaced() throws {
        let (directory, url) = try writeXML([Fixtures.oristano()])
        defer { try? FileManager.default.removeItem(at: directory) }
        let collector = AttributeCollector()
        let parser = try #require(XMLParser(contentsOf: url))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.values.contains(Fixtures.hostileName))
        #expect(collector.values.contains("Assistenza domiciliare, anziani \"fragili\""))
        #expect(collector.values.contains("-Abbasanta\u{FFFD}"))
        #expect(collector.elements.filter { $0 == "ambito" }.count == 1)
        #expect(collector.elements.contains("confronto"))
    }

    @Test func validatorReportsAViolationWithItsLine() throws {
        let (directory, url) = try writeXML([Fixtures.oristano()])
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "costo_totale=\"100000.00\"", with: "costo_totale=\"100.000,00\"")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let violations = try XMLSchemaValidator.bundled().validate(fileAt: url)
        let first = try #require(violations.first)
        #expect(first.message.contains("costo_totale"))
        #expect(first.line > 1)
    }

    @Test func everyColumnBelowAmbitoIsAnAttributeInTheSchema() throws {
        let schema = try String(contentsOf: try XMLSchemaValidator.bundled().schemaURL, encoding: .utf8)
        for dataset in DatasetCatalog.all {
            for column in dataset.columns where !(dataset.name != "ambiti" && ["anno", "ambito"].contains(column.name)) {
                #expect(schema.contains("<xs:attribute name=\"\(column.name)\""), "\(dataset.name).\(column.name)")
            }
        }
    }

    @Test func theSchemaIsCompiledOnceForManyValidationsAndStillFindsEveryViolation() throws {
        let (directory, url) = try writeXML([Fixtures.oristano()])
        defer { try? FileManager.default.removeItem(at: directory) }
        // A copy of its own, so that no other test's validations count.
        let schema = directory.appendingPathComponent("copia-\(UUID().uuidString).xsd")
        try FileManager.default.copyItem(at: try XMLSchemaValidator.bundled().schemaURL, to: schema)
        let validator = XMLSchemaValidator(schemaURL: schema)
        let broken = directory.appendingPathComponent("rotto.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "costo_totale=\"100000.00\"", with: "costo_totale=\"x\"").write(to: broken, atomically: true, encoding: .utf8)
        for _ in 0..<5 {
            #expect(try validator.validate(fileAt: url) == [])
            #expect(try validator.validate(fileAt: broken).first?.message.contains("costo_totale") == true)
        }
        #expect(CompiledSchemas.compilations.withLock { $0[schema.path] } == 1)
        // A schema that does not compile still says why, every time.
        let wrong = directory.appendingPathComponent("sbagliato-\(UUID().uuidString).xsd")
        try Data("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>".utf8).write(to: wrong)
        for _ in 0..<2 {
            #expect(throws: ExportError.self) { try XMLSchemaValidator(schemaURL: wrong).validate(fileAt: url) }
        }
    }
}

private final class AttributeCollector: NSObject, XMLParserDelegate {
    var values: [String] = []
    var elements: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(elementName)
        values += attributes.values
    }
}
