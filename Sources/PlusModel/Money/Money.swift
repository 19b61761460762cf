/// An amount of euros, held as an exact whole number of cents.
///
/// Money never passes through floating point: it is parsed from text, added,
/// split and formatted as integers.
///
/// ```swift
/// let cost = Money(cents: 123_456)          // EUR 1.234,56
/// let total = cost + Money(euros: 10)       // EUR 1.244,56
/// total.formatted(.italian)                 // "1.244,56"
/// ```
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in euro cents; negative for a debit or a refund.
    public var cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    /// An amount of whole euros.
    public init(euros: Int64) {
        self.cents = euros * 100
    }

    public static let zero = Money(cents: 0)

    public var isNegative: Bool { cents < 0 }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.cents -= rhs.cents }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// The sum, or `nil` when it does not fit in 64 bits: for amounts no rule has bounded yet
    /// (a sheet's may each be near `Int64.max` cents), where `+` would stop the program.
    ///
    /// ```swift
    /// Money(cents: .max).adding(Money(cents: 1))   // nil
    /// ```
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: sum)
    }

    /// The difference, or `nil` when it does not fit in 64 bits.
    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: difference)
    }

    /// The absolute amount.
    public var magnitude: Money { Money(cents: cents.magnitude > UInt64(Int64.max) ? Int64.max : Int64(cents.magnitude)) }

    public var description: String { formatted(.plain) }

    // Codable as a bare integer of cents: JSON readers never see a float.
    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

extension Sequence where Element == Money {
    /// The exact sum of the amounts.
    // Inlinable, so that each caller's sequence is specialized: called across modules, it went
    // through `reduce`'s generic form, metadata looked up at run time, for each service and Comune.
    @inlinable
    public func sum() -> Money {
        reduce(.zero, +)
    }

    /// The exact sum, or `nil` when it, or any sum on the way, does not fit in 64 bits.
    @inlinable
    public func checkedSum() -> Money? {
        var total = Money.zero
        for amount in self {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }
}
