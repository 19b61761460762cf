import CLibXML2
import Foundation
import PlusModel

/// A compiled W3C XML Schema (XSD) that validates a document or one of its elements.
///
/// Violations become ``Problem/xmlSchemaViolation`` diagnostics with the line and XPath of the node.
///
/// ```swift
/// let schema = try XMLSchema.bundled(named: "ripartizione-plus.xsd")
/// let violations = schema.validate(element, in: "dgr-2019.xml")
/// ```
public final class XMLSchema {
    private let pointer: xmlSchemaPtr
    /// The schema's file name, shown in diagnostics.
    public let name: String

    /// Compiles the schema in `data`; throws with libxml2's messages when it is not a valid XSD.
    public init(data: Data, name: String) throws(XMLSchemaError) {
        LibXML.ensureInitialized()
        let collector = XMLErrorCollector(capacity: 10)
        let compiled: xmlSchemaPtr? = LibXML.collectingErrors(into: collector) {
            data.withUnsafeBytes { raw -> xmlSchemaPtr? in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self),
                      let parser = xmlSchemaNewMemParserCtxt(base, Int32(raw.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, xmlCollectStructuredError, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(parser)
            }
        }
        guard let compiled else {
            throw XMLSchemaError(name: name, message: collector.entries.map(\.message).joined(separator: "; "))
        }
        self.pointer = compiled
        self.name = name
    }

    deinit { xmlSchemaFree(pointer) }

    /// A schema shipped in this module's `Schemas` folder.
    public static func bundled(named name: String) throws(XMLSchemaError) -> XMLSchema {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Schemas") else {
            throw XMLSchemaError(name: name, message: "not found among the bundled schemas")
        }
        return try load(from: url)
    }

    /// A schema read from a file.
    public static func load(from url: URL) throws(XMLSchemaError) -> XMLSchema {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw XMLSchemaError(name: url.lastPathComponent, message: "cannot be read")
        }
        return try XMLSchema(data: data, name: url.lastPathComponent)
    }

    /// The violations of `element` and its subtree; empty when it conforms.
    public func validate(_ element: XMLNodeRef) -> [Diagnostic] {
        let collector = XMLErrorCollector(capacity: 50)
        guard let context = xmlSchemaNewValidCtxt(pointer) else {
            return [Problem.xmlSchemaUnavailable.at(SourceLocation(file: element.document.fileName), found: "out of memory", expected: name)]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        xmlSchemaSetValidStructuredErrors(context, xmlCollectStructuredError, Unmanaged.passUnretained(collector).toOpaque())
        let status = LibXML.collectingErrors(into: collector) { xmlSchemaValidateOneElement(context, element.pointer) }
        var diagnostics = collector.entries.map { entry in
            Problem.xmlSchemaViolation.at(
                SourceLocation(file: element.document.fileName, line: entry.line, xpath: entry.nodePath),
                found: entry.message, details: ["schema": name],
                severity: entry.isWarning ? .warning : nil)
        }
        if collector.dropped > 0 {
            diagnostics.append(Problem.xmlTooManyMessages.at(SourceLocation(file: element.document.fileName), found: String(collector.dropped)))
        }
        if status != 0 && !diagnostics.containsErrors {
            diagnostics.append(Problem.xmlSchemaViolation.at(
                SourceLocation(file: element.document.fileName, line: element.line, xpath: element.path),
                found: "validation failed (\(status))", details: ["schema": name]))
        }
        return diagnostics
    }
}
