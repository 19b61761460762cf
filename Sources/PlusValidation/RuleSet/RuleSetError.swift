import PlusModel

/// Why a rule set file cannot be used; the message names the file and the key.
public struct RuleSetError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// The key path inside the file, e.g. `parameters.udp_cap`, if known.
    public var key: String?
    public var message: LocalizedText

    public init(file: String, key: String? = nil, message: LocalizedText) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { rendered(.en) }

    public func rendered(_ language: Language) -> String {
        "\(file)\(key.map { " [\($0)]" } ?? ""): \(message[language])"
    }
}
