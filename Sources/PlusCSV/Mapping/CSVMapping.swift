import Foundation
import PlusModel
import Yams

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
public struct CSVMapping: Sendable, Hashable, Decodable {
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
    public struct Format: Sendable, Hashable, Decodable {
        /// `auto` or a ``SourceEncoding`` raw value.
        public var encoding: String
        /// `auto`, `;`, `,` or `\t` (also written `tab`).
        public var delimiter: String
        public var decimal: DecimalConvention
        /// The 1-based line of the header; 0 when columns are taken by position only.
        public var headerRow: Int

        enum CodingKeys: String, CodingKey { case encoding, delimiter, decimal, headerRow = "header_row" }

        public init(encoding: String = "auto", delimiter: String = "auto", decimal: DecimalConvention = .auto, headerRow: Int = 1) {
            self.encoding = encoding
            self.delimiter = delimiter
            self.decimal = decimal
            self.headerRow = headerRow
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            encoding = try container.decodeIfPresent(String.self, forKey: .encoding) ?? "auto"
            delimiter = try container.decodeIfPresent(String.self, forKey: .delimiter) ?? "auto"
            decimal = try container.decodeIfPresent(DecimalConvention.self, forKey: .decimal) ?? .auto
            headerRow = try container.decodeIfPresent(Int.self, forKey: .headerRow) ?? 1
        }
    }

    /// Where a canonical field is in the sheet.
    public struct FieldSpec: Sendable, Hashable, Decodable {
        /// Header names that may carry the field; compared ignoring case, accents, spaces and punctuation.
        public var headers: [String]
        /// The 1-based column position, for sheets without a usable header.
        public var column: Int?
        public var required: Bool
        /// For amounts: `euro` (default) or `cents`.
        public var unit: AmountUnit

        enum CodingKeys: String, CodingKey { case headers, column, required, unit }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            headers = try container.decodeIfPresent([String].self, forKey: .headers) ?? []
            column = try container.decodeIfPresent(Int.self, forKey: .column)
            required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
            unit = try container.decodeIfPresent(AmountUnit.self, forKey: .unit) ?? .euro
        }
    }

    public enum AmountUnit: String, Sendable, Hashable, Decodable {
        case euro
        case cents
    }

    /// How `plus run` recognises a file of this layout in the inbox.
    public struct MatchRule: Sendable, Hashable, Decodable {
        /// A shell glob on the file name, e.g. `*-scheda-*.csv`.
        public var filename: String?
        /// Header names that must all appear; `A|B` accepts either.
        public var headers: [String]?
    }

    enum CodingKeys: String, CodingKey {
        case name, version, title, description, target, match, format, defaults, fields
        case singleSubject = "single_subject"
        case maxRejected = "max_rejected"
        case sheet
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        target = try container.decode(MappingTarget.self, forKey: .target)
        match = try container.decodeIfPresent(MatchRule.self, forKey: .match)
        format = try container.decodeIfPresent(Format.self, forKey: .format) ?? Format()
        defaults = try container.decodeIfPresent([String: String].self, forKey: .defaults) ?? [:]
        fields = try container.decodeIfPresent([String: FieldSpec].self, forKey: .fields) ?? [:]
        singleSubject = try container.decodeIfPresent(Bool.self, forKey: .singleSubject) ?? true
        maxRejected = try container.decodeIfPresent(Int.self, forKey: .maxRejected)
        sheet = try container.decodeIfPresent(String.self, forKey: .sheet)
    }
}

/// Why a mapping file cannot be used.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: LocalizedText

    public var description: String { "\(file): \(message.en)" }
}

extension CSVMapping {
    /// Reads and checks a mapping file.
    public static func load(from url: URL) throws -> CSVMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MappingError(file: url.lastPathComponent, message: .init(
                it: "impossibile leggere la mappatura: \(error.localizedDescription)",
                en: "cannot read the mapping: \(error.localizedDescription)"))
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// Parses and checks mapping YAML.
    public static func parse(_ yaml: String, file: String = "<mapping>") throws -> CSVMapping {
        let mapping: CSVMapping
        do {
            mapping = try YAMLDecoder().decode(CSVMapping.self, from: yaml)
        } catch {
            // The line and the field, never a decoder's dump.
            let mistake = YAMLMistake(error, yaml: yaml).message
            throw MappingError(file: file, message: .init(
                it: "mappatura non valida: \(mistake.it)", en: "invalid mapping: \(mistake.en)"))
        }
        try mapping.check(file: file)
        return mapping
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
