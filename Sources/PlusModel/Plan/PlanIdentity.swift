/// Which plan a record belongs to: the Ambito, the triennium and the year of the annual update.
///
/// ```swift
/// PlanIdentity(ambito: "OR", trienniumStart: 2018, year: 2019)   // PLUS 2018–2020, update 2019
/// ```
public struct PlanIdentity: Hashable, Sendable, Codable {
    public var ambito: String
    /// First year of the triennium, e.g. 2018 for 2018–2020.
    public var trienniumStart: Int
    /// The year of the annual financial update.
    public var year: Int
    /// The plan's version within the year (1 for the first approval).
    public var version: Int

    public init(ambito: String, trienniumStart: Int, year: Int, version: Int = 1) {
        self.ambito = ambito
        self.trienniumStart = trienniumStart
        self.year = year
        self.version = version
    }

    public var trienniumEnd: Int { trienniumStart + 2 }
}
