import Foundation
import PlusModel

/// Imports a regional deliberation (DGR) that splits the Fondo regionale PLUS from XML,
/// through libxml2 and an ``XMLMapping``.
///
/// The result holds one `.deliberation` record and one `.allocation` record per Ambito, each
/// with its provenance (file, SHA-256, line, XPath). Bad content never throws: it becomes
/// diagnostics, and a file that cannot be trusted as a whole is `rejected`.
///
/// ```swift
/// let mapping = try XMLMapping.load(from: URL(fileURLWithPath: "Mappings/deliberazione-akn.yaml"))
/// let result = try DeliberationImporter(mapping: mapping).importFile(at: URL(fileURLWithPath: "dgr-2019.xml"))
/// result.records.count   // 26
/// ```
public struct DeliberationImporter: Importer {
    public var mapping: XMLMapping
    public var limits: XMLParseLimits

    public init(mapping: XMLMapping, limits: XMLParseLimits = .default) {
        self.mapping = mapping
        self.limits = limits
    }

    public func importFile(at url: URL, displayName: String? = nil) throws -> ImportResult {
        let name = displayName ?? url.lastPathComponent
        // One descriptor for the size and the bytes: only a regular file, never a symlink or a FIFO.
        let handle = try SafeFile.handle(url)
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        guard size <= limits.maxBytes else {
            // Too large to read at all: hash it in chunks, keep nothing else.
            var result = emptyResult(file: name, sha256: try Checksum.sha256(fileAt: url), byteCount: size)
            result.diagnostics = [Problem.xmlTooLarge.at(SourceLocation(file: name), found: String(size), expected: String(limits.maxBytes))]
            return result
        }
        try handle.seek(toOffset: 0)
        return importData(try handle.readToEnd() ?? Data(), displayName: name)
    }

    /// Imports bytes already in memory; `displayName` is the file name shown in diagnostics.
    public func importData(_ data: Data, displayName: String) -> ImportResult {
        importDocument(data, displayName: displayName).result
    }

    /// The import and the document it read, whose work counters tests bound.
    func importDocument(_ data: Data, displayName: String) -> (result: ImportResult, document: SafeXMLDocument?) {
        var result = emptyResult(file: displayName, sha256: Checksum.sha256(data), byteCount: data.count)
        let parsed = SafeXMLDocument.parse(data, fileName: displayName, limits: limits)
        result.diagnostics = parsed.diagnostics
        guard let document = parsed.document, let root = document.root else {
            if !result.diagnostics.containsErrors {
                result.diagnostics.append(Problem.xmlEmpty.at(SourceLocation(file: displayName)))
            }
            return (result, parsed.document)
        }
        if let problem = rootProblem(root) {
            result.diagnostics.append(problem)
            return (result, document)
        }
        if let schemaName = mapping.schema {
            result.details["schema"] = schemaName
            let violations = validate(document, root: root, schemaName: schemaName)
            result.diagnostics += violations
            if violations.containsErrors { return (result, document) }
        }
        read(document, root: root, into: &result)
        return (result, document)
    }

    private func emptyResult(file: String, sha256: String, byteCount: Int) -> ImportResult {
        var details = ["format": mapping.format ?? "xml"]
        if let title = mapping.title { details["mapping_title"] = title }
        return ImportResult(
            file: file, sha256: sha256, byteCount: byteCount, mapping: mapping.name, mappingVersion: mapping.version,
            status: .rejected, details: details)
    }

    /// A wrong document element means a wrong layout or namespace: nothing else would make sense.
    private func rootProblem(_ root: XMLNodeRef) -> Diagnostic? {
        guard let expected = mapping.root else { return nil }
        let parts = expected.split(separator: ":", maxSplits: 1).map(String.init)
        let (prefix, name) = parts.count == 2 ? (parts[0], parts[1]) : (nil, parts[0])
        let uri = prefix.flatMap { mapping.namespaces[$0] }
        guard root.localName != name || root.namespaceURI != uri else { return nil }
        func spelled(_ name: String, _ uri: String?) -> String { uri.map { "{\($0)}\(name)" } ?? name }
        return Problem.xmlUnexpectedRoot.at(
            SourceLocation(file: root.document.fileName, line: root.line, xpath: root.path),
            found: spelled(root.localName, root.namespaceURI), expected: spelled(name, uri))
    }

