import Plot

/// Elements written straight into a string, byte for byte as Plot renders the same ``Markup``
/// elements: for the charts, whose thousands of shapes made Plot's node tree (and its text
/// escaping, a `String` per character) most of a report's time.
///
/// ```swift
/// var svg = MarkupText()
/// svg.open("svg", [("viewBox", "0 0 10 10")])
/// svg.empty("rect", [("x", "0"), ("width", "5")])
/// svg.close("svg")
/// let node: BodyNode = .raw(svg.text)  // as Markup.element("svg", …, [Markup.empty("rect", …)])
/// ```
struct MarkupText {
    /// The bytes written so far: appending a piece's UTF-8 to an array is a copy, where each
    /// `String` append (and each `+` of the pieces of an attribute) checked and grew a string.
    private var bytes: [UInt8] = []

    /// What has been written.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `<name attributes>`; the element's children follow, then ``close(_:)``.
    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        write("<")
        write(name)
        append(attributes)
        write(">")
    }

    /// `</name>`.
    mutating func close(_ name: String) {
        write("</")
        write(name)
        write(">")
    }

    /// An element with no children: `<name attributes/>`, as ``Markup/empty(_:_:)``.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        write("<")
        write(name)
        append(attributes)
        write("/>")
    }

    /// An element holding only text, as ``Markup/element(_:_:text:)``.
    mutating func element(_ name: String, _ attributes: [(String, String)], text content: String) {
        open(name, attributes)
        append(content)
        close(name)
    }

    /// Text, escaped as Plot escapes a text node; only text with `&`, `<` or `>` needs Plot's rules.
    mutating func append(_ content: String) {
        if content.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            write(BodyNode.text(content).render())
        } else {
            write(content)
        }
    }

    /// Attributes as Plot writes them: ` name="value"`, escaped by ``Markup/attributeValue(_:)``,
    /// and none with an empty value.
    private mutating func append(_ attributes: [(String, String)]) {
        for (name, value) in attributes where !value.isEmpty {
            write(" ")
            write(name)
            write("=\"")
            write(Markup.attributeValue(value))
            write("\"")
        }
    }

    /// The piece's bytes copied whole: appending its `utf8` view went element by element.
    private mutating func write(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
