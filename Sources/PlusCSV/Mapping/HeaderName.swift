import Foundation

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
        key = Self.foldedKey(text)
    }

    /// The key by Unicode folding, for any text.
    static func foldedKey(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Self.italian)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}
