import Foundation
import Testing
import Yams
import PlusModel
import PlusTestSupport
@testable import PlusXML

/// The hand decoder of XML mappings (``XMLMapping/init(yaml:)``) against the `Decodable` reading
/// it replaced, and the mistakes it tells.
@Suite("XML mappings read from YAML nodes")
struct XMLMappingDecoderTests {
    static func handDecoded(_ text: String) -> XMLMapping? {
        try? XMLMapping.decode(yaml: text)
    }

    static func referenceDecoded(_ text: String) -> XMLMapping? {
        try? YAMLDecoder().decode(ReferenceXMLMapping.self, from: text).mapping
    }

    static var shippedMappings: [(name: String, text: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Paths.mappings.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file in
            (try? String(contentsOf: Paths.mappings.appendingPathComponent(file), encoding: .utf8)).map { (file, $0) }
        }
    }

    @Test func everyShippedMappingReadsAsTheDecoderReadIt() {
        var xmlMappings = 0
        for (file, text) in Self.shippedMappings {
            let reference = Self.referenceDecoded(text)
            #expect(Self.handDecoded(text) == reference, "\(file)")
            if reference != nil { xmlMappings += 1 }
        }
        #expect(xmlMappings == 3)
    }

    @Test func variantsOfTheShippedMappingsReadAsTheDecoderReadThem() {
        var accepted = 0, refused = 0
        for (index, (file, text)) in Self.shippedMappings.enumerated() {
            for (round, variant) in YAMLMutations.variants(of: text, count: 40, seed: 16_100 + UInt64(index)).enumerated() {
                let reference = Self.referenceDecoded(variant)
                #expect(Self.handDecoded(variant) == reference, "\(file), round \(round):\n\(variant)")
                if reference == nil { refused += 1 } else { accepted += 1 }
            }
        }
        #expect(accepted > 20 && refused > 100)
    }

    static func mistake(_ text: String) -> XMLMappingError? {
        do {
            _ = try XMLMapping.decode(yaml: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingPathIsNamedWithTheLineOfItsBlock() {
        let error = Self.mistake("name: x\ndeliberation: {number: a, date: b, body: c, year: d}\nallocations: {}\n")
        #expect(error?.reason == "line 2, field 'deliberation.fund_total': required field missing")
        #expect(error?.localized?.it == "riga 2, campo «deliberation.fund_total»: campo obbligatorio mancante")
    }

    @Test func aValueOfTheWrongKindIsToldWithItsLineAndField() {
        let error = Self.mistake("name: x\nnamespaces:\n  akn: [a]\n")
        #expect(error?.reason == "line 3, field 'namespaces.akn': expected a text, found a list")
        #expect(Self.mistake("name: x\ndecimal: virgola\n")?.localized?.it == "riga 2, campo «decimal»: valore non ammesso: «virgola»")
    }
}

/// The `Decodable` reading of an XML mapping that ``XMLMapping/init(yaml:)`` replaced: the
/// reference it is compared with, kept here only.
struct ReferenceXMLMapping: Decodable {
    var mapping: XMLMapping

    enum CodingKeys: String, CodingKey {
        case name, version, title, target, format, root, namespaces, schema, decimal, deliberation, parameters, allocations
        case schemaNode = "schema_node"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        let title = try container.decodeIfPresent(String.self, forKey: .title)
        let target = try container.decodeIfPresent(String.self, forKey: .target) ?? "deliberazione"
        let format = try container.decodeIfPresent(String.self, forKey: .format)
        let root = try container.decodeIfPresent(String.self, forKey: .root)
        let namespaces = try container.decodeIfPresent([String: String].self, forKey: .namespaces) ?? [:]
        let schema = try container.decodeIfPresent(String.self, forKey: .schema)
        let schemaNode = try container.decodeIfPresent(String.self, forKey: .schemaNode)
        let decimal = try container.decodeIfPresent(DecimalConvention.self, forKey: .decimal) ?? .dot
        let deliberation = try container.decode(Deliberation.self, forKey: .deliberation)
        let parameters = try container.decodeIfPresent(Parameters.self, forKey: .parameters)
        let allocations = try container.decode(Allocations.self, forKey: .allocations)
        mapping = XMLMapping(
            name: name, version: version, title: title, target: target, format: format, root: root, namespaces: namespaces,
            schema: schema, schemaNode: schemaNode, decimal: decimal,
            deliberation: .init(
                number: deliberation.number, date: deliberation.date, body: deliberation.body, year: deliberation.year,
                fundTotal: deliberation.fund_total),
            parameters: parameters.map {
                .init(equalSharePercent: $0.equal_share_percent, populationSharePercent: $0.population_share_percent,
                      udpShareSmall: $0.udp_share_small, udpShareLarge: $0.udp_share_large, udpThreshold: $0.udp_threshold,
                      udpCap: $0.udp_cap)
            },
            allocations: .init(
                nodes: allocations.nodes, ambito: allocations.ambito, name: allocations.name, population: allocations.population,
                equalShare: allocations.equal_share, populationShare: allocations.population_share, udpShare: allocations.udp_share,
                derogation: allocations.derogation, total: allocations.total),
            directory: nil)
    }

    struct Deliberation: Decodable {
        var number: String, date: String, body: String, year: String, fund_total: String
    }

    struct Parameters: Decodable {
        var equal_share_percent: String?, population_share_percent: String?, udp_share_small: String?
        var udp_share_large: String?, udp_threshold: String?, udp_cap: String?
    }

    struct Allocations: Decodable {
        var nodes: String, ambito: String, name: String?, population: String, equal_share: String
        var population_share: String, udp_share: String, derogation: String?, total: String
    }
}
