import Foundation
import Yams

/// A mistake in a YAML configuration file (a mapping, a rule set), told as a person would fix it:
/// the line, the field and what was expected there.
///
/// Decoding errors name the field only by their coding path; this finds the field's node in
/// the document to give its line, and says what kind of value was expected and what was found.
///
/// ```swift
/// do { _ = try YAMLDecoder().decode(Settings.self, from: text) }
/// catch { print(YAMLMistake(error, yaml: text).message[.it]) }   // riga 4, campo «fields»: atteso ...
/// ```
public struct YAMLMistake: Error, Sendable, Hashable {
    /// The line (from 1), when the document says where.
    public var line: Int?
    /// The field's path, such as `fields.ente_istat.required`.
    public var field: String?
    /// What is wrong there.
    public var problem: LocalizedText

    public init(line: Int?, field: String?, problem: LocalizedText) {
        self.line = line
        self.field = field
        self.problem = problem
    }

    /// Explains `error`, thrown while decoding `yaml`.
    public init(_ error: any Error, yaml: String) {
        if let error = error as? YAMLMistake {
            self = error
            return
        }
        let root = try? Yams.compose(yaml: yaml)
        switch error {
        case DecodingError.dataCorrupted(let context) where context.underlyingError is YamlError:
            // A syntax error, which the decoder wraps.
            self = Self.explain(context.underlyingError as! YamlError)
        case let error as DecodingError:
            self = Self.explain(error, root: root)
        case let error as YamlError:
            self = Self.explain(error)
        default:
            self.init(line: nil, field: nil, problem: LocalizedText(
                it: "il file non si legge come YAML", en: "the file does not read as YAML"))
        }
    }

    /// `riga 4, campo «fields»: atteso …`, in either language.
    public var message: LocalizedText {
        var it: [String] = [], en: [String] = []
        if let line {
            it.append("riga \(line)")
            en.append("line \(line)")
        }
        if let field {
            it.append("campo «\(field)»")
            en.append("field '\(field)'")
        }
        let where_ = (it.isEmpty ? "" : it.joined(separator: ", ") + ": ", en.isEmpty ? "" : en.joined(separator: ", ") + ": ")
        return LocalizedText(it: where_.0 + problem.it, en: where_.1 + problem.en)
    }

    // MARK: - Decoding errors

    private static func explain(_ error: DecodingError, root: Node?) -> YAMLMistake {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let node = node(at: context.codingPath, in: root)
            let expected = kind(of: type)
            let found = node.map(describe) ?? LocalizedText(it: "nessun valore", en: "no value")
            return YAMLMistake(
                line: node?.mark?.line, field: path(context.codingPath),
                problem: LocalizedText(it: "atteso \(expected.it), trovato \(found.it)", en: "expected \(expected.en), found \(found.en)"))
        case .keyNotFound(let key, let context):
            let parent = node(at: context.codingPath, in: root)
            return YAMLMistake(
                line: parent?.mark?.line, field: path(context.codingPath + [key]),
                problem: LocalizedText(it: "campo obbligatorio mancante", en: "required field missing"))
        case .dataCorrupted(let context):
            let node = node(at: context.codingPath, in: root)
            let found = node.map(describe) ?? LocalizedText(it: "nessun valore", en: "no value")
            return YAMLMistake(
                line: node?.mark?.line, field: context.codingPath.isEmpty ? nil : path(context.codingPath),
                problem: LocalizedText(it: "valore non ammesso: \(found.it)", en: "value not allowed: \(found.en)"))
        @unknown default:
            return YAMLMistake(line: nil, field: nil, problem: LocalizedText(it: "valore non valido", en: "invalid value"))
        }
    }

    /// The node a coding path leads to, or the deepest one that exists on the way.
    private static func node(at path: [any CodingKey], in root: Node?) -> Node? {
        var current = root
        for key in path {
            guard let node = current else { return nil }
            let next: Node?
            if let index = key.intValue, let sequence = node.sequence {
                next = index < sequence.count ? sequence[index] : nil
            } else {
                next = node.mapping?[key.stringValue]
            }
            guard let next else { return node }
            current = next
        }
        return current
    }

    /// `fields.ente_istat.headers[2]`: the keys as written, list positions from 1.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || Int(key.stringValue) != nil {
                text += "[\(index + 1)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The kind of value a Swift type is written as in YAML.
    private static func kind(of type: Any.Type) -> LocalizedText {
        let name = String(describing: type)
        if name.hasPrefix("Dictionary") { return LocalizedText(it: "una mappa (chiave: valore)", en: "a mapping (key: value)") }
        if name.hasPrefix("Array") { return LocalizedText(it: "un elenco", en: "a list") }
        if name.hasPrefix("Bool") { return LocalizedText(it: "true o false", en: "true or false") }
        if name.hasPrefix("Int") { return LocalizedText(it: "un numero intero", en: "a whole number") }
        if name.hasPrefix("String") { return LocalizedText(it: "un testo", en: "a text") }
        return LocalizedText(it: "una mappa (chiave: valore)", en: "a mapping (key: value)")
    }

    /// What a node holds, briefly: a scalar's text, else its kind.
    private static func describe(_ node: Node) -> LocalizedText {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.count > 60 ? String(scalar.string.prefix(60)) + "…" : scalar.string
            return LocalizedText(it: "«\(text)»", en: "'\(text)'")
        case .mapping: return LocalizedText(it: "una mappa", en: "a mapping")
        case .sequence: return LocalizedText(it: "un elenco", en: "a list")
        case .alias: return LocalizedText(it: "un alias", en: "an alias")
        }
    }

    // MARK: - Syntax errors

    private static func explain(_ error: YamlError) -> YAMLMistake {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return YAMLMistake(line: mark.line, field: nil, problem: LocalizedText(
                it: "sintassi YAML non valida (\(problem))", en: "invalid YAML syntax (\(problem))"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLMistake(line: context.mark.line, field: duplicates.joined(separator: ", "), problem: LocalizedText(
                it: "chiave ripetuta", en: "repeated key"))
        case .reader(let problem, _, _, _):
            return YAMLMistake(line: nil, field: nil, problem: LocalizedText(
                it: "testo non leggibile (\(problem))", en: "unreadable text (\(problem))"))
        default:
            return YAMLMistake(line: nil, field: nil, problem: LocalizedText(
                it: "sintassi YAML non valida", en: "invalid YAML syntax"))
        }
    }
}
