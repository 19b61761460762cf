import CLibXML2
import Foundation
import Synchronization

/// What an XSD requires of the documents ``RegionalXMLWriter`` writes, read from the XSD itself,
/// for checking a document while it is written instead of parsing it again afterwards.
///
/// The check is conservative: it says a document *certainly* conforms only when every element
/// and value is of a kind it knows exactly (the XSD's sequences of elements, its attributes,
/// required or not, and the simple types built from `xs:string`, `xs:decimal`, the integers,
/// `xs:boolean`, `xs:date`, `xs:dateTime` with enumerations and the patterns it has matchers
/// for), and accepts of those only canonical forms (no blanks, no sign on unsigned integers,
/// no more than 18 digits in a part, 20 in a decimal). Anything else — a value out of range or not canonical, a pattern it
/// has no matcher for, a construct of XSD it does not read — leaves the verdict to libxml2's
/// validation of the file (``XMLSchemaValidator``), which then finds and reports the violation.
///
/// ```swift
/// let schema = try XMLSchemaConformance.compiled(XMLSchemaValidator.bundled().schemaURL)
/// let checking = SchemaCheckingWriter(try XMLFileWriter(url: url), schema: schema)
/// // ... write through `checking` ...
/// checking.conforms   // true: no need to validate the file
/// ```
final class XMLSchemaConformance: Sendable {
    /// One attribute an element may carry.
    struct Attribute: Sendable {
        let name: String
        let type: ValueType
        let required: Bool
        /// Whether any text is valid (`xs:string` without facets): most attributes, not checked.
        let acceptsAnyText: Bool

        init(name: String, type: ValueType, required: Bool) {
            self.name = name
            self.type = type
            self.required = required
            if case .value(.string, nil, nil) = type { acceptsAnyText = true } else { acceptsAnyText = false }
        }
    }

    /// One element of a sequence: its name, how many times it may occur in a row, and its index
    /// in ``elements`` (`nil` when the check does not know it): a child is found by its
    /// parent's sequence, without looking its name up.
    struct Particle: Sendable {
        let name: String
        let minimum: Int
        let maximum: Int
        var element: Int?
    }

    struct Element: Sendable {
        let attributes: [Attribute]
        /// The attributes that must be present, one bit per position in ``attributes``.
        let requiredMask: UInt64
        var children: [Particle]
    }

    /// The index of each element the check knows, by name; an element it does not know (or that
    /// is declared twice, in two ways) is not there, and a document with it is left to libxml2.
    let elementIndex: [String: Int]
    let elements: [Element]
    let topLevel: Set<String>
    let targetNamespace: String?

    private init(elementIndex: [String: Int], elements: [Element], topLevel: Set<String>, targetNamespace: String?) {
        self.elementIndex = elementIndex
        self.elements = elements
        self.topLevel = topLevel
        self.targetNamespace = targetNamespace
    }

    private static let cache = Mutex<[String: XMLSchemaConformance]>([:])

    /// The requirements of the XSD at `url`, read once per process.
    static func compiled(_ url: URL) -> XMLSchemaConformance {
        if let known = cache.withLock({ $0[url.path] }) { return known }
        let compiled = (try? read(url)) ?? XMLSchemaConformance(elementIndex: [:], elements: [], topLevel: [], targetNamespace: nil)
        cache.withLock { $0[url.path] = compiled }
        return compiled
    }

    // MARK: Reading the XSD

    private struct Unsupported: Error {}

    private static let xs = "http://www.w3.org/2001/XMLSchema"

