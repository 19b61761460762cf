/// How an amount is written as text.
///
/// ```swift
/// Money(cents: -123456).formatted(.italian)  // "-1.234,56"
/// Money(cents: -123456).formatted(.plain)    // "-1234.56"
/// ```
public enum MoneyFormat: Sendable {
    /// Dot decimals, no grouping: for machines (CSV, JSON, XML).
    case plain
    /// Decimal comma and dot thousands, as Italian spreadsheets show it.
    case italian
    /// Like `italian`, prefixed with "€ ".
    case euro
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
            wholeText = Self.grouped(wholeText)
        }
        let separator = format == .plain ? "." : ","
        let number = (negative ? "-" : "") + wholeText + separator + fractionText
        return format == .euro ? "€ " + number : number
    }

    private static func grouped(_ digits: String) -> String {
        var out: [Character] = []
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(".") }
            out.append(character)
        }
        return String(out.reversed())
    }
}
