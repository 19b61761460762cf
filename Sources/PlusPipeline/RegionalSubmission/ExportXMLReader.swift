import Foundation
import PlusExport
import PlusModel
import PlusXML

/// Reads an Ambito's `plus-export.xml` back into its rows, after checking it against the
/// export's own schema (`plus-export.xsd`, ``XMLSchemaValidator``).
///
/// The bytes are parsed once by ``SafeXMLDocument`` (no network, a `<!DOCTYPE>` refused, so
/// no entity is ever expanded, size bounded), then validated in memory: what is read is
/// exactly what was validated.
///
/// ```swift
/// switch ExportXMLReader().read(data, fileName: "plus-export.xml") {
/// case .success(let tables): print(tables.rows["servizi"]?.count ?? 0)
/// case .failure(let refusal): print(refusal.diagnostics)
/// }
/// ```
struct ExportXMLReader {
    static let prefix = "e"

    func read(_ data: Data, fileName: String) -> Result<ExportedTables, ExportRefusal> {
        let parsed = SafeXMLDocument.parse(data, fileName: fileName)
        guard let document = parsed.document, !parsed.diagnostics.containsErrors else {
            return .failure(ExportRefusal(diagnostics: parsed.diagnostics))
        }
        let violations: [XMLSchemaValidator.Violation]
        do {
            violations = try XMLSchemaValidator.bundled().validate(data: data, fileName: fileName)
        } catch {
            return .failure(ExportRefusal(diagnostics: [Problem.exportSubmissionSchema.at(SourceLocation(file: fileName), found: "\(error)")]))
        }
        if !violations.isEmpty {
            // Every violation, with its line: the sender needs them all to mend the file.
            return .failure(ExportRefusal(diagnostics: violations.prefix(50).map { violation in
                Problem.exportSubmissionSchema.at(
                    SourceLocation(file: fileName, line: violation.line > 0 ? violation.line : nil),
                    found: violation.message, expected: "plus-export.xsd")
            }))
        }
        do {
            return .success(try tables(of: document))
        } catch {
            return .failure(ExportRefusal(diagnostics: [Problem.exportSubmissionSchema.at(SourceLocation(file: fileName), found: error.message)]))
        }
    }

    private func tables(of document: SafeXMLDocument) throws(XPathError) -> ExportedTables {
        let namespaces = [Self.prefix: RegionalXMLWriter.namespace]
        let datasetOf = Dictionary(uniqueKeysWithValues: RegionalXMLWriter.elements.map { ($0.element, $0.dataset) })
        var tables = ExportedTables()
        for ambito in try nodes(document.evaluate("/e:esportazione/e:ambito", namespaces: namespaces)) {
            let head = try attributes(of: ambito, in: document)
            tables.rows[DatasetCatalog.ambiti.name, default: []].append(ExportedTables.Row(cells: head, line: ambito.line))
            let key = ["anno": head["anno"] ?? "", "ambito": head["ambito"] ?? ""]
            for child in try nodes(document.evaluate("e:*", namespaces: namespaces, relativeTo: ambito)) {
                let cells = try attributes(of: child, in: document)
                if child.localName == "validazione" {
                    tables.validations.append(Self.validation(cells, year: Int(key["anno"]!) ?? 0, ambito: key["ambito"]!))
                } else if let dataset = datasetOf[child.localName] {
                    tables.rows[dataset, default: []].append(ExportedTables.Row(cells: cells.merging(key) { _, parent in parent }, line: child.line))
                }
            }
        }
        return tables
    }

    private func attributes(of node: XMLNodeRef, in document: SafeXMLDocument) throws(XPathError) -> [String: String] {
        var cells: [String: String] = [:]
        for attribute in try nodes(document.evaluate("@*", namespaces: [:], relativeTo: node)) {
            cells[attribute.localName] = attribute.stringValue
        }
        return cells
    }

    private func nodes(_ value: XPathValue) -> [XMLNodeRef] {
        if case .nodes(let nodes) = value { return nodes }
        return []
    }

    /// The `<validazione>` element's claim; the schema has checked its attributes.
    static func validation(_ cells: [String: String], year: Int, ambito: String) -> ExportMetadata.Validation {
        var claim = ExportMetadata.Validation(
            year: year, ambito: ambito, errors: Int(cells["errori"] ?? "") ?? 0, warnings: Int(cells["avvisi"] ?? "") ?? 0,
            ruleSet: ExportMetadata.RuleSet(name: cells["regole"] ?? "", version: cells["versione_regole"] ?? ""))
        claim.outcome = cells["esito"] ?? claim.outcome
        return claim
    }
}

/// Why an export is refused whole: its diagnostics, each with file, line and code.
struct ExportRefusal: Error {
    var diagnostics: [Diagnostic]
}