    private static func read(_ url: URL) throws -> XMLSchemaConformance {
        LibXML2.initialise()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOBLANKS.rawValue)
        guard let document = xmlReadFile(url.path, nil, options) else { throw Unsupported() }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document), isXS(root, "schema") else { throw Unsupported() }
        // Local elements must be in the target namespace (the writer puts every element in the
        // default namespace) and attributes in none.
        guard property(root, "elementFormDefault") == "qualified",
              (property(root, "attributeFormDefault") ?? "unqualified") == "unqualified" else { throw Unsupported() }
        let targetNamespace = property(root, "targetNamespace")
        // Built-in types are named `xs:...` and the schema's own types without a prefix.
        func namespace(_ prefix: String?) -> String? {
            xmlSearchNs(document, root, prefix).flatMap { $0.pointee.href }.map { String(cString: $0) }
        }
        guard namespace("xs") == xs, namespace(nil) == targetNamespace else { throw Unsupported() }

        var simpleTypes: [String: xmlNodePtr] = [:]
        var complexTypes: [String: xmlNodePtr] = [:]
        var topLevel: Set<String> = []
        for child in children(root) {
            guard let name = property(child, "name") else { continue }
            if isXS(child, "simpleType") { simpleTypes[name] = child }
            if isXS(child, "complexType") { complexTypes[name] = child }
            if isXS(child, "element") { topLevel.insert(name) }
        }

        var valueTypes: [String: ValueType] = [:]
        func valueType(_ name: String?) -> ValueType {
            guard let name else { return .unsupported }
            if let known = valueTypes[name] { return known }
            let type: ValueType
            if name.hasPrefix("xs:") {
                type = ValueType(builtIn: String(name.dropFirst(3)))
            } else if let node = simpleTypes[name] {
                type = (try? restriction(node, base: valueType)) ?? .unsupported
            } else {
                type = .unsupported
            }
            valueTypes[name] = type
            return type
        }

        var elementIndex: [String: Int] = [:]
        var elements: [Element] = []
        var declared: Set<String> = []
        func declare(_ node: xmlNodePtr) {
            guard let name = property(node, "name") else { return }
            guard declared.insert(name).inserted else {
                // Declared twice: which declaration applies depends on the parent; left to libxml2.
                elementIndex[name] = nil
                return
            }
            let definition: xmlNodePtr? = property(node, "type").flatMap { complexTypes[$0] }
                ?? children(node).first { isXS($0, "complexType") }
            if let definition, let element = try? complexType(definition, valueType: valueType) {
                elementIndex[name] = elements.count
                elements.append(element)
            }
        }
        func walk(_ node: xmlNodePtr) {
            if isXS(node, "element") { declare(node) }
            for child in children(node) { walk(child) }
        }
        walk(root)
        // Each particle names its element's index, known once every declaration is read (an
        // element declared twice has none: the check leaves it to libxml2).
        for index in elements.indices {
            for particle in elements[index].children.indices {
                elements[index].children[particle].element = elementIndex[elements[index].children[particle].name]
            }
        }
        return XMLSchemaConformance(elementIndex: elementIndex, elements: elements, topLevel: topLevel, targetNamespace: targetNamespace)
    }

    /// A complex type of attributes and, optionally, one sequence of elements.
    private static func complexType(_ node: xmlNodePtr, valueType: (String?) -> ValueType) throws -> Element {
        guard property(node, "mixed") == nil else { throw Unsupported() }
        var attributes: [Attribute] = []
        var particles: [Particle] = []
        for child in children(node) {
            if isXS(child, "attribute") {
                guard let name = property(child, "name"), property(child, "fixed") == nil, property(child, "default") == nil,
                      children(child).isEmpty else { throw Unsupported() }
                let use = property(child, "use") ?? "optional"
                guard use == "optional" || use == "required" else { throw Unsupported() }
                attributes.append(Attribute(name: name, type: valueType(property(child, "type")), required: use == "required"))
            } else if isXS(child, "sequence"), particles.isEmpty,
                      property(child, "minOccurs") == nil, property(child, "maxOccurs") == nil {
                for particle in children(child) {
                    guard isXS(particle, "element"), let name = property(particle, "name"),
                          let minimum = Int(property(particle, "minOccurs") ?? "1") else { throw Unsupported() }
                    let maximumText = property(particle, "maxOccurs") ?? "1"
                    guard let maximum = maximumText == "unbounded" ? Int.max : Int(maximumText) else { throw Unsupported() }
                    particles.append(Particle(name: name, minimum: minimum, maximum: maximum, element: nil))
                }
            } else if !isXS(child, "annotation") {
                throw Unsupported()
            }
        }
        guard attributes.count <= 64, Set(attributes.map(\.name)).count == attributes.count else { throw Unsupported() }
        let requiredMask = attributes.indices.reduce(UInt64(0)) { mask, index in
            attributes[index].required ? mask | (1 << UInt64(index)) : mask
        }
        return Element(attributes: attributes, requiredMask: requiredMask, children: particles)
    }

    /// A simple type restricting another by enumerations or one pattern (and nothing else).
    private static func restriction(_ node: xmlNodePtr, base: (String?) -> ValueType) throws -> ValueType {
        let parts = children(node).filter { !isXS($0, "annotation") }
        guard parts.count == 1, let restriction = parts.first, isXS(restriction, "restriction"),
              case .value(let builtIn, let enumerations, let pattern) = base(property(restriction, "base")) else { throw Unsupported() }
        var newEnumerations: Set<String> = []
        var newPatterns: [String] = []
        for facet in children(restriction) {
            if isXS(facet, "enumeration"), let value = property(facet, "value") {
                newEnumerations.insert(value)
            } else if isXS(facet, "pattern"), let value = property(facet, "value") {
                newPatterns.append(value)
            } else if !isXS(facet, "annotation") {
                throw Unsupported()
            }
        }
        // A restriction of a restriction would have to satisfy both: this check knows one level.
        guard enumerations == nil, pattern == nil, newPatterns.count <= 1,
              builtIn == .string || newEnumerations.isEmpty else { throw Unsupported() }
        var matcher: PatternMatcher?
        if let text = newPatterns.first {
            guard let known = PatternMatcher(text) else { throw Unsupported() }
            matcher = known
        }
        return .value(builtIn, enumerations: newEnumerations.isEmpty ? nil : newEnumerations, pattern: matcher)
    }

    private static func isXS(_ node: xmlNodePtr, _ name: String) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let ns = node.pointee.ns, let href = ns.pointee.href else { return false }
        return String(cString: href) == xs && String(cString: node.pointee.name) == name
    }

    private static func property(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        // xmlFree is a mutable global in Swift 6's eyes; this libxml2 uses the C allocator, so free() is it.
        defer { free(value) }
        return String(cString: value)
    }

    private static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }
}

