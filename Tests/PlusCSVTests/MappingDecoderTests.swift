import Foundation
import Testing
import Yams
import PlusModel
import PlusTestSupport
@testable import PlusCSV

/// The hand decoder of CSV mappings (``CSVMapping/init(yaml:)``) against the `Decodable` reading it
/// replaced, and the mistakes it tells.
@Suite("CSV mappings read from YAML nodes")
struct MappingDecoderTests {
    /// Reads `text` with the hand decoder, as `CSVMapping.parse` does before its checks.
    static func handDecoded(_ text: String) -> CSVMapping? {
        try? CSVMapping(yaml: YAMLValue.document(text))
    }

    /// Reads `text` through `YAMLDecoder` and `Decodable`, as `plus` did before.
    static func referenceDecoded(_ text: String) -> CSVMapping? {
        try? YAMLDecoder().decode(ReferenceCSVMapping.self, from: text).mapping
    }

    static var shippedMappings: [(name: String, text: String)] {
        let folder = Support.repository.appendingPathComponent("Mappings")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file in
            (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)).map { (file, $0) }
        }
    }

    @Test func everyShippedMappingReadsAsTheDecoderReadIt() {
        var csvMappings = 0
        for (file, text) in Self.shippedMappings {
            let reference = Self.referenceDecoded(text)
            #expect(Self.handDecoded(text) == reference, "\(file)")
            if reference != nil { csvMappings += 1 }
        }
        #expect(csvMappings >= 15)
    }

    /// Seeded variants of every shipped mapping (a line left out, a value of another kind): the two
    /// readers accept the same ones, with the same value.
    @Test func variantsOfTheShippedMappingsReadAsTheDecoderReadThem() {
        var accepted = 0, refused = 0
        for (index, (file, text)) in Self.shippedMappings.enumerated() {
            for (round, variant) in YAMLMutations.variants(of: text, count: 40, seed: 16_000 + UInt64(index)).enumerated() {
                let reference = Self.referenceDecoded(variant)
                #expect(Self.handDecoded(variant) == reference, "\(file), round \(round):\n\(variant)")
                if reference == nil { refused += 1 } else { accepted += 1 }
            }
        }
        #expect(accepted > 100 && refused > 100)
    }

    static func mistake(_ text: String) -> LocalizedText? {
        do {
            _ = try CSVMapping.parse(text, file: "m.yaml")
            return nil
        } catch let error as MappingError {
            return error.message
        } catch {
            return nil
        }
    }

    @Test func aValueOfTheWrongKindIsToldWithItsLineAndField() {
        let text = "name: x\ntarget: dichiarazione\nfields:\n  ente_istat: {headers: [a], required: forse}\n"
        #expect(Self.mistake(text)?.en == "invalid mapping: line 4, field 'fields.ente_istat.required': expected true or false, found 'forse'")
        #expect(Self.mistake(text)?.it == "mappatura non valida: riga 4, campo «fields.ente_istat.required»: atteso true o false, trovato «forse»")
        let listItem = "name: x\ntarget: dichiarazione\nfields:\n  importo:\n    headers:\n      - a\n      - [b, c]\n"
        #expect(Self.mistake(listItem)?.en == "invalid mapping: line 7, field 'fields.importo.headers[2]': expected a text, found a list")
        let notMapping = "name: x\ntarget: dichiarazione\nfields: [a, b]\n"
        #expect(Self.mistake(notMapping)?.en == "invalid mapping: line 3, field 'fields': expected a mapping (key: value), found a list")
        let notNumber = "name: x\ntarget: dichiarazione\nmax_rejected: molti\n"
        #expect(Self.mistake(notNumber)?.it == "mappatura non valida: riga 3, campo «max_rejected»: atteso un numero intero, trovato «molti»")
    }

    @Test func aMissingRequiredKeyIsNamed() {
        #expect(Self.mistake("name: x\nfields: {}\n")?.en == "invalid mapping: line 1, field 'target': required field missing")
        #expect(Self.mistake("name: x\nfields: {}\n")?.it == "mappatura non valida: riga 1, campo «target»: campo obbligatorio mancante")
    }

    @Test func aValueOutsideItsChoicesIsNotAllowed() {
        let text = "name: x\ntarget: dichiarazione\nformat:\n  decimal: virgola\n"
        #expect(Self.mistake(text)?.en == "invalid mapping: line 4, field 'format.decimal': value not allowed: 'virgola'")
        #expect(Self.mistake("name: x\ntarget: bilancio\n")?.it == "mappatura non valida: riga 2, campo «target»: valore non ammesso: «bilancio»")
    }

    @Test func aSyntaxErrorIsToldWithItsLine() {
        #expect(Self.mistake("name: x\ntarget: [dichiarazione\n")?.en.hasPrefix("invalid mapping: line 3: invalid YAML syntax") == true)
        #expect(Self.mistake("name: x\nname: y\n")?.en.hasPrefix("invalid mapping: line") == true)
    }

    /// Keys nobody reads are ignored, as `YAMLDecoder` ignored them; null counts as absent.
    @Test func unknownKeysAreIgnoredAndNullIsAbsent() throws {
        let mapping = try #require(Self.handDecoded("""
            name: x
            target: dichiarazione
            colour: red
            title: ~
            format: {decimal: dot, quoting: none}
            fields: {importo: {headers: [Importo], required: yes}}
            """))
        #expect(mapping.title == nil && mapping.format.decimal == .dot && mapping.fields["importo"]?.required == true)
        #expect(mapping == Self.referenceDecoded("name: x\ntarget: dichiarazione\ncolour: red\ntitle: ~\nformat: {decimal: dot, quoting: none}\nfields: {importo: {headers: [Importo], required: yes}}"))
    }

    /// Merge keys bring their pairs, the mapping's own keys winning, as `YAMLDecoder` reads them.
    @Test func mergeKeysAreReadAsTheDecoderReadThem() throws {
        let text = """
            base: &base {headers: [Importo], required: true, unit: cents}
            name: x
            target: dichiarazione
            fields:
              importo: {<<: *base, required: false}
              ente_istat: {<<: [*base], headers: [ISTAT]}
            """
        let mapping = try #require(Self.handDecoded(text))
        #expect(mapping == Self.referenceDecoded(text))
        #expect(mapping.fields["importo"]?.required == false && mapping.fields["importo"]?.unit == .cents)
        #expect(mapping.fields["ente_istat"]?.headers == ["ISTAT"])
    }
}

/// The `Decodable` reading of a CSV mapping that ``CSVMapping/init(yaml:)`` replaced: the reference
/// it is compared with, kept here only.
struct ReferenceCSVMapping: Decodable {
    var mapping: CSVMapping

    enum CodingKeys: String, CodingKey {
        case name, version, title, description, target, match, format, defaults, fields
        case singleSubject = "single_subject"
        case maxRejected = "max_rejected"
        case sheet
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        let title = try container.decodeIfPresent(String.self, forKey: .title)
        let description = try container.decodeIfPresent(String.self, forKey: .description)
        let target = try container.decode(MappingTarget.self, forKey: .target)
        let match = try container.decodeIfPresent(Match.self, forKey: .match)
        let format = try container.decodeIfPresent(Format.self, forKey: .format)
        let defaults = try container.decodeIfPresent([String: String].self, forKey: .defaults) ?? [:]
        let fields = try container.decodeIfPresent([String: Field].self, forKey: .fields) ?? [:]
        mapping = CSVMapping(
            name: name, version: version, title: title, description: description, target: target,
            match: match.map { CSVMapping.MatchRule(filename: $0.filename, headers: $0.headers) },
            format: format?.format ?? CSVMapping.Format(), defaults: defaults, fields: fields.mapValues(\.spec),
            singleSubject: try container.decodeIfPresent(Bool.self, forKey: .singleSubject) ?? true,
            maxRejected: try container.decodeIfPresent(Int.self, forKey: .maxRejected),
            sheet: try container.decodeIfPresent(String.self, forKey: .sheet))
    }

    struct Format: Decodable {
        var format: CSVMapping.Format
        enum CodingKeys: String, CodingKey { case encoding, delimiter, decimal, headerRow = "header_row" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            format = CSVMapping.Format(
                encoding: try container.decodeIfPresent(String.self, forKey: .encoding) ?? "auto",
                delimiter: try container.decodeIfPresent(String.self, forKey: .delimiter) ?? "auto",
                decimal: try container.decodeIfPresent(DecimalConvention.self, forKey: .decimal) ?? .auto,
                headerRow: try container.decodeIfPresent(Int.self, forKey: .headerRow) ?? 1)
        }
    }

    struct Field: Decodable {
        var spec: CSVMapping.FieldSpec
        enum CodingKeys: String, CodingKey { case headers, column, required, unit }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            spec = CSVMapping.FieldSpec(
                headers: try container.decodeIfPresent([String].self, forKey: .headers) ?? [],
                column: try container.decodeIfPresent(Int.self, forKey: .column),
                required: try container.decodeIfPresent(Bool.self, forKey: .required) ?? false,
                unit: try container.decodeIfPresent(String.self, forKey: .unit).map { raw in
                    guard let unit = CSVMapping.AmountUnit(rawValue: raw) else {
                        throw DecodingError.dataCorruptedError(forKey: .unit, in: container, debugDescription: raw)
                    }
                    return unit
                } ?? .euro)
        }
    }

    struct Match: Decodable {
        var filename: String?
        var headers: [String]?
    }
}
