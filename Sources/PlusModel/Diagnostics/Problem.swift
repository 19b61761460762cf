/// One kind of problem, with a stable code: the template every matching ``Diagnostic`` is made from.
///
/// Each module declares its problems as static members, one place per code, so the code,
/// the title and the wording in both languages never drift apart. Templates name their
/// values in braces: `{found}`, `{expected}`, `{column}` and any detail key.
///
/// ```swift
/// extension Problem {
///     static let emptyRow = Problem(
///         code: "CSV010", severity: .warning,
///         title: .init(it: "Riga vuota", en: "Empty row"),
///         template: .init(it: "Riga vuota ignorata.", en: "Empty row skipped."))
/// }
/// let diagnostic = Problem.emptyRow.at(SourceLocation(file: "a.csv", line: 3))
/// ```
public struct Problem: Sendable, Hashable {
    /// A stable code such as `CSV101`; never reused for another meaning.
    public var code: String
    public var severity: Severity
    public var title: LocalizedText
    public var template: LocalizedText

    public init(code: String, severity: Severity, title: LocalizedText, template: LocalizedText) {
        self.code = code
        self.severity = severity
        self.title = title
        self.template = template
    }

    /// A diagnostic of this kind at `location`.
    ///
    /// `details` are texts the same in both languages, `localizedDetails` texts worded per
    /// language, and `arguments` typed values (amounts, counts) that each language writes its own
    /// way: `{difference}` is `1.234,56` in the Italian message and `1,234.56` in the English one.
    public func at(
        _ location: SourceLocation, found: String? = nil, expected: String? = nil,
        details: [String: String] = [:], localizedDetails: [String: LocalizedText] = [:],
        arguments: [String: MessageArgument] = [:], severity: Severity? = nil
    ) -> Diagnostic {
        var values = details
        values["found"] = found ?? values["found"]
        values["expected"] = expected ?? values["expected"]
        values["column"] = location.column ?? values["column"]
        values["file"] = location.file
        values["line"] = location.line.map(String.init) ?? values["line"]
        values["xpath"] = location.xpath ?? values["xpath"]
        var italian = values
        var english = values
        for (key, text) in localizedDetails {
            italian[key] = text.it
            english[key] = text.en
        }
        for (key, argument) in arguments {
            italian[key] = argument.text(.it)
            english[key] = argument.text(.en)
        }
        let message = LocalizedText(it: Self.fill(template.it, italian), en: Self.fill(template.en, english))
        return Diagnostic(
            code: code, severity: severity ?? self.severity, location: location,
            found: found, expected: expected, message: message)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            if let value = values[key] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
