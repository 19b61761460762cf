import Foundation
import Yams

/// A YAML configuration file (a mapping, a rule set) parsed once into Yams' node tree, read by the
/// hand-written decoder of its type.
///
/// `YAMLDecoder` reads the same tree through `Decodable`, whose generic casts cost Swift's
/// protocol-conformance lookups at every value: about a third of `plus`'s start-up. Reading the
/// nodes by hand costs a fraction of that, and each mistake is told as ``YAMLMistake`` tells a
/// decoding error: the line, the field and what was expected there.
///
/// ```swift
/// let fields = try YAMLValue.document(text).fields()
/// let name = try fields.required("name").string()
/// let title = try fields.optional("title")?.string()
/// ```
public struct YAMLValue {
    /// The node read.
    public let node: Node
    /// Where the node is, from the document's root: keys and list positions.
    let path: [YAMLPathStep]

    init(node: Node, path: [YAMLPathStep]) {
        self.node = node
        self.path = path
    }

    /// Merge keys (`<<`) resolved and nothing else, as `YAMLDecoder` parses: a scalar keeps its text
    /// and becomes a number or a flag only where the decoder asks for one.
    private static let resolver = Resolver.basic.appending(.merge)

    /// The root of the document `text`; an empty document is an empty scalar, as for `YAMLDecoder`.
    public static func document(_ text: String) throws(YAMLMistake) -> YAMLValue {
        do {
            let parser = try Parser(yaml: text, resolver: resolver)
            return YAMLValue(node: try parser.singleRoot() ?? "", path: [])
        } catch {
            throw YAMLMistake(parsing: error)
        }
    }

    /// Whether the value is a list (`[a, b]`, or items under `- `).
    public var isList: Bool { node.sequence != nil }

    /// Whether the value is written as null (`~`, `null` or nothing), which an optional field takes as absent.
    public var isNull: Bool { node.null != nil }

    /// The value as a mapping whose fields are read by name.
    public func fields() throws(YAMLMistake) -> YAMLFields {
        guard let mapping = node.mapping else { throw mismatch(expected: .mapping) }
        return YAMLFields(value: self, pairs: Self.flattened(mapping))
    }

    /// The value's text; any scalar is one (`12` reads as "12").
    public func string() throws(YAMLMistake) -> String {
        guard let scalar = node.scalar else { throw mismatch(expected: .text) }
        return scalar.string
    }

    /// The value as a whole number, as YAML 1.1 writes them (`12`, `1_000`, `0x1F`).
    public func int() throws(YAMLMistake) -> Int {
        guard let scalar = node.scalar, let number = Int.construct(from: scalar) else { throw mismatch(expected: .wholeNumber) }
        return number
    }

    /// The value as `true` or `false` (also `yes`/`no`, `on`/`off`).
    public func bool() throws(YAMLMistake) -> Bool {
        guard let scalar = node.scalar, let flag = Bool.construct(from: scalar) else { throw mismatch(expected: .trueOrFalse) }
        return flag
    }

    /// The value as a list of values.
    public func list() throws(YAMLMistake) -> [YAMLValue] {
        guard let sequence = node.sequence else { throw mismatch(expected: .list) }
        return sequence.enumerated().map { YAMLValue(node: $0.element, path: path + [.index($0.offset)]) }
    }

    /// The value as a list of texts.
    public func strings() throws(YAMLMistake) -> [String] {
        var texts: [String] = []
        for item in try list() { texts.append(try item.string()) }
        return texts
    }

    /// The value as a list of whole numbers.
    public func ints() throws(YAMLMistake) -> [Int] {
        var numbers: [Int] = []
        for item in try list() { numbers.append(try item.int()) }
        return numbers
    }

    /// The value as one of the choices of `Choice`, named by their raw text.
    public func choice<Choice: RawRepresentable>(_ type: Choice.Type) throws(YAMLMistake) -> Choice where Choice.RawValue == String {
        guard let chosen = Choice(rawValue: try string()) else { throw notAllowed() }
        return chosen
    }

    /// The value as a mapping of text to text (`defaults`, `namespaces`).
    public func stringMap() throws(YAMLMistake) -> [String: String] {
        var map: [String: String] = [:]
        for (key, value) in try fields().entries { map[key] = try value.string() }
        return map
    }

