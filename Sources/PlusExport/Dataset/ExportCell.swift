import Foundation
import PlusModel

/// One typed value of an exported table: each writer decides how to spell it.
///
/// Money stays in cents until a writer formats it, so no format ever sees a float.
///
/// ```swift
/// let row: [ExportCell] = [.integer(2019), .text("OR"), .money(Money(cents: -1250))]
/// ```
public enum ExportCell: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    case money(Money)
    /// A percentage held in basis points (41.27 % = 4127), written with two decimals.
    case basisPoints(Int64)
    /// A number with decimals held exactly (an indicator's target), written as stated.
    case decimal(ExactDecimal)
    case date(CivilDate)
    case bool(Bool)
    /// No value: an empty CSV cell, JSON `null`, an absent XML attribute.
    case null

    /// An optional text, `null` when absent.
    public static func text(_ value: String?) -> ExportCell { value.map(ExportCell.text) ?? .null }

    /// An optional amount, `null` when absent.
    public static func money(_ value: Money?) -> ExportCell { value.map(ExportCell.money) ?? .null }

    /// An optional exact decimal, `null` when absent.
    public static func decimal(_ value: ExactDecimal?) -> ExportCell { value.map(ExportCell.decimal) ?? .null }

    public static func integer(_ value: Int?) -> ExportCell { value.map { .integer(Int64($0)) } ?? .null }

    /// The value as plain machine text: dot decimals, ISO dates, `true`/`false`; `nil` for null.
    public var plainText: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .money(let value): value.formatted(.plain)
        case .basisPoints(let value): Money(cents: value).formatted(.plain)
        case .decimal(let value): value.description
        case .date(let value): value.description
        case .bool(let value): value ? "true" : "false"
        case .null: nil
        }
    }
}

extension ExportCell: Comparable {
    /// Orders values of the same kind naturally; `null` first; different kinds by kind.
    /// Text is ordered by Unicode scalar values, the same in every locale.
    public static func < (lhs: ExportCell, rhs: ExportCell) -> Bool {
        lhs.ordering(against: rhs) < 0
    }

    /// -1, 0 or 1 as `self` sorts before, with or after `other`, in one comparison: sorting
    /// a national dataset by its key compares millions of cells.
    ///
    /// ```swift
    /// ExportCell.text("Àles").ordering(against: .text("Zeddiani"))  // 1: "À" is U+00C0
    /// ```
    public func ordering(against other: ExportCell) -> Int {
        switch (self, other) {
        case (.text(let a), .text(let b)): return Self.ordering(a, b)
        case (.integer(let a), .integer(let b)): return Self.ordering(a, b)
        case (.money(let a), .money(let b)): return Self.ordering(a, b)
        case (.basisPoints(let a), .basisPoints(let b)): return Self.ordering(a, b)
        case (.decimal(let a), .decimal(let b)): return Self.ordering(a, b)
        case (.date(let a), .date(let b)): return Self.ordering(a, b)
        case (.bool(let a), .bool(let b)): return Self.ordering(a ? 1 : 0, b ? 1 : 0)
        default: return Self.ordering(kindRank, other.kindRank)
        }
    }

    private static func ordering<Value: Comparable>(_ a: Value, _ b: Value) -> Int {
        a < b ? -1 : (b < a ? 1 : 0)
    }

    /// UTF-8 bytes sort as their Unicode scalars do, so two native strings compare with `memcmp`.
    private static func ordering(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                let bytes = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                if bytes != 0 { return bytes < 0 ? -1 : 1 }
                return ordering(left.count, right.count)
            }
        }
    }

    private var kindRank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .integer: 2
        case .money: 3
        case .basisPoints: 4
        case .date: 5
        case .text: 6
        case .decimal: 7
        }
    }
}
