import PlusModel

/// Sums and differences of amounts that fail with a diagnostic instead of trapping.
///
/// Amounts come from untrusted sheets and may each be near `Int64.max` cents; the export
/// must refuse them, never crash on them.
///
/// ```swift
/// try CheckedMoney.sum([a, b], in: "servizi")
/// ```
enum CheckedMoney {
    static func sum(_ amounts: some Sequence<Money>, in dataset: String) throws -> Money {
        try amounts.reduce(.zero) { try add($0, $1, in: dataset) }
    }

    static func add(_ lhs: Money, _ rhs: Money, in dataset: String) throws -> Money {
        guard let sum = lhs.adding(rhs) else { throw overflowError(lhs, rhs, dataset) }
        return sum
    }

    static func subtract(_ lhs: Money, _ rhs: Money, in dataset: String) throws -> Money {
        guard let difference = lhs.subtracting(rhs) else { throw overflowError(lhs, rhs, dataset) }
        return difference
    }

    private static func overflowError(_ lhs: Money, _ rhs: Money, _ dataset: String) -> ExportError {
        ExportError(.exportAmountOverflow, path: dataset, found: "\(lhs.formatted(.plain)), \(rhs.formatted(.plain))")
    }
}