    /// The value as a mapping keyed by whole numbers (`2019: "61000.00"`), in the order written.
    public func entriesByWholeNumber() throws(YAMLMistake) -> [(key: Int, value: YAMLValue)] {
        var entries: [(key: Int, value: YAMLValue)] = []
        for (key, value) in try fields().entries {
            guard let number = Int(key) else {
                throw YAMLMistake(line: value.node.mark?.line, field: YAMLPathStep.text(value.path), problem: LocalizedText(
                    it: "chiave non ammessa: «\(key)», atteso un numero intero", en: "key not allowed: '\(key)', expected a whole number"))
            }
            entries.append((number, value))
        }
        return entries
    }

    /// A mistake at this value: it is not of the kind expected.
    public func mismatch(expected kind: YAMLMistake.Kind) -> YAMLMistake {
        YAMLMistake(line: node.mark?.line, field: YAMLPathStep.text(path), problem: LocalizedText(
            it: "atteso \(kind.text.it), trovato \(YAMLMistake.describe(node).it)",
            en: "expected \(kind.text.en), found \(YAMLMistake.describe(node).en)"))
    }

    /// A mistake at this value: it is of the right kind, but not one of those allowed.
    public func notAllowed() -> YAMLMistake {
        YAMLMistake(line: node.mark?.line, field: YAMLPathStep.text(path), problem: LocalizedText(
            it: "valore non ammesso: \(YAMLMistake.describe(node).it)", en: "value not allowed: \(YAMLMistake.describe(node).en)"))
    }

    /// The mapping's pairs with merge keys (`<<: *base`) replaced by the pairs they bring, these
    /// first so that the mapping's own keys win, as `YAMLDecoder` reads them.
    private static func flattened(_ mapping: Node.Mapping) -> [(key: String, value: Node)] {
        var merged: [(key: String, value: Node)] = []
        var own: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            if key.tag.rawValue == Tag.Name.merge.rawValue {
                switch value {
                case .mapping(let inner): merged.append(contentsOf: flattened(inner))
                case .sequence(let sequence):
                    for case .mapping(let inner) in sequence.reversed() { merged.append(contentsOf: flattened(inner)) }
                default: break
                }
            } else if let name = key.scalar?.string {
                own.append((name, value))
            }
        }
        return merged + own
    }
}

/// The fields of a YAML mapping, read by name; a key given twice (through a merge) is its last value.
///
/// Keys nobody asks for are ignored, as `YAMLDecoder` ignores them.
public struct YAMLFields {
    /// The mapping itself, for the line of a missing field.
    public let value: YAMLValue
    let pairs: [(key: String, value: Node)]

    /// The field `key`, which must be there (a null value is still a value: `name: ~` reads as "~").
    public func required(_ key: String) throws(YAMLMistake) -> YAMLValue {
        guard let node = node(key) else {
            throw YAMLMistake(line: value.node.mark?.line, field: YAMLPathStep.text(value.path + [.key(key)]), problem: LocalizedText(
                it: "campo obbligatorio mancante", en: "required field missing"))
        }
        return YAMLValue(node: node, path: value.path + [.key(key)])
    }

    /// The field `key`, or `nil` when it is absent or null.
    public func optional(_ key: String) -> YAMLValue? {
        guard let node = node(key), node.null == nil else { return nil }
        return YAMLValue(node: node, path: value.path + [.key(key)])
    }

    /// Every field in the order written, a key given twice once with its last value.
    public var entries: [(key: String, value: YAMLValue)] {
        var seen = Set<String>()
        var result: [(key: String, value: YAMLValue)] = []
        for (key, _) in pairs.reversed() where seen.insert(key).inserted {
            result.append((key, required(existing: key)))
        }
        return result.reversed()
    }

    private func required(existing key: String) -> YAMLValue {
        YAMLValue(node: node(key)!, path: value.path + [.key(key)])
    }

    private func node(_ key: String) -> Node? {
        pairs.last(where: { $0.key == key })?.value
    }
}

/// One step of the way from a document's root to a value: a key, or a position in a list.
enum YAMLPathStep: Hashable {
    case key(String)
    case index(Int)

    /// `fields.ente_istat.headers[2]`: keys as written, list positions from 1; `nil` at the root.
    static func text(_ path: [YAMLPathStep]) -> String? {
        guard !path.isEmpty else { return nil }
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .index(let index): text += "[\(index + 1)]"
            }
        }
        return text
    }
}
