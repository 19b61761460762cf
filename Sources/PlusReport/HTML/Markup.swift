import Foundation

/// A node of the report page's body: an element, text, or markup already written.
///
/// The page used to be a tree of Plot's nodes, which renders every element into a string of its
/// own, copies it into its parent's, and escapes text a `String` per character: that was most of
/// a page's time. These nodes are written once, byte by byte, by ``MarkupText``, exactly as Plot
/// renders the same elements (`MarkupTextTests` compares the two on seeded trees and whole pages).
///
/// ```swift
/// let node = Markup.element("p", [("class", "meta")], text: "Oristano & Cabras")
/// node.render()   // <p class="meta">Oristano &amp; Cabras</p>
/// ```
indirect enum BodyNode {
    /// `<name attributes>children</name>`; attribute values as given (escaped when written).
    case element(name: String, attributes: [(String, String)], children: [BodyNode])
    /// `<name attributes/>`.
    case selfClosed(name: String, attributes: [(String, String)])
    /// Text, escaped as Plot escapes a text node.
    case text(String)
    /// Markup written as it is.
    case raw(String)
    /// Markup written already, as bytes (a chart): as ``raw(_:)`` without a `String` of it.
    case written(MarkupText)
    /// Nothing.
    case empty

    /// The node written as markup.
    func render() -> String {
        var text = MarkupText()
        text.append(self)
        return text.text
    }
}

/// Elements by name with their attributes.
///
/// Every attribute value is escaped by ``Markup/attributeValue(_:)`` when written: no value can
/// close its quotes.
enum Markup {
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [BodyNode] = []) -> BodyNode {
        .element(name: name, attributes: attributes, children: children)
    }

    static func element(_ name: String, _ attributes: [(String, String)] = [], text: String) -> BodyNode {
        element(name, attributes, [.text(text)])
    }

    static func empty(_ name: String, _ attributes: [(String, String)]) -> BodyNode {
        .selfClosed(name: name, attributes: attributes)
    }

    /// The value with `&`, `"`, `<` and `>` written as entities.
    static func attributeValue(_ value: String) -> String {
        // Most values (numbers, colours, classes) have nothing to escape.
        guard MarkupText.holdsMarkup(value, orQuotes: true) else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A file name as one segment of a relative link: everything but letters, digits and `-._~`
    /// percent-encoded, byte by byte of its UTF-8 with upper-case digits, as Foundation's
    /// `addingPercentEncoding(withAllowedCharacters:)` writes it (tested against it). By hand: a
    /// page links each of its files, and Foundation built its character set anew for each.
    static func pathSegment(_ name: String) -> String {
        var name = name
        return name.withUTF8 { bytes in
            var encoded: [UInt8] = []
            encoded.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    encoded.append(byte)
                default:
                    encoded += [UInt8(ascii: "%"), hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
                }
            }
            return String(decoding: encoded, as: UTF8.self)
        }
    }

    /// The upper-case hexadecimal digit of `value` (0–15).
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
