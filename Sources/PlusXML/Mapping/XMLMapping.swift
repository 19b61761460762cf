import Foundation
import PlusModel
import Yams

/// How one XML layout of a regional deliberation maps onto the canonical records: XPath expressions.
///
/// A Region that lays its XML out differently gets a new YAML file in `Mappings/`, not new code.
/// Expressions are libxml2 XPath 1.0; every prefix they use is declared in ``namespaces``.
///
/// ```swift
/// let mapping = try XMLMapping.load(from: URL(fileURLWithPath: "Mappings/deliberazione-akn.yaml"))
/// let result = try DeliberationImporter(mapping: mapping).importFile(at: url)
/// ```
public struct XMLMapping: Hashable, Sendable, Codable {
    /// Unique; also the `--mapping NAME`.
    public var name: String
    public var version: Int
    public var title: String?
    /// What the mapping produces; always `deliberazione` for now, so that a folder mixing CSV
    /// and XML mappings can tell them apart.
    public var target: String
    /// A short name of the layout, reported in ``ImportResult/details`` (e.g. `akoma-ntoso`).
    public var format: String?
    /// The expected document element as `prefix:name` (or `name` for no namespace).
    public var root: String?
    /// Prefix → namespace URI, for every prefix the expressions use.
    public var namespaces: [String: String]
    /// An XSD bundled in `Sources/PlusXML/Schemas`, or a path relative to the mapping file.
    public var schema: String?
    /// The element validated against ``schema``; the document element when absent.
    public var schemaNode: String?
    /// How amounts are written: `dot` (`1234.56`) or `comma` (`1.234,56`).
    public var decimal: DecimalConvention
    public var deliberation: DeliberationPaths
    public var parameters: ParameterPaths?
    public var allocations: AllocationPaths
    /// The folder the mapping was read from, for a schema given as a relative path.
    public var directory: URL?

    /// Where the act's identity and the fund total are, as absolute XPath expressions.
    public struct DeliberationPaths: Hashable, Sendable, Codable {
        public var number: String
        public var date: String
        public var body: String
        public var year: String
        public var fundTotal: String

        enum CodingKeys: String, CodingKey {
            case number, date, body, year
            case fundTotal = "fund_total"
        }
    }

    /// Where the rule parameters are; each one is optional.
    public struct ParameterPaths: Hashable, Sendable, Codable {
        public var equalSharePercent: String?
        public var populationSharePercent: String?
        public var udpShareSmall: String?
        public var udpShareLarge: String?
        public var udpThreshold: String?
        public var udpCap: String?

        enum CodingKeys: String, CodingKey {
            case equalSharePercent = "equal_share_percent"
            case populationSharePercent = "population_share_percent"
            case udpShareSmall = "udp_share_small"
            case udpShareLarge = "udp_share_large"
            case udpThreshold = "udp_threshold"
            case udpCap = "udp_cap"
        }
    }

    /// The node set of Ambiti and, relative to each node, where its figures are.
    public struct AllocationPaths: Hashable, Sendable, Codable {
        public var nodes: String
        public var ambito: String
        public var name: String?
        public var population: String
        public var equalShare: String
        public var populationShare: String
        public var udpShare: String
        public var derogation: String?
        public var total: String

        enum CodingKeys: String, CodingKey {
            case nodes, ambito, name, population, derogation, total
            case equalShare = "equal_share"
            case populationShare = "population_share"
            case udpShare = "udp_share"
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, version, title, target, format, root, namespaces, schema, decimal, deliberation, parameters, allocations
        case schemaNode = "schema_node"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        title = try container.decodeIfPresent(String.self, forKey: .title)
        target = try container.decodeIfPresent(String.self, forKey: .target) ?? "deliberazione"
        format = try container.decodeIfPresent(String.self, forKey: .format)
        root = try container.decodeIfPresent(String.self, forKey: .root)
        namespaces = try container.decodeIfPresent([String: String].self, forKey: .namespaces) ?? [:]
        schema = try container.decodeIfPresent(String.self, forKey: .schema)
        schemaNode = try container.decodeIfPresent(String.self, forKey: .schemaNode)
        decimal = try container.decodeIfPresent(DecimalConvention.self, forKey: .decimal) ?? .dot
        deliberation = try container.decode(DeliberationPaths.self, forKey: .deliberation)
        parameters = try container.decodeIfPresent(ParameterPaths.self, forKey: .parameters)
        allocations = try container.decode(AllocationPaths.self, forKey: .allocations)
        directory = nil
    }

    /// Reads a mapping from YAML text.
    public static func decode(yaml: String) throws(XMLMappingError) -> XMLMapping {
        do {
            return try YAMLDecoder().decode(XMLMapping.self, from: yaml)
        } catch {
            let mistake = YAMLMistake(error, yaml: yaml).message
            throw XMLMappingError(file: nil, reason: mistake.en, localized: mistake)
        }
    }

    /// Reads a mapping file; a relative ``schema`` path is then resolved against its folder.
    public static func load(from url: URL) throws(XMLMappingError) -> XMLMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw XMLMappingError(file: url.lastPathComponent, reason: "cannot be read as UTF-8 text")
        }
        do {
            var mapping = try decode(yaml: text)
            mapping.directory = url.deletingLastPathComponent()
            return mapping
        } catch {
            throw XMLMappingError(file: url.lastPathComponent, reason: error.reason, localized: error.localized)
        }
    }

    /// The mapping `name` in a folder of mappings (`NAME.yaml` or `NAME.yml`).
    public static func load(named name: String, in directory: URL) throws(XMLMappingError) -> XMLMapping {
        for ext in ["yaml", "yml"] {
            let url = directory.appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: url.path) { return try load(from: url) }
        }
        throw XMLMappingError(file: name, reason: "no such mapping in \(directory.path)")
    }
}
