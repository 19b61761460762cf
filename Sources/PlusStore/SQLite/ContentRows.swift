import PlusModel

/// The rows a submission recorded whole inserts, each with its ordinal, sorted by table and ready to
/// bind: made on the thread that read the file, so that the store's one writing thread only binds
/// and steps (``SQLiteStore/insertContents(_:submission:in:)``).
///
/// Declarations and cost shares are made into their narrow tables' rows straight from the records
/// (``append(_:source:)``); rows of `records` are packed as bytes (``PackedRecord``), as a streamed
/// file's are: handed over as ``EncodedRecord``s, each held a dozen texts that the store's thread
/// retained, bound one by one and released.
///
/// A row of `records` without a year of its own takes the submission's, `year`: the year the store
/// resolves without reading itself (``SubjectResolution/year(of:override:)``). Should the store
/// resolve another (a caller's subject), ``dated(_:)`` gives those rows that one.
///
/// ```swift
/// var contents = ContentRows(year: 2019, diagnostics: result.diagnostics)     // any thread
/// for imported in result.records { try contents.append(imported, source: source) }
/// try store.insertContents(contents, submission: id, in: db)                  // the writer
/// ```
struct ContentRows: Sendable {
    /// The year given to the rows of `records` without one.
    private(set) var year: Int?
    private(set) var records: [(row: PackedRecord, ordinal: Int)] = []
    private(set) var declarations: [(row: DeclarationRows.Row, ordinal: Int)] = []
    private(set) var costShares: [(row: CostShareRows.Row, ordinal: Int)] = []
    private(set) var diagnostics: [(row: DiagnosticRow, ordinal: Int)] = []
    /// The positions in `records` of the rows that took `year`, having none of their own.
    private var undated: [Int] = []
    /// The positions in `costShares` of the rows that took `year` (a cost share has none of its own).
    private var undatedCostShares: [Int] = []
    private var packer = RecordPacker()
    /// How many records the submission has, in all three tables.
    var count: Int { records.count + declarations.count + costShares.count }

    /// No rows yet: `year` is the one given to the rows without one, `diagnostics` the file's.
    init(year: Int?, diagnostics: [Diagnostic]) {
        self.year = year
        self.diagnostics = diagnostics.enumerated().map { ordinal, diagnostic in
            (DiagnosticRow(diagnostic, submission: 0, ordinal: ordinal), ordinal)
        }
    }

    /// `rows` are the submission's records in their row form, in order; the submission is set when they are inserted.
    init(rows: [EncodedRecord], diagnostics: [Diagnostic], year: Int?) {
        self.init(year: year, diagnostics: diagnostics)
        for row in rows { append(row) }
    }

    /// Appends a record read from the file whose checksum and cited name are `source`'s.
    ///
    /// A declaration or cost share that its table keeps whole is made into that table's row
    /// straight from its fields, as a streamed sheet's are (``SQLiteStore/StreamingSubmission``):
    /// encoded as a row of `records` first, an Italy-year's 2.5 million of them each wrote out
    /// its kind, its ente and a dozen empty columns only to be read back, a quarter of the
    /// import's writing thread. Any other record goes through ``EncodedRecord``, the reference.
    mutating func append(_ imported: ImportedRecord, source: Provenance) throws {
        let (line, xpath) = (imported.provenance.line, imported.provenance.xpath)
        // The row it is stored as: a record citing exactly that row is kept without the citation.
        let own = Provenance(file: source.file, sha256: source.sha256, line: line, xpath: xpath)
        switch imported.record {
        case .declaration(let declaration):
            if DeclarationRows.holds(declaration, importedWith: own) {
                declarations.append(
                    (DeclarationRows.Row(declaration, ente: StoredEnte(declaration.ente), line: line, xpath: xpath), count))
                return
            }
        case .costShare(let share):
            if CostShareRows.holds(share, importedWith: own) {
                // A cost share has no year of its own: it takes the submission's.
                undatedCostShares.append(costShares.count)
                costShares.append((CostShareRows.Row(share, year: year, line: line, xpath: xpath), count))
                return
            }
        default:
            break
        }
        append(try EncodedRecord(imported, source: source))
    }

    /// Appends a record in its row form, to the table that keeps it.
    mutating func append(_ row: EncodedRecord) {
        let ordinal = count
        if DeclarationRows.holds(row) {
            declarations.append((DeclarationRows.Row(encoded: row), ordinal))
        } else if CostShareRows.holds(row) {
            var share = CostShareRows.Row(encoded: row)
            if share.year == nil {
                share.year = year
                undatedCostShares.append(costShares.count)
            }
            costShares.append((share, ordinal))
        } else if row.year == nil {
            var dated = row
            dated.year = year
            undated.append(records.count)
            records.append((packer.pack(dated), ordinal))
        } else {
            records.append((packer.pack(row), ordinal))
        }
    }

    /// The same rows, those without a year of their own given `year` instead.
    func dated(_ year: Int?) -> ContentRows {
        guard year != self.year else { return self }
        var copy = self
        copy.year = year
        for position in undated { copy.records[position].row.year = year.map(Int64.init) }
        for position in undatedCostShares { copy.costShares[position].row.year = year }
        return copy
    }
}
