import PlusModel

/// Why a mapping file could not be used.
///
/// ```swift
/// do { _ = try XMLMapping.load(from: url) } catch { print(error.file ?? "", error.reason) }
/// ```
public struct XMLMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var reason: String
    /// The reason in every language, when it is known in more than English.
    public var localized: LocalizedText? = nil

    public var description: String { "\(file ?? "mapping"): \(reason)" }
}

extension XMLMappingError {
    /// A mistake in the mapping's YAML, told with its line and field.
    public init(file: String?, mistake: YAMLMistake) {
        self.init(file: file, reason: mistake.message.en, localized: mistake.message)
    }

    /// The file could not be read as UTF-8 text.
    public static func unreadable(file: String) -> XMLMappingError {
        XMLMappingError(file: file, reason: "cannot be read as UTF-8 text")
    }
}
