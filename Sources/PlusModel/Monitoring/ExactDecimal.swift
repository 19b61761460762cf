/// A number with decimals held exactly, as digits and a scale: never a binary floating point.
///
/// Indicators count people, hours and percentages (`12,5`); a `Double` would turn `0,1` into
/// `0.1000000000000000055…` and compare targets wrongly. The value is `units / 10^scale`,
/// with trailing zeros dropped so that `12,50` and `12,5` are equal.
///
/// ```swift
/// let rate = ExactDecimal(parsing: "1.234,5", convention: .comma)   // 1234.5
/// rate?.description                                               // "1234.5"
/// rate?.formatted(decimalSeparator: ",")                           // "1234,5"
/// ```
public struct ExactDecimal: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The value times `10^scale`.
    public let units: Int64
    /// How many digits follow the decimal separator, `0...maximumScale`.
    public let scale: Int

    /// The most decimals an indicator may state: enough for rates, small enough never to overflow.
    public static let maximumScale = 6
    /// The most digits an indicator may state, decimals included: any such number fits in 64 bits.
    public static let maximumDigits = 18

    public init(units: Int64, scale: Int = 0) {
        var units = units, scale = max(0, scale)
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        self.units = units
        self.scale = scale
    }

    /// Reads a number as sheets write it, per the mapping's convention: `12`, `12,5`, `1.234,5`
    /// (comma) or `1,234.5` (dot); `nil` for anything else, more than ``maximumScale``
    /// decimals, or a lone dot under ``DecimalConvention/auto`` (it could mean thousands).
    public init?(parsing raw: String, convention: DecimalConvention) {
        var text = Substring(raw)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        let negative = text.hasPrefix("-")
        if negative || text.hasPrefix("+") { text = text.dropFirst() }
        let (decimal, grouping): (Character, Character)
        switch convention {
        case .comma: (decimal, grouping) = (",", ".")
        case .dot: (decimal, grouping) = (".", ",")
        case .auto:
            if text.contains(".") && !text.contains(",") { return nil }
            (decimal, grouping) = (",", ".")
        }
        let parts = text.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= Self.maximumScale,
              fraction.allSatisfy(\.isASCIIDigit)
        else { return nil }
        let groups = whole.split(separator: grouping, omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { return nil }
        let digits = groups.joined() + fraction
        guard digits.count <= Self.maximumDigits, let magnitude = Int64(digits) else { return nil }
        self.init(units: negative ? -magnitude : magnitude, scale: fraction.count)
    }

    /// Machine text: dot decimals, no grouping (`-1234.5`).
    public var description: String { formatted(decimalSeparator: ".") }

    /// The value with `decimalSeparator` and no grouping: `,` for Italian readers.
    public func formatted(decimalSeparator: Character) -> String {
        let magnitude = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        return sign + padded.dropLast(scale) + String(decimalSeparator) + padded.suffix(scale)
    }

    /// Parses ``description``'s form (the store's and the exports'): dot decimals, no grouping.
    public init?(_ text: String) {
        self.init(parsing: text, convention: .dot)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        // On a common scale. Only the one with fewer decimals is multiplied; if that overflows,
        // its magnitude exceeds any Int64, so its sign alone decides.
        let scale = max(lhs.scale, rhs.scale)
        let left = lhs.units.multipliedReportingOverflow(by: power(scale - lhs.scale))
        let right = rhs.units.multipliedReportingOverflow(by: power(scale - rhs.scale))
        if left.overflow { return lhs.units < 0 }
        if right.overflow { return rhs.units > 0 }
        return left.partialValue < right.partialValue
    }

    private static func power(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
