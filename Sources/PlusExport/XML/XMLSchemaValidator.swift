import CLibXML2
import Foundation
import Synchronization

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
        // Compiling the schema cost more than validating an Ambito's export: each is compiled
        // once and kept, one for each validation running at the same time.
        let compiled = try CompiledSchemas.take(schemaURL)
        defer { CompiledSchemas.giveBack(compiled, for: schemaURL) }
        guard let validation = xmlSchemaNewValidCtxt(compiled.schema) else {
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

/// Compiled schemas kept for the life of the process, by file, each lent to one validation at a
/// time (libxml2 does not promise that a compiled schema may be shared between threads).
enum CompiledSchemas {
    final class Compiled: @unchecked Sendable {
        let schema: xmlSchemaPtr
        init(_ schema: xmlSchemaPtr) { self.schema = schema }
        deinit { xmlSchemaFree(schema) }
    }

    private static let idle = Mutex<[String: [Compiled]]>([:])
    /// How many times each schema was compiled: once for each validation that ran alongside another.
    static let compilations = Mutex<[String: Int]>([:])

    /// An idle compiled `url`, or one compiled now; a schema that does not compile throws with
    /// libxml2's messages, as it did when each validation compiled its own.
    static func take(_ url: URL) throws -> Compiled {
        if let kept = idle.withLock({ $0[url.path]?.popLast() }) { return kept }
        final class Messages { var text: [String] = [] }
        let messages = Messages()
        let context = Unmanaged.passUnretained(messages).toOpaque()
        let collect: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            let messages = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            messages.text.append("\(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard let parser = xmlSchemaNewParserCtxt(url.path) else {
            throw ExportError(.exportXMLInvalid, path: url.lastPathComponent, found: "cannot read schema")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, collect, context)
        let schema = withExtendedLifetime(messages) { xmlSchemaParse(parser) }
        guard let schema else {
            throw ExportError(.exportXMLInvalid, path: url.lastPathComponent, found: messages.text.joined(separator: "; "))
        }
        compilations.withLock { $0[url.path, default: 0] += 1 }
        return Compiled(schema)
    }

    static func giveBack(_ compiled: Compiled, for url: URL) {
        idle.withLock { $0[url.path, default: []].append(compiled) }
    }
}
