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
    /// Whether the built record is kept: when not (a check that keeps no record), the builder
    /// still reads and checks every field but may skip assembling values nobody reads.
    var keepsRecord: Bool { get }
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
    mutating func choice<Value>(_ field: String, _ options: Choices<Value>) -> Value?
    /// The cell's text read by `parse` (a management mode, a triennium): text it cannot read is
    /// an unknown value (CSV208), with `expected` as the example.
    mutating func parsed<Value>(_ field: String, required: Bool, expected: String?, by parse: @escaping (String) -> Value?) -> Value?
}

extension CellReading {
    var keepsRecord: Bool { true }
    mutating func text(_ field: String, required: Bool = false) -> String? { text(field, required: required, expected: nil) }
    mutating func money(_ field: String) -> Money? { money(field, required: false) }
    mutating func year(_ field: String) -> Int? { year(field, required: false) }
    mutating func istat(_ field: String) -> String? { istat(field, required: false) }
    mutating func integer(_ field: String, required: Bool, expected: String) -> Int? {
        integer(field, required: required, range: 0...Int.max, expected: expected)
    }
}

/// The closed set of words a cell may use for one field, compared like headers.
///
/// Each spelling's ``HeaderName`` is folded once, when the set is made, not for every row that
/// names a value: a plan table's kind and sharing criterion are looked up on every row.
///
/// ```swift
/// let kinds = Choices([("sociale", ServiceKind.sociale), ("socio-sanitario", .socioSanitario)])
/// kinds.value(for: "Socio sanitario")   // .socioSanitario
/// ```
struct Choices<Value> {
    /// The spellings as written, in order: what a diagnostic lists as expected.
    let spellings: [String]
    private let keys: [HeaderName]
    private let values: [Value]

    init(_ options: [(String, Value)]) {
        spellings = options.map(\.0)
        keys = options.map { HeaderName($0.0) }
        values = options.map(\.1)
    }

    /// The value of the first spelling that reads as `raw` does, or `nil`.
    func value(for raw: String) -> Value? {
        // Most cells spell a value as listed: found without folding, as the first spelling of its key.
        if let listed = spellings.firstIndex(of: raw) {
            return keys.firstIndex(of: keys[listed]).map { values[$0] }
        }
        let key = HeaderName(raw)
        return keys.firstIndex(of: key).map { values[$0] }
    }
}

extension Choices: Sendable where Value: Sendable {}
