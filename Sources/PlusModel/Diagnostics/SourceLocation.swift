/// Where a value was found: a file and, inside it, a line and column or an XPath.
///
/// ```swift
/// SourceLocation(file: "cabras.csv", line: 12, column: "Importo")
///     .description   // "cabras.csv:12 [Importo]"
/// ```
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name as submitted (not a path on this machine).
    public var file: String
    /// The 1-based physical line where the row or element starts.
    public var line: Int?
    /// The column's header (or `#N` for a positional column).
    public var column: String?
    /// The XPath of an XML node.
    public var xpath: String?

    public init(file: String, line: Int? = nil, column: String? = nil, xpath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.xpath = xpath
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += " [\(column)]" }
        if let xpath { text += " \(xpath)" }
        return text
    }
}

extension SourceLocation {
    /// The file this location is in, as it was sent: ``file`` itself, or, when that names a part
    /// of a file, the file sent — a workbook's sheet (`scheda.xlsx[Foglio1]`), an Ambito's export's
    /// table (`OR-2019.zip/riparto.csv`). A receipt and an archived file are found by it.
    ///
    /// ```swift
    /// SourceLocation(file: "scheda.xlsx[Foglio1]").sentFileName   // "scheda.xlsx"
    /// ```
    public var sentFileName: String {
        // An inbox holds files, never folders: a name with a slash is a part of the file before it.
        if let slash = file.firstIndex(of: "/"), slash > file.startIndex { return String(file[..<slash]) }
        if file.hasSuffix("]"), let bracket = file.lastIndex(of: "["), bracket > file.startIndex {
            return String(file[..<bracket])
        }
        return file
    }

    /// ``file`` and, when it names a part, ``sentFileName``: the names a finding may be told under.
    public var sentFileNames: [String] {
        let sent = sentFileName
        return sent == file ? [file] : [file, sent]
    }
}
