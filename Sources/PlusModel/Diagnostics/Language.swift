/// The language of messages shown to people: Italian by default, English on request.
public enum Language: String, Sendable, Codable, CaseIterable {
    case it
    case en
}

/// A text in every ``Language`` the software speaks.
///
/// ```swift
/// let text = LocalizedText(it: "Riga vuota", en: "Empty row")
/// text[.en]   // "Empty row"
/// ```
public struct LocalizedText: Hashable, Sendable, Codable {
    public var it: String
    public var en: String

    public init(it: String, en: String) {
        self.it = it
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .it: it
        case .en: en
        }
    }
}
