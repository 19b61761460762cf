/// Where a canonical record came from: the submitted file, its checksum and the row or node.
///
/// Every record carries one, so that a report can say "this number is row 14 of cabras.csv".
public struct Provenance: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name as submitted.
    public var file: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// The 1-based line the row starts on (CSV), if any.
    public var line: Int?
    /// The XPath of the node (XML), if any.
    public var xpath: String?

    public init(file: String, sha256: String, line: Int? = nil, xpath: String? = nil) {
        self.file = file
        self.sha256 = sha256
        self.line = line
        self.xpath = xpath
    }

    public var location: SourceLocation {
        SourceLocation(file: file, line: line, xpath: xpath)
    }

    public var description: String { location.description }
}
