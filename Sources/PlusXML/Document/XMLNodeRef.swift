import CLibXML2

/// A node of a ``SafeXMLDocument``: its name, text, line and path.
///
/// The reference keeps its document alive, so a node never outlives the tree it points into.
///
/// ```swift
/// let root = document.root
/// print(root?.localName, root?.line)
/// ```
public struct XMLNodeRef {
    let document: SafeXMLDocument
    let pointer: xmlNodePtr

    /// The 1-based line the node starts on (an attribute gives its element's line).
    public var line: Int? {
        let line = xmlGetLineNo(pointer)
        return line > 0 ? Int(line) : nil
    }

    /// An XPath that selects this node, as libxml2 writes it, in constant time after the first
    /// node of its parent (see ``NodePathIndex``).
    public var path: String {
        document.paths.path(of: pointer)
    }

    public var localName: String {
        LibXML.string(pointer.pointee.name) ?? ""
    }

    public var namespaceURI: String? {
        LibXML.string(pointer.pointee.ns?.pointee.href)
    }

    /// The XPath string value: the text of an element and all its descendants, or an attribute's value.
    public var stringValue: String {
        LibXML.takeString(xmlNodeGetContent(pointer)) ?? ""
    }
}
