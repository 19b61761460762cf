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
    /// The ente and year of each declaration kept from the `declarations` table, packed in one
    /// integer for a Comune's code (``comuneYear(_:_:)``): one word to hash, and a table a
    /// fifth the size, for a sheet that cycles through thousands of Comuni.
    private var comuniYears: Set<Int64> = []
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
        let isNew = Self.comuneYear(ente, year).map { comuniYears.insert($0).inserted } ?? declarations.insert(key).inserted
        if isNew { records.append(imported) }
    }

    /// The year and a Comune's code (six digits, under 2²⁰) in one integer, when the year fits.
    private static func comuneYear(_ ente: StoredEnte, _ year: Int) -> Int64? {
        guard case .code(let code) = ente, (0..<1_000_000).contains(code), (0..<(1 << 40)).contains(year) else { return nil }
        return Int64(year) << 20 | code
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
