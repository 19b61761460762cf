import Foundation
import Yams

/// A mistake in a YAML configuration file (a mapping, a rule set), told as a person would fix it:
/// the line, the field and what was expected there.
///
/// ``YAMLValue`` makes one for a value of the wrong kind or a missing field; a syntax error of
/// the parser is told with its line too.
///
/// ```swift
/// do { _ = try YAMLValue.document(text).fields().required("fields").fields() }
/// catch { print(error.message.it) }   // riga 4, campo «fields»: atteso una mappa ...
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

    /// Explains a syntax error of `Yams`, or says the text does not read as YAML.
    public init(parsing error: any Error) {
        switch error {
        case let error as YAMLMistake: self = error
        case let error as YamlError: self = Self.explain(error)
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

    /// The kinds of value a configuration field is written as, named in a mistake's "expected …".
    public enum Kind: Sendable {
        case mapping, list, trueOrFalse, wholeNumber, text

        var text: LocalizedText {
            switch self {
            case .mapping: LocalizedText(it: "una mappa (chiave: valore)", en: "a mapping (key: value)")
            case .list: LocalizedText(it: "un elenco", en: "a list")
            case .trueOrFalse: LocalizedText(it: "true o false", en: "true or false")
            case .wholeNumber: LocalizedText(it: "un numero intero", en: "a whole number")
            case .text: LocalizedText(it: "un testo", en: "a text")
            }
        }
    }

    /// What a node holds, briefly: a scalar's text, else its kind.
    static func describe(_ node: Node) -> LocalizedText {
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
