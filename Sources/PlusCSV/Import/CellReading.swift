import PlusModel

/// Reads the canonical fields of one row by name and type: what ``RecordBuilder`` builds a record from.
///
/// Two readers exist. ``RowReader`` reads decoded, trimmed text and words every problem: it is
/// the reference. ``BytePlan/Cells`` reads the row's bytes directly and, at the first cell whose
/// rule it cannot apply (any problem, any warning), gives up so the row goes to ``RowReader``.
/// One builder over both is what keeps them from drifting apart.
protocol CellReading {
    /// Whether the row has an error, or (for the byte plan) must go to the general path.
    var hasErrors: Bool { get }
    mutating func add(_ diagnostic: Diagnostic)
    func location(_ field: String) -> SourceLocation
    /// Whether the field has a column or a default.
    func has(_ field: String) -> Bool
    mutating func text(_ field: String, required: Bool, expected: String?) -> String?
    mutating func money(_ field: String, required: Bool) -> Money?
    mutating func basisPoints(_ field: String) -> Int64?
    /// A number with decimals, exact (an indicator's target): `nil` when empty or unreadable.
    mutating func decimal(_ field: String) -> ExactDecimal?
    mutating func integer(_ field: String, required: Bool, range: ClosedRange<Int>, expected: String) -> Int?
    mutating func year(_ field: String, required: Bool) -> Int?
    mutating func istat(_ field: String, required: Bool) -> String?
    mutating func ente(_ field: String) -> EnteRef?
    mutating func date(_ field: String) -> CivilDate?
    mutating func boolean(_ field: String) -> Bool
    mutating func choice<Value>(_ field: String, _ options: [(String, Value)]) -> Value?
}

extension CellReading {
    mutating func text(_ field: String, required: Bool = false) -> String? { text(field, required: required, expected: nil) }
    mutating func money(_ field: String) -> Money? { money(field, required: false) }
    mutating func year(_ field: String) -> Int? { year(field, required: false) }
    mutating func istat(_ field: String) -> String? { istat(field, required: false) }
    mutating func integer(_ field: String, required: Bool, expected: String) -> Int? {
        integer(field, required: required, range: 0...Int.max, expected: expected)
    }
}
