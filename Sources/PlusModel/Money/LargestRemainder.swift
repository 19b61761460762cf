/// Splits an amount among parts in proportion to weights so that the parts add up exactly.
///
/// Each part first gets the floor of its exact quota; the cents left over go one each
/// to the parts with the largest remainders, ties to the earlier part. The method is
/// the largest-remainder (Hamilton) method.
///
/// ```swift
/// Money(cents: 100).split(weights: [1, 1, 1])   // [34, 33, 33] cents
/// ```
extension Money {
    /// The amount split in proportion to `weights`; `nil` when no weight is positive
    /// or a weight is negative.
    public func split(weights: [Int64]) -> [Money]? {
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 }) else { return nil }
        let totalWeight = weights.reduce(Int64(0), +)
        guard totalWeight > 0 else { return nil }
        let sign: Int64 = cents < 0 ? -1 : 1
        let amount = cents.magnitude
        // 128-bit products keep the quotas exact for any cents × population.
        var parts: [UInt64] = []
        var remainders: [(index: Int, remainder: UInt64)] = []
        var assigned: UInt64 = 0
        for (index, weight) in weights.enumerated() {
            let product = amount.multipliedFullWidth(by: UInt64(weight))
            let (quotient, remainder) = UInt64(totalWeight).dividingFullWidth(product)
            parts.append(quotient)
            remainders.append((index, remainder))
            assigned += quotient
        }
        var leftover = amount - assigned
        let order = remainders.sorted { lhs, rhs in
            lhs.remainder != rhs.remainder ? lhs.remainder > rhs.remainder : lhs.index < rhs.index
        }
        for entry in order where leftover > 0 {
            parts[entry.index] += 1
            leftover -= 1
        }
        return parts.map { Money(cents: sign * Int64($0)) }
    }

    /// The amount split into `count` equal parts (differing by at most one cent).
    public func splitEqually(into count: Int) -> [Money]? {
        guard count > 0 else { return nil }
        return split(weights: Array(repeating: 1, count: count))
    }

    /// The share of this amount given by a ratio in basis points (1 % = 100), rounded half up.
    public func percentage(basisPoints: Int64) -> Money {
        let product = cents * basisPoints
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let roundAway = remainder.magnitude * 2 >= 10_000
        return Money(cents: quotient + (roundAway ? (product < 0 ? -1 : 1) : 0))
    }
}
