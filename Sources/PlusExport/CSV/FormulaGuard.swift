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
        guard let first = text.utf8.first, startsFormula(first) else { return text }
        return "'" + text
    }

    /// Whether a text whose first byte is `byte` is neutralised: every trigger is one ASCII
    /// byte, so the first byte tells, without building a Character.
    static func startsFormula(_ byte: UInt8) -> Bool {
        byte < 0x80 && triggerBytes[Int(byte)]
    }

    /// ``triggers`` by ASCII byte: looked up once per text cell of a CSV, with no hashing.
    private static let triggerBytes: [Bool] = (0..<0x80).map { byte in
        triggers.contains(Character(Unicode.Scalar(UInt8(byte))))
    }
}
