/// Names one Ambito in one year: the unit a nightly job validates.
///
/// ```swift
/// let changed = try store.changedAmbitoYears(since: lastRun)   // [AmbitoYearRef(ambito: "OR", year: 2019)]
/// ```
public struct AmbitoYearRef: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var ambito: String
    public var year: Int

    public init(ambito: String, year: Int) {
        self.ambito = ambito
        self.year = year
    }

    public var description: String { "\(ambito) \(year)" }

    public static func < (lhs: AmbitoYearRef, rhs: AmbitoYearRef) -> Bool {
        (lhs.ambito, lhs.year) < (rhs.ambito, rhs.year)
    }
}
