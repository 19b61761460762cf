import CLibXML2

/// The errors libxml2 reported during one call, kept as plain Swift values.
///
/// The number kept is bounded, so that random bytes producing an error per byte
/// cannot grow memory; the rest are only counted.
final class XMLErrorCollector {
    struct Entry: Hashable {
        var domain: Int32
        var code: Int32
        var isWarning: Bool
        var line: Int?
        var column: Int?
        var message: String
        var nodePath: String?
    }

    private(set) var entries: [Entry] = []
    private(set) var dropped = 0
    /// Set when the document declared a DTD and parsing was stopped before reading it.
    var refusedDoctype = false
    /// The line of the refused `<!DOCTYPE`.
    var doctypeLine: Int?
    let capacity: Int

    init(capacity: Int = 50) {
        self.capacity = capacity
    }

    var errors: [Entry] { entries.filter { !$0.isWarning } }

    func record(_ error: xmlError) {
        guard entries.count < capacity else {
            dropped += 1
            return
        }
        var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        var nodePath: String?
        if let node = error.node {
            nodePath = LibXML.takeString(xmlGetNodePath(node.assumingMemoryBound(to: xmlNode.self)))
        }
        entries.append(Entry(
            domain: error.domain, code: error.code,
            isWarning: error.level.rawValue == XML_ERR_WARNING.rawValue,
            line: error.line > 0 ? Int(error.line) : nil,
            column: error.int2 > 0 ? Int(error.int2) : nil,
            message: String(message.prefix(300)), nodePath: nodePath))
    }
}