    private func validate(_ document: SafeXMLDocument, root: XMLNodeRef, schemaName: String) -> [Diagnostic] {
        let file = SourceLocation(file: document.fileName)
        let schema: XMLSchema
        do {
            if schemaName.contains("/"), let directory = mapping.directory {
                schema = try XMLSchema.load(from: directory.appendingPathComponent(schemaName))
            } else {
                schema = try XMLSchema.bundled(named: schemaName)
            }
        } catch {
            return [Problem.xmlSchemaUnavailable.at(file, found: error.message, expected: schemaName)]
        }
        var element = root
        if let path = mapping.schemaNode {
            var reader = XMLFieldReader(document: document, mapping: mapping)
            let value = try? document.evaluate(path, namespaces: mapping.namespaces)
            guard let node = value?.firstNode else {
                _ = reader.text("schema_node", path)
                return reader.diagnostics.isEmpty
                    ? [Problem.xmlNothingFound.at(file, expected: path, details: ["field": "schema_node"])] : reader.diagnostics
            }
            element = node
        }
        return schema.validate(element)
    }

    private func read(_ document: SafeXMLDocument, root: XMLNodeRef, into result: inout ImportResult) {
        defer { result.countListedRows() }
        var reader = XMLFieldReader(document: document, mapping: mapping)
        let paths = mapping.deliberation
        let number = reader.text("number", paths.number)?.text
        let date = reader.date("date", paths.date)
        let body = reader.text("body", paths.body)?.text
        let year = reader.integer("year", paths.year)
        let fundTotal = reader.money("fund_total", paths.fundTotal)
        let parameters = readParameters(&reader)
        result.subject = SubmissionSubject(year: year)

        let nodes: [XMLNodeRef]
        do throws(XPathError) {
            guard case .nodes(let found) = try document.evaluate(mapping.allocations.nodes, namespaces: mapping.namespaces) else {
                throw XPathError(expression: mapping.allocations.nodes, message: "does not select nodes")
            }
            nodes = found
        } catch {
            result.diagnostics += reader.diagnostics
            result.diagnostics.append(Problem.xmlInvalidXPath.at(
                SourceLocation(file: document.fileName), found: error.message, expected: mapping.allocations.nodes,
                details: ["field": "allocations.nodes"]))
            return
        }
        result.rowsRead = nodes.count
        let head = reader.diagnostics
        result.diagnostics += head
        if nodes.isEmpty {
            result.diagnostics.append(Problem.xmlNoAllocations.at(
                SourceLocation(file: document.fileName), expected: mapping.allocations.nodes))
        }

        var read: [(node: XMLNodeRef, allocation: RegionalAllocation)] = []
        for node in nodes {
            var rowReader = XMLFieldReader(document: document, mapping: mapping)
            let provenance = Provenance(file: result.file, sha256: result.sha256, line: node.line, xpath: node.path)
            if let allocation = readAllocation(node, year: year ?? 0, provenance: provenance, reader: &rowReader) {
                read.append((node, allocation))
            } else {
                result.rejectedRows.append(RejectedRow(line: node.line ?? 0, cells: rawCells(node), reasons: rowReader.diagnostics))
            }
            result.diagnostics += rowReader.diagnostics
        }
        let allocations = rejectingRepeatedAmbiti(read, into: &result).map {
            ImportedRecord(record: .allocation($0), provenance: $0.provenance ?? Provenance(file: result.file, sha256: result.sha256))
        }

        guard let number, let date, let body, let year, let fundTotal, !nodes.isEmpty else { return }
        let provenance = Provenance(file: result.file, sha256: result.sha256, line: root.line, xpath: root.path)
        let deliberation = Deliberation(
            number: number, date: date, body: body, year: year, fundTotal: fundTotal, parameters: parameters,
            allocations: allocations.compactMap { if case .allocation(let a) = $0.record { a } else { nil } },
            provenance: provenance)
        result.records = [ImportedRecord(record: .deliberation(deliberation), provenance: provenance)] + allocations
        result.status = .accepted
    }

