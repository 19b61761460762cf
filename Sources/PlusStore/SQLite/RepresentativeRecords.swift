import PlusModel

/// The records ``SQLiteStore/representatives(of:in:)`` reads back once a streamed submission's
/// rows are in, gathered while they go in: the first of each kind, ente, year and Ambito of the
/// plan kinds (declarations whole in columns by ente and year alone, as their table groups
/// them), every record of the other kinds, in the submission's order.
///
/// Reading them back grouped a sheet's millions of declarations in a temporary b-tree and decoded
/// each group's first row: a fifth of a streamed sheet's storing. Held here they cost a hash of
/// each row's ente and year.
///
/// ```swift
/// var gathered = RepresentativeRecords()
/// gathered.declaration(imported, ente: declaration.ente, year: declaration.year)
/// gathered.row(imported, encoded: row)      // a row of `records`
/// gathered.records                           // as the query would read them, in order
/// ```
struct RepresentativeRecords {
    /// The records kept, in the order they came.
    private(set) var records: [ImportedRecord] = []
    /// The ente and year of each declaration kept from the `declarations` table.
    private var declarations: Set<EnteYear> = []
    /// The kind, ente, year and Ambito of each plan record kept from `records`.
    private var groups: Set<Group> = []

    private struct EnteYear: Hashable {
        var ente: EnteRef
        var year: Int
    }

    private struct Group: Hashable {
        var kind: String
        var ente: String?
        var year: Int?
        var ambito: String?
    }

    /// The kinds that come by the million and are told apart by nothing but these groups.
    private static let planKinds: Set<String> = ["declaration", "service", "cost_share"]

    /// Takes a declaration stored in the `declarations` table.
    mutating func declaration(_ imported: ImportedRecord, ente: EnteRef, year: Int) {
        if declarations.insert(EnteYear(ente: ente, year: year)).inserted { records.append(imported) }
    }

    /// Takes a record stored in `records` as `encoded`.
    mutating func row(_ imported: ImportedRecord, encoded: EncodedRecord) {
        guard Self.planKinds.contains(encoded.kind) else { return records.append(imported) }
        let group = Group(kind: encoded.kind, ente: encoded.ente, year: encoded.year, ambito: encoded.ambito)
        if groups.insert(group).inserted { records.append(imported) }
    }
}
