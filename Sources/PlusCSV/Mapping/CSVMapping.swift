import Foundation
import PlusModel

/// A declarative description of one sheet layout: how its columns become canonical fields.
///
/// A new Comune layout is a new YAML file in `Mappings/`, not new code:
///
/// ```yaml
/// name: comune-scheda
/// version: 1
/// target: dichiarazione
/// format: { encoding: auto, delimiter: auto, decimal: comma }
/// fields:
///   ente_istat: { headers: ["Codice ISTAT"], required: true }
///   importo:    { headers: ["Quota comunale", "Importo"] }
/// ```
public struct CSVMapping: Sendable, Hashable {
    public var name: String
    public var version: Int
    public var title: String?
    public var description: String?
    public var target: MappingTarget
    public var match: MatchRule?
    public var format: Format
    /// Canonical field → value used when the column is absent or the cell is blank.
    public var defaults: [String: String]
    public var fields: [String: FieldSpec]
    /// Whether every row must be for the same ente and year (a Comune's own sheet), or rows may
    /// mix them (a Region's collection of declarations). Default: one subject per file.
    public var singleSubject: Bool
    /// How many rejected rows a file may have before it is rejected whole (`max_rejected`);
    /// `nil` for ``defaultMaxRejected``.
    public var maxRejected: Int?
    /// The sheet of a workbook (.xlsx) the mapping reads (`sheet`); `nil` for the first visible one.
    public var sheet: String?

    /// The rejection limit when neither the mapping nor the command sets one.
    public static let defaultMaxRejected = 1_000

    /// How the bytes are laid out.
    public struct Format: Sendable, Hashable {
        /// `auto` or a ``SourceEncoding`` raw value.
        public var encoding: String
        /// `auto`, `;`, `,` or `\t` (also written `tab`).
        public var delimiter: String
        public var decimal: DecimalConvention
        /// The 1-based line of the header; 0 when columns are taken by position only.
        public var headerRow: Int

        public init(encoding: String = "auto", delimiter: String = "auto", decimal: DecimalConvention = .auto, headerRow: Int = 1) {
            self.encoding = encoding
            self.delimiter = delimiter
            self.decimal = decimal
            self.headerRow = headerRow
        }
    }

    /// Where a canonical field is in the sheet.
    public struct FieldSpec: Sendable, Hashable {
        /// Header names that may carry the field; compared ignoring case, accents, spaces and punctuation.
        public var headers: [String]
        /// The 1-based column position, for sheets without a usable header.
        public var column: Int?
        public var required: Bool
        /// For amounts: `euro` (default) or `cents`.
        public var unit: AmountUnit
    }

    public enum AmountUnit: String, Sendable, Hashable {
        case euro
        case cents
    }

    /// How `plus run` recognises a file of this layout in the inbox.
    public struct MatchRule: Sendable, Hashable {
        /// A shell glob on the file name, e.g. `*-scheda-*.csv`.
        public var filename: String?
        /// Header names that must all appear; `A|B` accepts either.
        public var headers: [String]?
    }
}

/// Why a mapping file cannot be used.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: LocalizedText

    public var description: String { "\(file): \(message.en)" }

    public init(file: String, message: LocalizedText) {
        self.file = file
        self.message = message
    }
}

extension CSVMapping {
    /// Reads and checks a mapping file.
    public static func load(from url: URL) throws -> CSVMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw unreadable(error, file: url.lastPathComponent)
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// The file could not be read as UTF-8 text.
    public static func unreadable(_ error: any Error, file: String) -> MappingError {
        MappingError(file: file, message: .init(
            it: "impossibile leggere la mappatura: \(error.localizedDescription)",
            en: "cannot read the mapping: \(error.localizedDescription)"))
    }

    /// Parses and checks mapping YAML.
    public static func parse(_ yaml: String, file: String = "<mapping>") throws -> CSVMapping {
        let document: YAMLValue
        do {
            document = try YAMLValue.document(yaml)
        } catch {
            throw invalid(error, file: file)
        }
        return try read(document, file: file)
    }

    /// Reads and checks a mapping from its parsed document (``YAMLValue/document(_:)``).
    public static func read(_ document: YAMLValue, file: String) throws -> CSVMapping {
        let mapping: CSVMapping
        do {
            mapping = try CSVMapping(yaml: document)
        } catch {
            throw invalid(error, file: file)
        }
        try mapping.check(file: file)
        return mapping
    }

    /// A mistake in the YAML, told with its line and field.
    public static func invalid(_ mistake: YAMLMistake, file: String) -> MappingError {
        MappingError(file: file, message: .init(
            it: "mappatura non valida: \(mistake.message.it)", en: "invalid mapping: \(mistake.message.en)"))
    }

