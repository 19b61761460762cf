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
            throw ExportError(.exportXMLInvalid, path: url.lastPathComponent, found: "xmlSchemaNewValidCtxt")
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, handler, context)
        let result = withExtendedLifetime(collector) { xmlSchemaValidateFile(validation, url.path, 0) }
        if result != 0 && collector.violations.isEmpty {
            collector.violations.append(Violation(line: 0, message: "libxml2 returned \(result)"))
        }
        return collector.violations
    }

    private final class Collector {
        var violations: [Violation] = []
    }
}
