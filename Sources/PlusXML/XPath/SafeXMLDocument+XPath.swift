import CLibXML2

extension SafeXMLDocument {
    /// Evaluates `expression` with the `namespaces` prefixes declared, relative to `node`
    /// (the document when `nil`).
    ///
    /// ```swift
    /// let nodes = try document.evaluate("//akn:FRBRnumber/@value", namespaces: ["akn": aknURI])
    /// ```
    public func evaluate(_ expression: String, namespaces: [String: String], relativeTo node: XMLNodeRef? = nil) throws(XPathError) -> XPathValue {
        xpathEvaluations += 1
        let collector = XMLErrorCollector(capacity: 5)
        guard let context = xmlXPathNewContext(pointer) else {
            throw XPathError(expression: expression, message: "libxml2: out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = xmlCollectStructuredError
        context.pointee.userData = Unmanaged.passUnretained(collector).toOpaque()
        for (prefix, uri) in namespaces {
            _ = xmlXPathRegisterNs(context, prefix, uri)
        }
        if let node { context.pointee.node = node.pointer }
        let object = LibXML.collectingErrors(into: collector) { xmlXPathEvalExpression(expression, context) }
        guard let object else {
            let message = collector.entries.map(\.message).joined(separator: "; ")
            throw XPathError(expression: expression, message: message.isEmpty ? "XPath evaluation failed" : message)
        }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET:
            var nodes: [XMLNodeRef] = []
            if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab {
                for index in 0..<Int(set.pointee.nodeNr) {
                    // A namespace node is an xmlNs in disguise: no line, no path, skip it.
                    if let found = table[index], found.pointee.type != XML_NAMESPACE_DECL { nodes.append(XMLNodeRef(document: self, pointer: found)) }
                }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(LibXML.string(object.pointee.stringval) ?? "")
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        default:
            throw XPathError(expression: expression, message: "unsupported XPath result type")
        }
    }
}
