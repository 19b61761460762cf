import GRDB
import GRDBSQLite
import PlusModel

/// The `cost_shares` table (schema v12): a cost share whole in columns, in a narrow row of its own.
///
/// The capofila's cost split is an Ambito's largest file: an Italy-year's 1.1 million cost shares
/// were nine rows in ten of the wide `records` table, each binding and storing 37 columns of
/// which 28 were NULL, and an entry of the index by submission. Here a row is the submission and
/// the record's place in it (its key, so the rows go in in order and need no other index: the
/// assembly reads them by submission), the line or XPath, the year, the ente (``StoredEnte``),
/// the service, the amount in integer cents and the basis points of a stated percentage. A cost
/// share with a provenance of its own keeps its JSON in `records`, still read there.
///
/// ```swift
/// var batch = try CostShareRows.Batch(submission: id, in: db)
/// try batch.append(CostShareRows.Row(encoded: record), ordinal: 0, in: db)
/// try batch.flush(in: db)
/// ```
enum CostShareRows {
    /// The columns of ``RecordQuery/columns``, in their order, read from a cost share row `c`:
    /// every reader of records reads cost shares the same way. The ente is as the table keeps
    /// it (``StoredEnte``), which ``StoredColumns/ente(at:)`` reads as it reads `records`' text.
    static let columns = """
        '' AS payload, c.line, c.xpath, \(RecordQuery.citedFile) AS file, s.sha256, s.id AS sid, c.ordinal AS ord, \
        'cost_share' AS kind, c.ente, c.year, c.service, c.amount_cents, \
        NULL AS note, NULL AS approved_on, c.basis_points
        """ + PlanColumns.names.dropFirst(3).map { ", NULL AS " + $0 }.joined()

    /// Whether `row` of `records` goes into this table: a cost share whole in its columns. Its year
    /// is the submission's, which a streamed file may learn only at its end (`NULL` until then).
    static func holds(_ row: EncodedRecord) -> Bool {
        row.kind == "cost_share" && row.payload.isEmpty && row.ente != nil && row.service != nil && row.amountCents != nil
    }

    /// Whether `share`, imported with `provenance`, goes into this table: the test of ``holds(_:)``
    /// without encoding the record first. It cites no row but its own, which reading puts back.
    static func holds(_ share: borrowing CostShare, importedWith provenance: borrowing Provenance) -> Bool {
        // Unwrapped before comparing, as ``DeclarationRows/holds(_:importedWith:)`` does.
        if let own = share.provenance, own != provenance { return false }
        return true
    }

    /// The inserts a ``RowBatch`` runs, written once (as ``EncodedRecord``'s).
    fileprivate static let batchInserts = RowBatch<Row>.insertSizes(writing: writeInsertSQL(rows:))

    fileprivate static func writeInsertSQL(rows: Int) -> String {
        """
        INSERT INTO cost_shares (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, basis_points)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        """
    }

    /// The columns of a cost share that ``holds(_:)``, made on the reading thread: only what the
    /// table keeps, the service inline when it fits (``InlineTexts``), so that the store's thread
    /// binds it without a reference count or a `free` of its own.
    struct Row {
        /// The service when it fits (and there is no XPath), else ``InlineTexts/none``. The first
        /// field, so that a row's address is the service's (``inlineIsFirst``).
        var inline: InlineTexts
        var line: Int?
        /// The submission's year; `nil` while a streamed file's is not known yet.
        var year: Int?
        var ente: StoredEnte
        var amountCents: Int64
        var basisPoints: Int64?
        /// The XPath and the service when they are not ``inline``; `nil` when it is (as a
        /// declaration's row, ``DeclarationRows/Row/spelled``).
        var spelled: SpelledTexts?

        /// Whether ``inline`` lies at the row's start, where binding reads it (tested).
        static var inlineIsFirst: Bool { MemoryLayout<Row>.offset(of: \Row.inline) == 0 }

        /// The columns of a cost share that ``holds(_:importedWith:)``, taken straight from its fields.
        init(_ share: borrowing CostShare, year: Int?, line: Int?, xpath: String?) {
            self.init(
                line: line, xpath: xpath, year: year, ente: StoredEnte(share.ente), amountCents: share.amount.cents,
                basisPoints: share.basisPoints, service: share.service)
        }

        /// The row of a cost share encoded as a row of `records` first, which ``holds(_:)``.
        init(encoded row: EncodedRecord) {
            precondition(CostShareRows.holds(row), "a row of the cost_shares table is a cost share whole in columns")
            self.init(
                line: row.line, xpath: row.xpath, year: row.year, ente: StoredEnte(text: row.ente!), amountCents: row.amountCents!,
                basisPoints: row.columns.basisPoints, service: row.service!)
        }

        private init(line: Int?, xpath: String?, year: Int?, ente: StoredEnte, amountCents: Int64, basisPoints: Int64?, service: String) {
            (self.line, self.year, self.ente, self.amountCents, self.basisPoints) = (line, year, ente, amountCents, basisPoints)
            if xpath == nil, let inline = InlineTexts(service: service, note: nil, approvedOn: nil) {
                (self.inline, spelled) = (inline, nil)
            } else {
                (inline, spelled) = (.none, SpelledTexts(xpath: xpath, service: service, note: nil, approvedOn: nil))
            }
        }
    }

    /// The cost shares of one submission, inserted several to a statement.
    typealias Batch = RowBatch<Row>

    /// The cost shares of one submission in the columns of ``RecordQuery/columns``, for a union
    /// with a query of `records` (`?` is the submission).
    static let ofSubmission = """
        SELECT \(columns) FROM cost_shares c JOIN submissions s ON s.id = c.submission_id WHERE c.submission_id = ?
        """
}

extension CostShareRows.Row: BatchedRow {
    static func insertSQL(rows: Int) -> String {
        CostShareRows.batchInserts[rows] ?? CostShareRows.writeInsertSQL(rows: rows)
    }

    /// Binds the columns in the order of the insert, the inline service where it lies: `row`
    /// stays where it is until the statement has run.
    static func bind(at row: UnsafePointer<Self>, submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        binder.bind(submission)
        binder.bind(ordinal)
        binder.bind(row.pointee.line)
        if let spelled = row.pointee.spelled {
            binder.bind(spelled.xpath)
            row.pointee.bindMiddle(to: &binder)
            binder.bind(spelled.service)
        } else {
            binder.bind(String?.none)
            row.pointee.bindMiddle(to: &binder)
            // The row's first field (``inlineIsFirst``).
            InlineTexts.withTexts(at: UnsafeRawPointer(row).assumingMemoryBound(to: InlineTexts.self)) { service, _, _ in
                binder.bind(stableUTF8: service)
            }
        }
        binder.bind(row.pointee.amountCents)
        binder.bind(row.pointee.basisPoints)
    }

    /// The year and the ente, between the XPath and the service.
    private func bindMiddle(to binder: inout StatementBinder) {
        binder.bind(year)
        ente.bind(to: &binder)
    }
}
