import Foundation
import Plot

/// A body node of the report page.
typealias BodyNode = Node<HTML.BodyContext>

/// Elements by name with their attributes, on top of Plot.
///
/// Plot escapes text nodes but writes attribute values as given, so every attribute value
/// goes through ``Markup/attributeValue(_:)`` here: no value can close its quotes.
enum Markup {
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [BodyNode] = []) -> BodyNode {
        .element(named: name, nodes: attributes.map { .attribute(named: $0.0, value: attributeValue($0.1)) } + children)
    }

    static func element(_ name: String, _ attributes: [(String, String)] = [], text: String) -> BodyNode {
        element(name, attributes, [.text(text)])
    }

    static func empty(_ name: String, _ attributes: [(String, String)]) -> BodyNode {
        .selfClosedElement(named: name, attributes: attributes.map { Attribute<HTML.BodyContext>(name: $0.0, value: attributeValue($0.1)) })
    }

    /// The value with `&`, `"`, `<` and `>` written as entities.
    static func attributeValue(_ value: String) -> String {
        // Most values (numbers, colours, classes) have nothing to escape.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { return value }
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

    /// A file name as one segment of a relative link: everything but letters, digits and `-._~` percent-encoded.
    static func pathSegment(_ name: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
