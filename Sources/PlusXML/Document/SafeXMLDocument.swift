import CLibXML2
import Foundation
import PlusModel

/// An XML document parsed by libxml2 from untrusted bytes, with every hostile feature off.
///
/// Parsing never reads the network, never loads or expands a DTD (a `<!DOCTYPE>` stops the
/// parser at once, so external entities and "billion laughs" never start), refuses input over
/// ``XMLParseLimits/maxBytes``, and turns libxml2's messages into diagnostics with line numbers
/// instead of text on standard error.
///
/// ```swift
/// let parsed = SafeXMLDocument.parse(data, fileName: "dgr-2019.xml")
/// if let document = parsed.document { print(document.root?.localName ?? "") }
/// parsed.diagnostics.forEach { print($0.rendered(.it)) }
/// ```
public final class SafeXMLDocument {
    let pointer: xmlDocPtr
    /// The file name shown in diagnostics.
    public let fileName: String
    /// Node paths, numbered once per parent; a document is read by one import on one thread.
    lazy var paths = NodePathIndex()
    /// XPath expressions evaluated so far: the work done, which tests bound.
    var xpathEvaluations = 0

    private init(pointer: xmlDocPtr, fileName: String) {
        self.pointer = pointer
        self.fileName = fileName
    }

    deinit { xmlFreeDoc(pointer) }

    /// The document element.
    public var root: XMLNodeRef? {
        xmlDocGetRootElement(pointer).map { XMLNodeRef(document: self, pointer: $0) }
    }

    /// A parsed document, or none, and what was found on the way.
    public struct Outcome {
        public var document: SafeXMLDocument?
        public var diagnostics: [Diagnostic]
    }

    // NONET: never fetch. BIG_LINES: true line numbers past 65535. Deliberately absent:
    // NOENT (substitutes entities), DTDLOAD/DTDATTR/DTDVALID (read DTDs), HUGE (lifts limits), XINCLUDE.
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Parses `data`; never throws, never crashes on any bytes.
    public static func parse(_ data: Data, fileName: String, limits: XMLParseLimits = .default) -> Outcome {
        let file = SourceLocation(file: fileName)
        guard data.count <= limits.maxBytes, data.count <= Int(Int32.max) else {
            return Outcome(diagnostics: [Problem.xmlTooLarge.at(file, found: String(data.count), expected: String(limits.maxBytes))])
        }
        guard !data.isEmpty else { return Outcome(diagnostics: [Problem.xmlEmpty.at(file)]) }
        LibXML.ensureInitialized()
        guard let context = xmlNewParserCtxt() else {
            return Outcome(diagnostics: [Problem.xmlNotWellFormed.at(file, found: "libxml2: out of memory")])
        }
        defer { xmlFreeParserCtxt(context) }
        let collector = XMLErrorCollector(capacity: limits.maxDiagnostics)
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.internalSubset = refuseDoctype
        let document = LibXML.collectingErrors(into: collector) {
            data.withUnsafeBytes { raw -> xmlDocPtr? in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
                return xmlCtxtReadMemory(context, base, Int32(raw.count), nil, nil, options)
            }
        }
        var diagnostics = diagnose(collector, file: file)
        let wellFormed = context.pointee.wellFormed != 0 && !collector.refusedDoctype
        guard let document, wellFormed else {
            if let document { xmlFreeDoc(document) }
            if !diagnostics.containsErrors {
                diagnostics.append(Problem.xmlNotWellFormed.at(file, found: "libxml2 could not build the document"))
            }
            return Outcome(diagnostics: diagnostics)
        }
        return Outcome(document: SafeXMLDocument(pointer: document, fileName: fileName), diagnostics: diagnostics)
    }

    private static func diagnose(_ collector: XMLErrorCollector, file: SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if collector.refusedDoctype {
            diagnostics.append(Problem.xmlDoctypeRefused.at(SourceLocation(file: file.file, line: collector.doctypeLine), found: "<!DOCTYPE>"))
        }
        for entry in collector.entries where entry.code != Int32(XML_ERR_USER_STOP.rawValue) {
            let location = SourceLocation(file: file.file, line: entry.line)
            if entry.isWarning {
                diagnostics.append(Problem.xmlParserWarning.at(location, found: entry.message))
            } else if entityCodes.contains(entry.code) {
                diagnostics.append(Problem.xmlDoctypeRefused.at(location, found: entry.message))
            } else {
                diagnostics.append(Problem.xmlNotWellFormed.at(location, found: entry.message))
            }
        }
        if collector.dropped > 0 {
            diagnostics.append(Problem.xmlTooManyMessages.at(file, found: String(collector.dropped)))
        }
        return diagnostics
    }

    /// libxml2 codes that mean an entity was declared or expanded against the rules.
    private static let entityCodes: Set<Int32> = [
        XML_ERR_ENTITY_LOOP, XML_ERR_ENTITY_BOUNDARY, XML_ERR_EXT_ENTITY_STANDALONE,
        XML_ERR_ENTITY_PE_INTERNAL, XML_ERR_ENTITY_IS_EXTERNAL, XML_ERR_ENTITY_IS_PARAMETER,
    ].reduce(into: []) { $0.insert(Int32($1.rawValue)) }
}

/// The SAX callback for `<!DOCTYPE ...>`: it runs before the internal subset is read, so no
/// entity is ever declared, and stops the parser there.
private let refuseDoctype: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = parser.pointee._private {
        let errors = Unmanaged<XMLErrorCollector>.fromOpaque(collector).takeUnretainedValue()
        errors.refusedDoctype = true
        if let input = parser.pointee.input, input.pointee.line > 0 { errors.doctypeLine = Int(input.pointee.line) }
    }
    parser.pointee.wellFormed = 0
    xmlStopParser(parser)
}
