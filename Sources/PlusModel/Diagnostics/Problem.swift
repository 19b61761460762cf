/// One kind of problem, with a stable code: the template every matching ``Diagnostic`` is made from.
///
/// Each module declares its problems as static members, one place per code, so the code,
/// the title and the wording in both languages never drift apart. Templates name their
/// values in braces: `{found}`, `{expected}`, `{column}` and any detail key. A count takes its
/// words with it, the singular for exactly one: `{found:riga nascosta|righe nascoste}` reads
/// `1 riga nascosta` and `3 righe nascoste`; `{found?è|sono}` gives the words alone, for the
/// rest of the sentence to agree.
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

    /// The template with each `{key}` replaced by its value, or by the words of a counted
    /// placeholder (``counted(_:_:)``); an unknown key is left as written.
    ///
    /// Read byte by byte: `{` and `}` are ASCII, never part of another character's UTF-8, and a
    /// template is the catalogue's own text. Walking its characters cost some 10,000
    /// instructions a message, two messages a diagnostic, and every file has a few.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var template = template
        return template.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 32)
            var at = 0
            while let open = bytes[at...].firstIndex(of: UInt8(ascii: "{")),
                  let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) {
                result.append(contentsOf: bytes[at..<open])
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
                if let value = values[key] {
                    result.append(contentsOf: value.utf8)
                } else if let counted = Self.counted(key[...], values) {
                    result.append(contentsOf: counted.utf8)
                } else {
                    result.append(contentsOf: bytes[open...close])
                }
                at = close + 1
            }
            result.append(contentsOf: bytes[at...])
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// `{count:one|many}`: the count, then the words that agree with it (both languages use the
    /// singular for exactly one, as ``Language/counted(_:it:en:)``); `{count?one|many}` the words
    /// alone. `nil` when `key` is no such placeholder or its count is missing.
    private static func counted(_ key: Substring, _ values: [String: String]) -> String? {
        guard let mark = key.firstIndex(where: { $0 == ":" || $0 == "?" }), let count = values[String(key[..<mark])] else { return nil }
        let forms = key[key.index(after: mark)...].split(separator: "|", omittingEmptySubsequences: false)
        guard forms.count == 2 else { return nil }
        let words = count == "1" ? forms[0] : forms[1]
        return key[mark] == ":" ? count + " " + words : String(words)
    }
}