/// The simple types the conformance check knows, and the values it accepts of each.
enum ValueType: Sendable {
    enum BuiltIn: Sendable {
        case string, decimal, integer, nonNegativeInteger, positiveInteger, boolean, date, dateTime
    }

    case value(BuiltIn, enumerations: Set<String>?, pattern: PatternMatcher?)
    /// A type the check does not know: no value of it is accepted as certainly valid.
    case unsupported

    init(builtIn name: String) {
        let builtIn: BuiltIn? = switch name {
        case "string": .string
        case "decimal": .decimal
        case "integer": .integer
        case "nonNegativeInteger": .nonNegativeInteger
        case "positiveInteger": .positiveInteger
        case "boolean": .boolean
        case "date": .date
        case "dateTime": .dateTime
        default: nil
        }
        self = builtIn.map { .value($0, enumerations: nil, pattern: nil) } ?? .unsupported
    }

    /// Whether `text` is certainly a valid value (false also when the check does not know).
    func accepts(_ value: String) -> Bool {
        var text = value
        return text.withUTF8 { accepts(utf8: $0) }
    }

    /// Whether the text of these UTF-8 bytes is certainly a valid value.
    func accepts(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .value(let builtIn, let enumerations, let pattern) = self else { return false }
        if let enumerations {
            // Byte equality: ASCII has no other canonically equivalent spelling.
            guard bytes.allSatisfy({ $0 < 0x80 }), enumerations.contains(String(decoding: bytes, as: UTF8.self)) else { return false }
        }
        if let pattern, !pattern.matches(bytes) { return false }
        return Self.accepts(bytes, as: builtIn)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// 1 to 18 digits from `start`, returning the position after them.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return (1...18).contains(end - start) ? end : nil
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, upTo end: Int) -> Int {
        var value = 0
        for index in start..<end { value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
        return value
    }

    private static func accepts(_ bytes: UnsafeBufferPointer<UInt8>, as builtIn: BuiltIn) -> Bool {
        switch builtIn {
        case .string:
            return true
        case .decimal:
            let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
            guard let end = digits(bytes, from: start) else { return false }
            if end == bytes.count { return true }
            guard bytes[end] == UInt8(ascii: "."), let fraction = digits(bytes, from: end + 1) else { return false }
            // libxml2 refuses a decimal of more than 24 digits in all: 20 is safely below, and
            // above any ExactDecimal (19 digits at most, with its leading zero).
            return fraction == bytes.count && (end - start) + (fraction - end - 1) <= 20
        case .integer:
            let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
            return digits(bytes, from: start) == bytes.count
        case .nonNegativeInteger:
            return digits(bytes, from: 0) == bytes.count
        case .positiveInteger:
            return digits(bytes, from: 0) == bytes.count && bytes.contains { $0 != UInt8(ascii: "0") }
        case .boolean:
            return bytes.elementsEqual("true".utf8) || bytes.elementsEqual("false".utf8)
                || bytes.elementsEqual("1".utf8) || bytes.elementsEqual("0".utf8)
        case .date:
            return bytes.count == 10 && isDate(bytes)
        case .dateTime:
            // YYYY-MM-DDTHH:MM:SS, then Z or nothing.
            guard bytes.count == 19 || (bytes.count == 20 && bytes[19] == UInt8(ascii: "Z")),
                  isDate(bytes), bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  [11, 12, 14, 15, 17, 18].allSatisfy({ isDigit(bytes[$0]) }) else { return false }
            return number(bytes, from: 11, upTo: 13) < 24 && number(bytes, from: 14, upTo: 16) < 60
                && number(bytes, from: 17, upTo: 19) < 60
        }
    }

    /// YYYY-MM-DD at the start: a year from 0001, a month, a day that month has.
    private static func isDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(bytes[$0]) }) else { return false }
        let (year, month, day) = (number(bytes, from: 0, upTo: 4), number(bytes, from: 5, upTo: 7), number(bytes, from: 8, upTo: 10))
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

