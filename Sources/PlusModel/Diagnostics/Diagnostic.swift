/// One finding about the input: what, where, what was found and what was expected.
///
/// A diagnostic is data first: it carries its message already written in every
/// language, so a store, a JSON report and a terminal show the same words.
///
/// ```swift
/// print(diagnostic.rendered(.it))
/// // cabras.csv:12 [Importo] errore CSV101: «1.234» è ambiguo ...
/// ```
public struct Diagnostic: Hashable, Sendable, Codable {
    public var code: String
    public var severity: Severity
    public var location: SourceLocation
    /// The raw value as read, if any.
    public var found: String?
    /// What would have been accepted.
    public var expected: String?
    public var message: LocalizedText

    public init(
        code: String, severity: Severity, location: SourceLocation,
        found: String? = nil, expected: String? = nil, message: LocalizedText
    ) {
        self.code = code
        self.severity = severity
        self.location = location
        self.found = found
        self.expected = expected
        self.message = message
    }

    /// One line for a terminal or a log.
    public func rendered(_ language: Language) -> String {
        "\(location) \(severity.label(language)) \(code): \(message[language])"
    }
}

extension Sequence where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
