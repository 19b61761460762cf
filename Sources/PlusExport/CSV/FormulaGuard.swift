/// Neutralises text that a spreadsheet would run as a formula (CSV injection).
///
/// A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, which spreadsheets show as text and never evaluate. The rule
/// applies to text cells of both CSV dialects and only to them: numeric, date and
/// boolean cells are written by the exporter itself, so `-12.50` stays a number. JSON,
/// JSON Lines and XML keep the text unchanged, since no spreadsheet evaluates them.
///
/// ```swift
/// FormulaGuard.neutralised("=HYPERLINK(\"http://x\")")   // "'=HYPERLINK(\"http://x\")"
/// FormulaGuard.neutralised("Cabras")                       // "Cabras"
/// ```
public enum FormulaGuard {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ text: String) -> String {
        // Every trigger is one ASCII byte: the first byte tells, without building a Character.
        guard let first = text.utf8.first, triggerBytes.contains(first) else { return text }
        return "'" + text
    }

    private static let triggerBytes = Set(triggers.compactMap(\.asciiValue))
}
