import Plot

/// Elements written straight into bytes, byte for byte as Plot renders the same elements: the
/// page's nodes (``BodyNode``) and the charts' shapes, whose thousands made Plot's node tree (and
/// its text escaping, a `String` per character) most of a report's time.
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
    private(set) var bytes: [UInt8] = []

    /// What has been written.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `<name attributes>`; the element's children follow, then ``close(_:)``.
    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        write(byte: UInt8(ascii: "<"))
        write(name)
        append(attributes)
        write(byte: UInt8(ascii: ">"))
    }

    /// `</name>`.
    mutating func close(_ name: String) {
        write(byte: UInt8(ascii: "<"))
        write(byte: UInt8(ascii: "/"))
        write(name)
        write(byte: UInt8(ascii: ">"))
    }

    /// An element with no children: `<name attributes/>`, as ``Markup/empty(_:_:)``.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        write(byte: UInt8(ascii: "<"))
        write(name)
        append(attributes)
        write(byte: UInt8(ascii: "/"))
        write(byte: UInt8(ascii: ">"))
    }

    /// `<name`: a start tag whose attributes follow one by one (``attribute(_:_:)``), ended by
    /// ``endStartTag()`` or ``endEmptyTag()``. For a chart's shapes, thousands on a page: the
    /// array of pairs ``open(_:_:)`` takes was made, scanned for names given twice and freed for
    /// each, most of a chart's time. The caller names each attribute once in a tag.
    ///
    /// ```swift
    /// svg.startTag("rect")
    /// svg.attribute("x", number: 12.5)
    /// svg.attribute("class", "bar")
    /// svg.endEmptyTag()   // <rect x="12.5" class="bar"/>, as svg.empty("rect", [("x", "12.5"), ("class", "bar")])
    /// ```
    mutating func startTag(_ name: String) {
        write(byte: UInt8(ascii: "<"))
        write(name)
    }

    /// `>`, after the attributes of ``startTag(_:)``.
    mutating func endStartTag() {
        write(byte: UInt8(ascii: ">"))
    }

    /// `/>`, after the attributes of ``startTag(_:)``: an element with no children.
    mutating func endEmptyTag() {
        write(byte: UInt8(ascii: "/"))
        write(byte: UInt8(ascii: ">"))
    }

    /// ` name="value"`, escaped by ``Markup/attributeValue(_:)``; nothing for an empty value, as Plot.
    mutating func attribute(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        write(byte: UInt8(ascii: " "))
        write(name)
        write(byte: UInt8(ascii: "="))
        write(byte: UInt8(ascii: "\""))
        write(Markup.attributeValue(value))
        write(byte: UInt8(ascii: "\""))
    }

    /// ` name="value"` of a number with one decimal, as ``BarChart/number(_:)`` writes it, from its
    /// digits: no `String` of it (a chart writes four or five numbers per bar), nothing to escape.
    mutating func attribute(_ name: String, number value: Double) {
        write(byte: UInt8(ascii: " "))
        write(name)
        write(byte: UInt8(ascii: "="))
        write(byte: UInt8(ascii: "\""))
        BarChart.withDigits(of: value) { bytes.append(contentsOf: $0) }
        write(byte: UInt8(ascii: "\""))
    }

    /// Text made of `pieces` one after another, escaped as ``append(_:)`` escapes their whole:
    /// each written as it is when none holds `&`, `<` or `>`, else their whole through Plot.
    mutating func append(pieces: String...) {
        if pieces.contains(where: { Self.holdsMarkup($0, orQuotes: false) }) {
            append(pieces.joined())
        } else {
            for piece in pieces { write(piece) }
        }
    }

    /// An element holding only text, as ``Markup/element(_:_:text:)``.
    mutating func element(_ name: String, _ attributes: [(String, String)], text content: String) {
        open(name, attributes)
        append(content)
        close(name)
    }

    /// A node and everything under it.
    mutating func append(_ node: BodyNode) {
        switch node {
        case .element(let name, let attributes, let children):
            open(name, attributes)
            for child in children { append(child) }
            close(name)
        case .selfClosed(let name, let attributes):
            empty(name, attributes)
        case .text(let content):
            append(content)
        case .raw(let markup):
            write(markup)
        case .written(let markup):
            bytes.append(contentsOf: markup.bytes)
        case .empty:
            break
        }
    }

    /// Text, escaped as Plot escapes a text node; only text with `&`, `<` or `>` needs Plot's
    /// rules (an entity such as `&amp;` is left as it is), so only that text goes to Plot.
    mutating func append(_ content: String) {
        if Self.holdsMarkup(content, orQuotes: false) {
            write(Node<HTML.BodyContext>.text(content).render())
        } else {
            write(content)
        }
    }

    /// Attributes as Plot writes them: ` name="value"`, escaped by ``Markup/attributeValue(_:)``,
    /// none with an empty value, and a name given twice written once, in its first place with its
    /// last value (Plot's `replaceExisting`).
    private mutating func append(_ attributes: [(String, String)]) {
        for (index, (name, value)) in attributes.enumerated() {
            var value = value
            if attributes.count > 1 {
                // A handful of attributes an element: a scan is cheaper than a dictionary.
                if attributes[..<index].contains(where: { $0.0 == name }) { continue }
                if let last = attributes[(index + 1)...].last(where: { $0.0 == name }) { value = last.1 }
            }
            attribute(name, value)
        }
    }

    /// Whether `text` holds `&`, `<` or `>` (or `"`, when `orQuotes`): a loop over its bytes, where
    /// `contains(where:)` on the `utf8` view cost about ten times as much; most text holds none.
    static func holdsMarkup(_ text: String, orQuotes: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (orQuotes && byte == UInt8(ascii: "\"")) {
                return true
            }
            return false
        }
    }

    /// One byte of punctuation: no string to copy.
    private mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    /// The piece's bytes copied whole: appending its `utf8` view went element by element.
    private mutating func write(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