    /// The allocations whose Ambito appears once; every node of a repeated Ambito becomes a
    /// rejected row with an XML026 naming both places, since nothing says which one holds.
    private func rejectingRepeatedAmbiti(
        _ read: [(node: XMLNodeRef, allocation: RegionalAllocation)], into result: inout ImportResult
    ) -> [RegionalAllocation] {
        var first: [String: Int] = [:]
        var repeated: [Int: Diagnostic] = [:]
        for (index, entry) in read.enumerated() {
            guard let earlier = first[entry.allocation.ambito] else {
                first[entry.allocation.ambito] = index
                continue
            }
            let original = read[earlier].node
            let diagnostic = Problem.xmlDuplicateAmbito.at(
                SourceLocation(file: result.file, line: entry.node.line, xpath: entry.node.path),
                found: entry.allocation.ambito, expected: mapping.allocations.ambito,
                details: ["first": original.path, "first_line": original.line.map(String.init) ?? "?"])
            repeated[index] = diagnostic
            if repeated[earlier] == nil { repeated[earlier] = diagnostic }
            result.diagnostics.append(diagnostic)
        }
        guard !repeated.isEmpty else { return read.map(\.allocation) }
        var kept: [RegionalAllocation] = []
        for (index, entry) in read.enumerated() {
            if let reason = repeated[index] {
                result.rejectedRows.append(RejectedRow(line: entry.node.line ?? 0, cells: rawCells(entry.node), reasons: [reason]))
            } else {
                kept.append(entry.allocation)
            }
        }
        return kept
    }

    private func readParameters(_ reader: inout XMLFieldReader) -> AllocationParameters {
        guard let paths = mapping.parameters else { return AllocationParameters() }
        return AllocationParameters(
            equalShareBasisPoints: reader.basisPoints("equal_share_percent", paths.equalSharePercent),
            populationShareBasisPoints: reader.basisPoints("population_share_percent", paths.populationSharePercent),
            udpShareSmall: reader.money("udp_share_small", paths.udpShareSmall, required: false),
            udpShareLarge: reader.money("udp_share_large", paths.udpShareLarge, required: false),
            udpThreshold: reader.integer("udp_threshold", paths.udpThreshold, required: false),
            udpCap: reader.money("udp_cap", paths.udpCap, required: false))
    }

    private func readAllocation(
        _ node: XMLNodeRef, year: Int, provenance: Provenance, reader: inout XMLFieldReader
    ) -> RegionalAllocation? {
        let paths = mapping.allocations
        let ambito = reader.text("ambito", paths.ambito, at: node)?.text
        let name = reader.text("name", paths.name, at: node, required: false)?.text
        let population = reader.integer("population", paths.population, at: node)
        let equalShare = reader.money("equal_share", paths.equalShare, at: node)
        let populationShare = reader.money("population_share", paths.populationShare, at: node)
        let udpShare = reader.money("udp_share", paths.udpShare, at: node)
        let derogation = reader.money("derogation", paths.derogation, at: node, required: false)
        let total = reader.money("total", paths.total, at: node)
        guard reader.diagnostics.isEmpty, let ambito, let population, let equalShare, let populationShare,
              let udpShare, let total else { return nil }
        return RegionalAllocation(
            year: year, ambito: ambito, ambitoName: name, population: population, equalShare: equalShare,
            populationShare: populationShare, udpShare: udpShare, derogation: derogation, total: total,
            provenance: provenance)
    }

    /// The node's mapped values as read, so that a rejected Ambito keeps what it said.
    private func rawCells(_ node: XMLNodeRef) -> [String] {
        let paths = mapping.allocations
        return [paths.ambito, paths.name, paths.population, paths.equalShare, paths.populationShare, paths.udpShare,
                paths.derogation, paths.total].map { expression in
            guard let expression else { return "" }
            return (try? node.document.evaluate(expression, namespaces: mapping.namespaces, relativeTo: node))?.text ?? ""
        }
    }
}
