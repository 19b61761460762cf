/// The kind of plan: the Sardinian PLUS, or the Piani di Zona of L. 328/2000 with their yearly programmes.
public enum PlanType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Piano Locale Unitario dei Servizi alla persona (L.R. 23/2005 art. 20), triennial.
    case plus
    /// Piano di Zona triennale (L. 328/2000 art. 19).
    case pianoDiZona = "piano_di_zona"
    /// Programma attuativo annuale of a Piano di Zona.
    case programmaAttuativo = "programma_attuativo"
    /// Piano per la non autosufficienza.
    case pianoNonAutosufficienza = "piano_non_autosufficienza"

    /// The ways a sheet writes each type, compared like headers.
    public static let spellings: [(String, PlanType)] = [
        ("plus", .plus), ("piano locale unitario dei servizi", .plus),
        ("piano_di_zona", .pianoDiZona), ("piano di zona", .pianoDiZona), ("piano di zona triennale", .pianoDiZona),
        ("programma_attuativo", .programmaAttuativo), ("programma attuativo", .programmaAttuativo),
        ("programma attuativo annuale", .programmaAttuativo),
        ("piano_non_autosufficienza", .pianoNonAutosufficienza), ("piano per la non autosufficienza", .pianoNonAutosufficienza),
    ]
}

/// What a plan table states about its plan, row by row: type, triennium, version, approving act.
///
/// ```swift
/// PlanStatement(type: .plus, trienniumStart: 2017, version: 2, approvedBy: "Delibera C.C. 12/2019")
/// ```
public struct PlanStatement: Hashable, Sendable, Codable {
    public var type: PlanType?
    public var trienniumStart: Int?
    public var version: Int?
    /// The act that approved this version, as the sheet writes it.
    public var approvedBy: String?

    public init(type: PlanType? = nil, trienniumStart: Int? = nil, version: Int? = nil, approvedBy: String? = nil) {
        self.type = type
        self.trienniumStart = trienniumStart
        self.version = version
        self.approvedBy = approvedBy
    }

    /// The first year of a triennium as sheets write it: `2017-2019`, `2017–2019`, `2017/2019` or `2017`;
    /// `nil` unless the two years are three apart.
    public static func trienniumStart(parsing text: String) -> Int? {
        let years = text.split { "-–/ ".contains($0) }.map { Int($0) }
        guard let first = years.first ?? nil, (1900...2200).contains(first) else { return nil }
        if years.count == 1 { return first }
        guard years.count == 2, years[1] == first + 2 else { return nil }
        return first
    }
}

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
    /// The kind of plan, when stated.
    public var type: PlanType?
    /// The act that approved the plan, when stated.
    public var approvedBy: String?

    public init(ambito: String, trienniumStart: Int, year: Int, version: Int = 1, type: PlanType? = nil, approvedBy: String? = nil) {
        self.ambito = ambito
        self.trienniumStart = trienniumStart
        self.year = year
        self.version = version
        self.type = type
        self.approvedBy = approvedBy
    }

    /// The plan of an Ambito-year as its services state it: the first statement of a triennium, or `nil`.
    public init?(ambito: String, year: Int, services: [PlannedService]) {
        guard let statement = services.lazy.compactMap(\.plan).first(where: { $0.trienniumStart != nil }),
              let start = statement.trienniumStart else { return nil }
        self.init(ambito: ambito, trienniumStart: start, year: year, version: statement.version ?? 1,
                  type: statement.type, approvedBy: statement.approvedBy)
    }

    public var trienniumEnd: Int { trienniumStart + 2 }
}
