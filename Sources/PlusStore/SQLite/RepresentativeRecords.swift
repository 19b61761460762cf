import PlusModel

/// The records ``SQLiteStore/representatives(of:in:)`` reads back once a streamed submission's
/// rows are in, gathered while they go in: the first of each kind, ente, year and Ambito of the
/// plan kinds (declarations whole in columns by ente and year alone, as their table groups
/// them), every record of the other kinds, in the submission's order.
///
/// Reading them back grouped a sheet's millions of declarations in a temporary b-tree and decoded
/// each group's first row: a fifth of a streamed sheet's storing. Held here they cost a hash of
/// each row's ente and year, when they differ from the row before's.
///
/// ```swift
/// var gathered = RepresentativeRecords()
/// gathered.declaration(imported, ente: StoredEnte(declaration.ente), year: declaration.year)
/// gathered.row(imported, encoded: row)      // a row of `records`
/// gathered.records                           // as the query would read them, in order
/// ```
struct RepresentativeRecords {
    /// The records kept, in the order they came.
    private(set) var records: [ImportedRecord] = []
    /// The Comuni and years of the declarations kept from the `declarations` table (``ComuneYears``).
    private var comuniYears = ComuneYears()
    /// The ente and year of each other declaration kept from the `declarations` table.
    private var declarations: Set<EnteYear> = []
    /// The last declaration's: a Comune's sheet repeats them row after row, and no hash is needed then.
    private var lastDeclaration: EnteYear?
    /// The kind, ente, year and Ambito of each plan record kept from `records`.
    private var groups: Set<Group> = []
    /// The last plan record's group: a plan table's services are all one group, and no hash is needed then.
    private var lastGroup: Group?

    private struct EnteYear: Hashable {
        var ente: StoredEnte
        var year: Int
    }

    private struct Group: Hashable {
        var kind: String
        var ente: String?
        var year: Int?
        var ambito: String?
    }

    /// Whether `kind` is one of those that come by the million and are told apart by nothing but
    /// these groups: compared, not hashed, once per row.
    private static func isPlanKind(_ kind: String) -> Bool {
        kind == "service" || kind == "declaration" || kind == "cost_share"
    }

    /// Takes a declaration stored in the `declarations` table, its ente as stored there.
    mutating func declaration(_ imported: ImportedRecord, ente: StoredEnte, year: Int) {
        let key = EnteYear(ente: ente, year: year)
        guard key != lastDeclaration else { return }
        lastDeclaration = key
        let isNew = if case .code(let code) = ente, let first = comuniYears.insert(code, year: year) {
            first
        } else {
            declarations.insert(key).inserted
        }
        if isNew { records.append(imported) }
    }

    /// Takes a record stored in `records` as `encoded`.
    mutating func row(_ imported: ImportedRecord, encoded: EncodedRecord) {
        guard Self.isPlanKind(encoded.kind) else { return records.append(imported) }
        take(imported, in: Group(kind: encoded.kind, ente: encoded.ente, year: encoded.year, ambito: encoded.ambito))
    }

    /// Takes a service stored in `records` from the service itself (``ServiceColumns``): no ente,
    /// Ambito or year of its own, as ``EncodedRecord`` would have it.
    mutating func service(_ imported: ImportedRecord) {
        take(imported, in: Group(kind: "service", ente: nil, year: nil, ambito: nil))
    }

    /// Keeps `imported` if it is the first of `group`.
    private mutating func take(_ imported: ImportedRecord, in group: Group) {
        guard group != lastGroup else { return }
        lastGroup = group
        if groups.insert(group).inserted { records.append(imported) }
    }
}

/// Which Comuni have declared for which years, one bit for each Comune's six-digit code in a
/// table for each year, for the first sixteen years seen.
///
/// A regional sheet changes Comune from one row to the next: a set of Comune-years took a hash
/// and, once it outgrew the processor's cache, a miss there for each of a 250 MB sheet's 3.3 M
/// rows (14 % of the thread that reads in file order). The codes of Italy's Comuni are under
/// 112,000, so a year's table is some 14 KB; no code above 999,999 or year past the sixteenth
/// is taken (``insert(_:year:)`` says `nil`), which bounds it at 16 × 125 KB whatever the file.
///
/// ```swift
/// var seen = ComuneYears()
/// seen.insert(95018, year: 2019)    // true: the first
/// seen.insert(95018, year: 2019)    // false
/// seen.insert(95018, year: 2020)    // true
/// ```
struct ComuneYears {
    static let maxYears = 16
    private var years: [Int] = []
    /// For each of ``years``, one bit per code, as many words as the largest code seen needs.
    private var bits: [[UInt64]] = []
    /// The index in ``years`` of the last year asked about: a sheet's rows mostly share theirs.
    private var last = 0

    /// Marks `code` as seen in `year`: whether it is the first time, `nil` for a code or a year
    /// this table does not take (the caller keeps those otherwise).
    mutating func insert(_ code: Int64, year: Int) -> Bool? {
        guard (0..<1_000_000).contains(code), let index = index(of: year) else { return nil }
        let word = Int(code >> 6), bit = UInt64(1) << UInt64(code & 63)
        if word >= bits[index].count { bits[index].append(contentsOf: repeatElement(0, count: word + 1 - bits[index].count)) }
        guard bits[index][word] & bit == 0 else { return false }
        bits[index][word] |= bit
        return true
    }

    private mutating func index(of year: Int) -> Int? {
        if last < years.count, years[last] == year { return last }
        if let found = years.firstIndex(of: year) {
            last = found
        } else {
            guard years.count < Self.maxYears else { return nil }
            years.append(year)
            bits.append([])
            last = years.count - 1
        }
        return last
    }
}
