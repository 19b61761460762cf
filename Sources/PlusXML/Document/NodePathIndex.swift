import CLibXML2

/// Names the nodes of one document by XPath exactly as libxml2's `xmlGetNodePath` does, in time
/// linear in the document.
///
/// `xmlGetNodePath` counts a node's same-name siblings on every call, so naming each of n
/// sibling `<ambito/>` elements costs n² steps (50 s for 32,000 of them). Here a parent's
/// children are numbered once, the first time any of them is named, and every path is kept.
///
/// ```swift
/// let index = NodePathIndex()
/// index.path(of: node.pointer)   // "/ripartizione/ambito[12]"
/// ```
final class NodePathIndex {
    /// Each child's own step (`/name[k]`), for every parent whose children were numbered.
    private var steps: [xmlNodePtr: String] = [:]
    /// Every full path named so far.
    private var paths: [xmlNodePtr: String] = [:]
    /// Children looked at while numbering siblings: the work done, which tests bound.
    private(set) var siblingsVisited = 0

    /// The path of `node`, as `xmlGetNodePath` would write it.
    func path(of node: xmlNodePtr) -> String {
        if let known = paths[node] { return known }
        let path: String
        switch node.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
            path = "/"
        case XML_ATTRIBUTE_NODE:
            path = parentPath(of: node) + "/@" + qualifiedName(node)
        case XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            path = parentPath(of: node) + step(of: node)
        default:
            // Entity references, DTD parts: never selected by a mapping, and rare; libxml2 names them.
            path = LibXML.takeString(xmlGetNodePath(node)) ?? "/"
        }
        paths[node] = path
        return path
    }

    /// The parent's path as a prefix: empty under the document, so that the root reads `/name`.
    private func parentPath(of node: xmlNodePtr) -> String {
        guard let parent = node.pointee.parent else { return "" }
        switch parent.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return ""
        default: return path(of: parent)
        }
    }

    /// The node's own step, `/name` or `/name[k]`, numbering all its siblings on first use.
    private func step(of node: xmlNodePtr) -> String {
        if let known = steps[node] { return known }
        guard let parent = node.pointee.parent else {
            // A detached node: alone, so no index.
            return "/" + (kind(of: node)?.name ?? "node()")
        }
        numberChildren(of: parent)
        return steps[node] ?? "/node()"
    }

    /// One pass to count each kind of child, one to write every child's step.
    private func numberChildren(of parent: xmlNodePtr) {
        var totals: [[UInt8]: Int] = [:]
        var elementTotal = 0
        var child = parent.pointee.children
        while let current = child {
            siblingsVisited += 1
            if current.pointee.type == XML_ELEMENT_NODE { elementTotal += 1 }
            if let kind = kind(of: current), !kind.countsEveryElement { totals[kind.key, default: 0] += 1 }
            child = current.pointee.next
        }
        var seen: [[UInt8]: Int] = [:]
        var elementsSeen = 0
        child = parent.pointee.children
        while let current = child {
            siblingsVisited += 1
            if current.pointee.type == XML_ELEMENT_NODE { elementsSeen += 1 }
            if let kind = kind(of: current) {
                let position: Int
                let total: Int
                if kind.countsEveryElement {
                    // An element in a default namespace is written `*`, numbered among all elements.
                    (position, total) = (elementsSeen, elementTotal)
                } else {
                    let count = seen[kind.key, default: 0] + 1
                    seen[kind.key] = count
                    (position, total) = (count, totals[kind.key, default: 1])
                }
                steps[current] = "/" + kind.name + (total > 1 ? "[\(position)]" : "")
            }
            child = current.pointee.next
        }
    }

    /// How libxml2 names a node and which siblings it counts with it.
    private struct Kind {
        var name: String
        /// Siblings with the same key share the numbering.
        var key: [UInt8]
        /// An element in a default namespace is written `*`, numbered among all elements.
        var countsEveryElement = false
    }

    private func kind(of node: xmlNodePtr) -> Kind? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            if let ns = node.pointee.ns, ns.pointee.prefix == nil {
                return Kind(name: "*", key: [], countsEveryElement: true)
            }
            // Same name and, with a namespace, the same prefix: libxml2's test, byte for byte.
            var key = bytes(node.pointee.name)
            if let ns = node.pointee.ns { key += [0, 1] + bytes(ns.pointee.prefix) } else { key += [0, 0] }
            return Kind(name: qualifiedName(node), key: key)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return Kind(name: "text()", key: [1])
        case XML_COMMENT_NODE:
            return Kind(name: "comment()", key: [2])
        case XML_PI_NODE:
            let target = LibXML.string(node.pointee.name) ?? ""
            return Kind(name: "processing-instruction('\(target)')", key: [3] + bytes(node.pointee.name))
        default:
            return nil
        }
    }

    private func qualifiedName(_ node: xmlNodePtr) -> String {
        let name = LibXML.string(node.pointee.name) ?? ""
        guard let prefix = node.pointee.ns.flatMap({ LibXML.string($0.pointee.prefix) }) else { return name }
        return prefix + ":" + name
    }

    private func bytes(_ pointer: UnsafePointer<xmlChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
    }
}