    /// Refuses fields the target does not know and bindings that cannot work.
    func check(file: String) throws {
        let known = Set(target.fields.map(\.name))
        for field in fields.keys.sorted() + defaults.keys.sorted() where !known.contains(field) {
            throw MappingError(file: file, message: .init(
                it: "il campo «\(field)» non esiste per la destinazione \(target.rawValue); campi ammessi: \(known.sorted().joined(separator: ", "))",
                en: "field '\(field)' does not exist for target \(target.rawValue); allowed: \(known.sorted().joined(separator: ", "))"))
        }
        for (field, spec) in fields.sorted(by: { $0.key < $1.key }) {
            if spec.headers.isEmpty && spec.column == nil {
                throw MappingError(file: file, message: .init(
                    it: "il campo «\(field)» non indica né intestazioni (headers) né posizione (column)",
                    en: "field '\(field)' names neither headers nor column"))
            }
            if let column = spec.column, column < 1 {
                throw MappingError(file: file, message: .init(
                    it: "il campo «\(field)»: column parte da 1", en: "field '\(field)': column starts at 1"))
            }
            if format.headerRow == 0 && spec.column == nil {
                throw MappingError(file: file, message: .init(
                    it: "header_row è 0: il campo «\(field)» deve indicare column",
                    en: "header_row is 0: field '\(field)' must give a column"))
            }
        }
        for field in target.fields where field.required && fields[field.name] == nil && defaults[field.name] == nil {
            throw MappingError(file: file, message: .init(
                it: "manca il campo obbligatorio «\(field.name)» (né colonna né valore predefinito)",
                en: "required field '\(field.name)' is missing (no column and no default)"))
        }
        for group in target.oneOf where !group.contains(where: { fields[$0] != nil || defaults[$0] != nil }) {
            throw MappingError(file: file, message: .init(
                it: "serve almeno uno dei campi \(group.joined(separator: ", "))",
                en: "at least one of the fields \(group.joined(separator: ", ")) is needed"))
        }
        if let maxRejected, maxRejected < 0 {
            throw MappingError(file: file, message: .init(
                it: "max_rejected vale \(maxRejected): serve un numero da 0 in su",
                en: "max_rejected is \(maxRejected): a number from 0 up is needed"))
        }
        if format.encoding != "auto" && SourceEncoding(rawValue: format.encoding) == nil {
            throw MappingError(file: file, message: .init(
                it: "codifica «\(format.encoding)» sconosciuta; ammesse: auto, \(SourceEncoding.allCases.map(\.rawValue).joined(separator: ", "))",
                en: "unknown encoding '\(format.encoding)'; allowed: auto, \(SourceEncoding.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if format.delimiter != "auto" && delimiterByte == nil {
            throw MappingError(file: file, message: .init(
                it: "separatore «\(format.delimiter)» non ammesso; ammessi: auto, ';', ',', tab",
                en: "delimiter '\(format.delimiter)' not allowed; allowed: auto, ';', ',', tab"))
        }
    }

    /// The delimiter the mapping fixes, if any.
    var delimiterByte: UInt8? { Self.delimiter(named: format.delimiter) }

    /// The byte of a delimiter as people write it: `;`, `,`, `tab` (or a tab, or `\t`).
    public static func delimiter(named name: String) -> UInt8? {
        switch name {
        case ";": UInt8(ascii: ";")
        case ",": UInt8(ascii: ",")
        case "\t", "tab", "\\t": UInt8(ascii: "\t")
        default: nil
        }
    }
}

extension CSVMapping.Format {
    /// Reads `format:`; each key may be left out.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        encoding = try fields.optional("encoding")?.string() ?? "auto"
        delimiter = try fields.optional("delimiter")?.string() ?? "auto"
        decimal = try fields.optional("decimal")?.choice(DecimalConvention.self) ?? .auto
        headerRow = try fields.optional("header_row")?.int() ?? 1
    }
}

extension CSVMapping.FieldSpec {
    /// Reads one entry of `fields:`.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        headers = try fields.optional("headers")?.strings() ?? []
        column = try fields.optional("column")?.int()
        required = try fields.optional("required")?.bool() ?? false
        unit = try fields.optional("unit")?.choice(CSVMapping.AmountUnit.self) ?? .euro
    }
}

extension CSVMapping.MatchRule {
    /// Reads `match:`.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        filename = try fields.optional("filename")?.string()
        headers = try fields.optional("headers")?.strings()
    }
}

extension CSVMapping {
    /// Reads a mapping document's root, before ``check(file:)``; keys it does not know are ignored.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let root = try yaml.fields()
        name = try root.required("name").string()
        version = try root.optional("version")?.int() ?? 1
        title = try root.optional("title")?.string()
        description = try root.optional("description")?.string()
        target = try root.required("target").choice(MappingTarget.self)
        match = try root.optional("match").map { value throws(YAMLMistake) in try MatchRule(yaml: value) }
        format = try root.optional("format").map { value throws(YAMLMistake) in try Format(yaml: value) } ?? Format()
        defaults = try root.optional("defaults")?.stringMap() ?? [:]
        var specs: [String: FieldSpec] = [:]
        for (field, value) in try root.optional("fields")?.fields().entries ?? [] {
            specs[field] = try FieldSpec(yaml: value)
        }
        fields = specs
        singleSubject = try root.optional("single_subject")?.bool() ?? true
        maxRejected = try root.optional("max_rejected")?.int()
        sheet = try root.optional("sheet")?.string()
    }
}
