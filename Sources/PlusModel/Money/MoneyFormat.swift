/// How an amount is written as text.
///
/// ```swift
/// Money(cents: -123456).formatted(.italian)  // "-1.234,56"
/// Money(cents: -123456).formatted(.plain)    // "-1234.56"
/// Money(cents: -123456).formatted(.english)  // "-1,234.56"
/// ```
public enum MoneyFormat: Sendable {
    /// Dot decimals, no grouping: for machines (CSV, JSON, XML).
    case plain
    /// Decimal comma and dot thousands, as Italian spreadsheets show it.
    case italian
    /// Like `italian`, prefixed with "€ ".
    case euro
    /// Decimal point and comma thousands, for English text: `1,234.56`.
    case english

    /// The format of amounts in messages in `language`: `1.234,56` in Italian, `1,234.56` in English.
    public static func text(for language: Language) -> MoneyFormat {
        language == .en ? .english : .italian
    }
}

extension Money {
    /// The amount as text, always with two decimals.
    public func formatted(_ format: MoneyFormat) -> String {
        let negative = cents < 0
        let absolute = cents.magnitude
        let whole = absolute / 100
        let fraction = absolute % 100
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        var wholeText = String(whole)
        if format != .plain {
            wholeText = Self.grouped(wholeText, by: format == .english ? "," : ".")
        }
        let separator = format == .plain || format == .english ? "." : ","
        let number = (negative ? "-" : "") + wholeText + separator + fractionText
        return format == .euro ? "€ " + number : number
    }

    /// Digits grouped in threes: `grouped("75495", by: ".")` is `75.495` (populations are written so too).
    public static func grouped(_ digits: String, by separator: Character) -> String {
        var out: [Character] = []
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(separator) }
            out.append(character)
        }
        return String(out.reversed())
    }
}
