import Foundation
import PlusModel

/// A header compared the way people mean it: "Quota comunale (€)" equals "QUOTA  COMUNALE".
///
/// Case, accents, spaces and punctuation are ignored; letters and digits remain.
public struct HeaderName: Hashable, Sendable {
    public let key: String

    // Made once: building a Locale per header cell dominated the binding of small sheets.
    private static let italian = Locale(identifier: "it_IT")

    public init(_ text: String) {
        // Plain ASCII, the usual header, needs no Unicode folding: lower-case letters and digits
        // are the same key Foundation gives, at a fraction of the cost (every file's header is
        // matched against every mapping's aliases).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = text.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                default: nil
                }
            }
            key = String(decoding: kept, as: UTF8.self)
            return
        }
        key = Self.foldedKeys.value(for: text, computing: Self.foldedKey)
    }

    /// Keys folded already, by text: Foundation's folding with a locale costs some 20,000
    /// instructions a text, and the same few non-ASCII headers (`Quota comunale (€)`) and
    /// allowed values come back in every sheet of an inbox, by the thousand.
    static let foldedKeys = BoundedMemo<String, String>(capacity: 4096)

    /// A column's header as a key, where a trailing currency word says what `€` says and is
    /// ignored with it: "Quota comunale (euro)", "Quota comunale EUR" and "Importo in euro" are
    /// "Quota comunale (€)" and "Importo". Used on both sides, the mapping's aliases and the
    /// sheet's header; a cell's value keeps every word (``init(_:)``).
    ///
    /// ```swift
    /// HeaderName(header: "Quota comunale (euro)") == HeaderName(header: "Quota comunale (€)")   // true
    /// ```
    public init(header text: String) {
        let plain = HeaderName(text)
        // Only a header with a currency word at its end needs its words apart.
        guard plain.key.hasSuffix("eur") || plain.key.hasSuffix("euro") else {
            self = plain
            return
        }
        let folded = text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Self.italian)
        var words = folded.unicodeScalars.split { !CharacterSet.alphanumerics.contains($0) }.map { String(String.UnicodeScalarView($0)) }[...]
        var stripped = false
        while words.count > 1, let last = words.last, last == "euro" || last == "eur" {
            words = words.dropLast()
            stripped = true
        }
        if stripped, words.count > 1, words.last == "in" { words = words.dropLast() }
        key = words.joined()
    }

    /// The key by Unicode folding, for any text.
    static func foldedKey(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Self.italian)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}
