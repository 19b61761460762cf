import PlusModel

/// Reads one mapped field at a time (text, amount, whole number, date) and keeps a diagnostic
/// for every field that is missing or malformed, located at the node it came from.
///
/// ```swift
/// var reader = XMLFieldReader(document: document, mapping: mapping)
/// let total = reader.money("fund_total", mapping.deliberation.fundTotal)
/// ```
struct XMLFieldReader {
    let document: SafeXMLDocument
    let mapping: XMLMapping
    private(set) var diagnostics: [Diagnostic] = []

    init(document: SafeXMLDocument, mapping: XMLMapping) {
        self.document = document
        self.mapping = mapping
    }

    /// A value as read and the node it was read from (or the context node, for a computed value).
    struct Found {
        var text: String
        var source: XMLNodeRef?
    }

    /// The trimmed text of `expression`; a blank value counts as absent.
    mutating func text(_ field: String, _ expression: String?, at node: XMLNodeRef? = nil, required: Bool = true) -> Found? {
        guard let expression else { return nil }
        // Locations are built only for diagnostics: a valid file never pays for naming its nodes.
        let value: XPathValue
        do {
            value = try document.evaluate(expression, namespaces: mapping.namespaces, relativeTo: node)
        } catch {
            diagnostics.append(Problem.xmlInvalidXPath.at(location(of: node), found: error.message, expected: expression, details: ["field": field]))
            return nil
        }
        let text = value.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else {
            if required {
                diagnostics.append(Problem.xmlNothingFound.at(location(of: node), expected: expression, details: ["field": field]))
            }
            return nil
        }
        return Found(text: text, source: value.firstNode ?? node)
    }

    mutating func money(_ field: String, _ expression: String?, at node: XMLNodeRef? = nil, required: Bool = true) -> Money? {
        guard let found = text(field, expression, at: node, required: required) else { return nil }
        do {
            return try MoneyParser(convention: mapping.decimal).parse(found.text)
        } catch {
            let example = mapping.decimal == .comma ? "1.234,56" : "1234.56"
            diagnostics.append(Problem.xmlNotAnAmount.at(location(of: found.source), found: clipped(found.text), expected: example, details: ["field": field]))
            return nil
        }
    }

    /// A percentage such as `40` or `40,5`, as basis points (40 % = 4000): two decimals, like cents.
    mutating func basisPoints(_ field: String, _ expression: String?) -> Int64? {
        money(field, expression, required: false)?.cents
    }

    mutating func integer(_ field: String, _ expression: String?, at node: XMLNodeRef? = nil, required: Bool = true) -> Int? {
        guard let found = text(field, expression, at: node, required: required) else { return nil }
        guard found.text.count <= 12, let value = Int(found.text), value >= 0 else {
            diagnostics.append(Problem.xmlNotAnInteger.at(location(of: found.source), found: clipped(found.text), details: ["field": field]))
            return nil
        }
        return value
    }

    mutating func date(_ field: String, _ expression: String?) -> CivilDate? {
        guard let found = text(field, expression) else { return nil }
        guard let date = CivilDate(sheet: found.text) else {
            diagnostics.append(Problem.xmlNotADate.at(location(of: found.source), found: clipped(found.text), details: ["field": field]))
            return nil
        }
        return date
    }

    func location(of node: XMLNodeRef?) -> SourceLocation {
        SourceLocation(file: document.fileName, line: node?.line, xpath: node?.path)
    }

    /// Untrusted text goes into messages only in part.
    private func clipped(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
