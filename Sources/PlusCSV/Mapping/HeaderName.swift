import Foundation

/// A header compared the way people mean it: "Quota comunale (€)" equals "QUOTA  COMUNALE".
///
/// Case, accents, spaces and punctuation are ignored; letters and digits remain.
public struct HeaderName: Hashable, Sendable {
    public let key: String

    // Made once: building a Locale per header cell dominated the binding of small sheets.
    private static let italian = Locale(identifier: "it_IT")

    public init(_ text: String) {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Self.italian)
        key = String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }
}