/// A matcher, written by hand, for each XSD pattern the schema uses; a pattern without one
/// makes its type ``ValueType/unsupported``.
struct PatternMatcher: Sendable {
    let matches: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.allSatisfy { $0 &- UInt8(ascii: "0") < 10 } }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count && bytes.prefix(prefix.utf8.count).elementsEqual(prefix.utf8)
    }

    init?(_ pattern: String) {
        let (digits, hasPrefix) = (Self.digits, Self.hasPrefix)
        switch pattern {
        case "[0-9]{6}":
            matches = { $0.count == 6 && digits($0) }
        case "[0-9a-f]{64}":
            matches = { $0.count == 64 && $0.allSatisfy { $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 } }
        case "-?[0-9]+\\.[0-9]{2}":
            matches = { bytes in
                let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
                return bytes.count - start >= 4 && bytes[bytes.count - 3] == UInt8(ascii: ".")
                    && digits(UnsafeBufferPointer(rebasing: bytes[start..<(bytes.count - 3)]))
                    && digits(UnsafeBufferPointer(rebasing: bytes[(bytes.count - 2)...]))
            }
        case "(comune|unione|asl|provincia|altro):.+":
            // `.` is any character but a line feed or a carriage return.
            let kinds = ["comune:", "unione:", "asl:", "provincia:", "altro:"].map { Array($0.utf8) }
            matches = { bytes in
                for kind in kinds where bytes.starts(with: kind) {
                    let rest = bytes[kind.count...]
                    return !rest.isEmpty && !rest.contains(0x0A) && !rest.contains(0x0D)
                }
                return false
            }
        case "(associata|comune:[0-9]{6})":
            matches = { bytes in
                bytes.elementsEqual("associata".utf8)
                    || (bytes.count == 13 && hasPrefix(bytes, "comune:") && digits(UnsafeBufferPointer(rebasing: bytes[7...])))
            }
        default:
            return nil
        }
    }
}

/// Forwards a document to another writer and checks it, as it goes, against an
/// ``XMLSchemaConformance``: ``conforms`` stays true only while it certainly conforms.
final class SchemaCheckingWriter<Inner: XMLElementWriter>: XMLElementWriter {
    private let inner: Inner
    private let schema: XMLSchemaConformance
    private(set) var conforms = true

    private struct Open {
        let element: Int
        /// The particle of the element's sequence the last child matched, and how many in a row.
        var particle = 0
        var count = 0
    }

