import Foundation
import PlusModel

/// How one XML layout of a regional deliberation maps onto the canonical records: XPath expressions.
///
/// A Region that lays its XML out differently gets a new YAML file in `Mappings/`, not new code.
/// Expressions are libxml2 XPath 1.0; every prefix they use is declared in ``namespaces``.
///
/// ```swift
/// let mapping = try XMLMapping.load(from: URL(fileURLWithPath: "Mappings/deliberazione-akn.yaml"))
/// let result = try DeliberationImporter(mapping: mapping).importFile(at: url)
/// ```
public struct XMLMapping: Hashable, Sendable {
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
    public struct DeliberationPaths: Hashable, Sendable {
        public var number: String
        public var date: String
        public var body: String
        public var year: String
        public var fundTotal: String
    }

    /// Where the rule parameters are; each one is optional.
    public struct ParameterPaths: Hashable, Sendable {
        public var equalSharePercent: String?
        public var populationSharePercent: String?
        public var udpShareSmall: String?
        public var udpShareLarge: String?
        public var udpThreshold: String?
        public var udpCap: String?
    }

    /// The node set of Ambiti and, relative to each node, where its figures are.
    public struct AllocationPaths: Hashable, Sendable {
        public var nodes: String
        public var ambito: String
        public var name: String?
        public var population: String
        public var equalShare: String
        public var populationShare: String
        public var udpShare: String
        public var derogation: String?
        public var total: String
    }

    /// Reads a mapping from YAML text.
    public static func decode(yaml: String) throws(XMLMappingError) -> XMLMapping {
        let document: YAMLValue
        do {
            document = try YAMLValue.document(yaml)
        } catch {
            throw XMLMappingError(file: nil, mistake: error)
        }
        return try read(document)
    }

    /// Reads a mapping from its parsed document (``YAMLValue/document(_:)``).
    public static func read(_ document: YAMLValue) throws(XMLMappingError) -> XMLMapping {
        do {
            return try XMLMapping(yaml: document)
        } catch {
            throw XMLMappingError(file: nil, mistake: error)
        }
    }

    /// Reads a mapping file; a relative ``schema`` path is then resolved against its folder.
    public static func load(from url: URL) throws(XMLMappingError) -> XMLMapping {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw XMLMappingError.unreadable(file: url.lastPathComponent)
        }
        do {
            return try decode(yaml: text).located(at: url)
        } catch {
            throw XMLMappingError(file: url.lastPathComponent, reason: error.reason, localized: error.localized)
        }
    }

    /// The mapping as read from the file `url`, whose folder resolves a relative ``schema`` path.
    public func located(at url: URL) -> XMLMapping {
        var mapping = self
        mapping.directory = url.deletingLastPathComponent()
        return mapping
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

extension XMLMapping.DeliberationPaths {
    /// Reads `deliberation:`; every path is required.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        number = try fields.required("number").string()
        date = try fields.required("date").string()
        body = try fields.required("body").string()
        year = try fields.required("year").string()
        fundTotal = try fields.required("fund_total").string()
    }
}

extension XMLMapping.ParameterPaths {
    /// Reads `parameters:`.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        equalSharePercent = try fields.optional("equal_share_percent")?.string()
        populationSharePercent = try fields.optional("population_share_percent")?.string()
        udpShareSmall = try fields.optional("udp_share_small")?.string()
        udpShareLarge = try fields.optional("udp_share_large")?.string()
        udpThreshold = try fields.optional("udp_threshold")?.string()
        udpCap = try fields.optional("udp_cap")?.string()
    }
}

extension XMLMapping.AllocationPaths {
    /// Reads `allocations:`.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        nodes = try fields.required("nodes").string()
        ambito = try fields.required("ambito").string()
        name = try fields.optional("name")?.string()
        population = try fields.required("population").string()
        equalShare = try fields.required("equal_share").string()
        populationShare = try fields.required("population_share").string()
        udpShare = try fields.required("udp_share").string()
        derogation = try fields.optional("derogation")?.string()
        total = try fields.required("total").string()
    }
}

extension XMLMapping {
    /// Reads a mapping document's root; keys it does not know are ignored.
    public init(yaml: YAMLValue) throws(YAMLMistake) {
        let fields = try yaml.fields()
        name = try fields.required("name").string()
        version = try fields.optional("version")?.int() ?? 1
        title = try fields.optional("title")?.string()
        target = try fields.optional("target")?.string() ?? "deliberazione"
        format = try fields.optional("format")?.string()
        root = try fields.optional("root")?.string()
        namespaces = try fields.optional("namespaces")?.stringMap() ?? [:]
        schema = try fields.optional("schema")?.string()
        schemaNode = try fields.optional("schema_node")?.string()
        decimal = try fields.optional("decimal")?.choice(DecimalConvention.self) ?? .dot
        deliberation = try DeliberationPaths(yaml: fields.required("deliberation"))
        parameters = try fields.optional("parameters").map { value throws(YAMLMistake) in try ParameterPaths(yaml: value) }
        allocations = try AllocationPaths(yaml: fields.required("allocations"))
        directory = nil
    }
}
