import CLibXML2
import Foundation

/// Validates an XML file against an XSD with libxml2, collecting every error with its line.
///
/// ```swift
/// let errors = try XMLSchemaValidator.bundled().validate(fileAt: url)
/// errors.isEmpty   // true for every export PlusExport declares done
/// ```
public struct XMLSchemaValidator: Sendable {
    /// One schema violation: the line in the instance file and libxml2's message.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public var description: String { "\(line): \(message)" }
    }

    public var schemaURL: URL

    public init(schemaURL: URL) {
        self.schemaURL = schemaURL
    }

    /// The validator for `Schemas/plus-export.xsd`, shipped with this module.
    public static func bundled() throws -> XMLSchemaValidator {
        guard let url = Bundle.module.url(forResource: "plus-export", withExtension: "xsd", subdirectory: "Schemas") else {
            throw ExportError(.exportXMLInvalid, path: "plus-export.xsd", found: "schema missing from the bundle")
        }
        return XMLSchemaValidator(schemaURL: url)
    }

    /// Every violation in the file; empty when it is valid.
    public func validate(fileAt url: URL) throws -> [Violation] {
        try validate(fileName: url.lastPathComponent) { validation in xmlSchemaValidateFile(validation, url.path, 0) }
    }

    /// Every violation in an untrusted document held in memory; empty when it is valid.
    ///
    /// The bytes are parsed without network and without loading a DTD or substituting
    /// entities; callers refuse a `<!DOCTYPE>` before (``SafeXMLDocument`` does), so the
    /// document validated is the one they read.
    public func validate(data: Data, fileName: String) throws -> [Violation] {
        LibXML2.initialise()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count <= Int(Int32.max) else { return nil }
            return xmlReadMemory(base, Int32(raw.count), fileName, nil, options)
        }
        guard let document else { return [Violation(line: 0, message: "not well-formed XML")] }
        defer { xmlFreeDoc(document) }
        return try validate(fileName: fileName) { validation in xmlSchemaValidateDoc(validation, document) }
    }

    private func validate(fileName: String, _ run: (xmlSchemaValidCtxtPtr) -> Int32) throws -> [Violation] {
        LibXML2.initialise()
        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            collector.violations.append(Violation(
                line: Int(error.pointee.line), message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        guard let parser = xmlSchemaNewParserCtxt(schemaURL.path) else {
            throw ExportError(.exportXMLInvalid, path: schemaURL.lastPathComponent, found: "cannot read schema")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, handler, context)
        guard let schema = xmlSchemaParse(parser) else {
            throw ExportError(
                .exportXMLInvalid, path: schemaURL.lastPathComponent,
                found: collector.violations.map(\.description).joined(separator: "; "))
        }
        defer { xmlSchemaFree(schema) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            throw ExportError(.exportXMLInvalid, path: fileName, found: "xmlSchemaNewValidCtxt")
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, handler, context)
        let result = withExtendedLifetime(collector) { run(validation) }
        if result != 0 && collector.violations.isEmpty {
            collector.violations.append(Violation(line: 0, message: "libxml2 returned \(result)"))
        }
        return collector.violations
    }

    private final class Collector {
        var violations: [Violation] = []
    }
}