    private var open: [Open] = []
    /// The element whose start tag is open (its index in the schema's elements). Its attributes
    /// are read where the schema holds them: a copy of their array per element was a reference
    /// count up and down on the schema both consolidation threads share.
    private var current = 0
    private var attributesSeen: UInt64 = 0
    private var nextAttribute = 0
    private var startTagOpen = false

    init(_ inner: Inner, schema: XMLSchemaConformance) {
        self.inner = inner
        self.schema = schema
    }

    func startElement(_ name: String) throws {
        if conforms { check(start: name) }
        try inner.startElement(name)
    }

    func attribute(_ name: String, _ value: String) throws {
        if conforms { check(attribute: name, value) }
        try inner.attribute(name, value)
    }

    func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) throws {
        if conforms {
            if open.count == 1, name == "xmlns" {
                check(attribute: name, String(decoding: value, as: UTF8.self))
            } else {
                check(attribute: name) { $0.accepts(utf8: value) }
            }
        }
        try inner.attribute(name, utf8: value)
    }

    func endElement() throws {
        if conforms { checkEnd() }
        try inner.endElement()
    }

    func finish() throws -> FileDigest? {
        while conforms, !open.isEmpty { checkEnd() }
        return try inner.finish()
    }

    private func check(start name: String) {
        closeStartTag()
        guard conforms else { return }
        let element: Int?
        if open.isEmpty {
            guard schema.topLevel.contains(name) else { return conforms = false }
            element = schema.elementIndex[name]
        } else {
            // The child's element is the particle it matches: no look-up of its name by hash.
            element = advance(&open[open.count - 1], to: name)
        }
        guard let element else { return conforms = false }
        open.append(Open(element: element))
        current = element
        attributesSeen = 0
        nextAttribute = 0
        startTagOpen = true
    }

    /// Moves the parent's place in its sequence to the child `name`, and returns the child's
    /// element (`nil` when the sequence has no place for it, or the check does not know it).
    private func advance(_ parent: inout Open, to name: String) -> Int? {
        let count = schema.elements[parent.element].children.count
        while parent.particle < count {
            let particle = schema.elements[parent.element].children[parent.particle]
            if particle.name == name, parent.count < particle.maximum {
                parent.count += 1
                return particle.element
            }
            if parent.count < particle.minimum { return nil }
            parent.particle += 1
            parent.count = 0
        }
        return nil
    }

    private func check(attribute name: String, _ value: String) {
        if open.count == 1, name == "xmlns" {
            guard startTagOpen else { return conforms = false }
            if value != schema.targetNamespace || !value.utf8.allSatisfy({ $0 < 0x80 }) { conforms = false }
            return
        }
        check(attribute: name) { $0.accepts(value) }
    }

    /// Checks an attribute of the open start tag whose value `accepts` tells whether its type takes.
    private func check(attribute name: String, accepts: (ValueType) -> Bool) {
        guard startTagOpen else { return conforms = false }
        let count = schema.elements[current].attributes.count
        // Attributes come in the schema's order as a rule: look where the last one was first.
        var index = nextAttribute < count && schema.elements[current].attributes[nextAttribute].name == name ? nextAttribute : nil
        if index == nil { index = schema.elements[current].attributes.firstIndex { $0.name == name } }
        guard let index else { return conforms = false }
        let bit = UInt64(1) << UInt64(index)
        guard attributesSeen & bit == 0,
              schema.elements[current].attributes[index].acceptsAnyText || accepts(schema.elements[current].attributes[index].type) else {
            return conforms = false
        }
        attributesSeen |= bit
        nextAttribute = index + 1
    }

    private func closeStartTag() {
        guard startTagOpen, let last = open.last else { return }
        startTagOpen = false
        let required = schema.elements[last.element].requiredMask
        if attributesSeen & required != required { conforms = false }
    }

    private func checkEnd() {
        closeStartTag()
        guard conforms, let ending = open.popLast() else { return conforms = false }
        let count = schema.elements[ending.element].children.count
        if ending.particle < count, ending.count < schema.elements[ending.element].children[ending.particle].minimum {
            return conforms = false
        }
        for later in (ending.particle + 1)..<max(count, ending.particle + 1)
        where schema.elements[ending.element].children[later].minimum > 0 {
            return conforms = false
        }
    }
}
