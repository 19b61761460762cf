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
