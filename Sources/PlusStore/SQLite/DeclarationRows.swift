import GRDB
import GRDBSQLite
import PlusModel

/// The `declarations` table (schema v8): a declaration whole in columns, in a narrow row of its own.
///
/// A sheet's millions of declarations once filled the wide `records` table, whose row carried a
/// byte of header for each of the service's 28 empty columns, the kind spelt out, and the ente as
/// `comune:` and its code. Here a row is the submission and the record's place in it (its key),
/// the line or XPath, the year, the ente (a Comune's ISTAT code as an integer, any other ente as
/// its text), the service, the amount in integer cents, the note and the date of the act. A
/// declaration with a provenance of its own keeps its JSON in `records`, still read there.
///
/// ```swift
/// var batch = try DeclarationRows.Batch(submission: id, in: db)
/// try batch.append(DeclarationRows.Row(encoded: record), ordinal: 0, in: db)
/// try batch.flush(in: db)
/// ```
enum DeclarationRows {
    /// The columns of ``RecordQuery/columns``, in their order, read from a declaration row `d`:
    /// every reader of records reads declarations the same way. The ente is as the table keeps
    /// it (``StoredEnte``), which ``StoredColumns/ente(at:)`` reads as it reads `records`' text.
    static let columns = """
        '' AS payload, d.line, d.xpath, \(RecordQuery.citedFile) AS file, s.sha256, s.id AS sid, d.ordinal AS ord, \
        'declaration' AS kind, d.ente, d.year, d.service, d.amount_cents, d.note, d.approved_on
        """ + PlanColumns.names.dropFirst(2).map { ", NULL AS " + $0 }.joined()

    /// Whether `row` of `records` goes into this table: a declaration whole in its columns.
    static func holds(_ row: EncodedRecord) -> Bool {
        row.kind == "declaration" && row.payload.isEmpty && row.year != nil && row.ente != nil && row.service != nil
            && row.amountCents != nil
    }

    /// Whether `declaration`, imported with `provenance`, goes into this table: the test of
    /// ``holds(_:)`` without encoding the record first. It cites no row but its own (which
    /// reading puts back) and its date reads back as the same date (``PlanColumns``).
    static func holds(_ declaration: borrowing Declaration, importedWith provenance: borrowing Provenance) -> Bool {
        // Unwrapped before comparing: `Optional == Provenance` copied both into a pair first, six
        // reference counts up and down per row of a streamed sheet.
        if let own = declaration.provenance, own != provenance { return false }
        guard let date = declaration.approvedOn else { return true }
        return CivilDate(iso: date.description) == date
    }

    /// The insert of `rows` rows in one statement.
    fileprivate static func insertSQL(rows: Int) -> String {
        batchInserts[rows] ?? writeInsertSQL(rows: rows)
    }

    /// The inserts a ``RowBatch`` runs, written once (as ``EncodedRecord``'s).
    private static let batchInserts = RowBatch<Row>.insertSizes(writing: writeInsertSQL(rows:))

    private static func writeInsertSQL(rows: Int) -> String {
        """
        INSERT INTO declarations (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, note, approved_on)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        """
    }

    /// The columns of a declaration that ``holds(_:importedWith:)``, taken straight from its
    /// fields: a streamed sheet's millions of rows are not encoded as a `records` row first (the
    /// record copied without its citation, twelve funding slots, the ente written out and read
    /// back). Only what the table keeps, so that handing it to the store's thread copies little;
    /// short texts are copied into the row itself (``InlineTexts``), so that the store's thread
    /// moves, binds and frees a Comune's row without a reference count or a `free` of its own.
    struct Row {
        /// The row's texts when they fit (and there is no XPath), else ``InlineTexts/none``. The
        /// first field, so that a row's address is theirs (``inlineIsFirst``).
        var inline: InlineTexts
        var line: Int?
        var year: Int
        var ente: StoredEnte
        var amountCents: Int64
        /// The row's texts when they do not fit in ``inline``; `nil` when they do. Not an enum of
        /// the two: binding a row copied the enum's payload out of it, and destroyed the copy.
        var spelled: SpelledTexts?

        init(_ declaration: borrowing Declaration, ente: StoredEnte, line: Int?, xpath: String?) {
            self.init(
                line: line, xpath: xpath, year: declaration.year, ente: ente, amountCents: declaration.amount.cents,
                service: declaration.service, note: declaration.note, approvedOn: declaration.approvedOn?.description)
        }

        /// The row of a declaration encoded as a row of `records` first, which ``holds(_:)``: a
        /// file recorded whole, or a streamed declaration with a provenance that cites its own row.
        /// Made on the reading thread, so that the store's thread binds inline texts and an ente
        /// already parsed.
        init(encoded row: EncodedRecord) {
            precondition(DeclarationRows.holds(row), "a row of the declarations table is a declaration whole in columns")
            self.init(
                line: row.line, xpath: row.xpath, year: row.year!, ente: StoredEnte(text: row.ente!), amountCents: row.amountCents!,
                service: row.service!, note: row.columns.note, approvedOn: row.columns.approvedOn)
        }

        /// Whether ``inline`` lies at the row's start, where binding reads it (tested).
        static var inlineIsFirst: Bool { MemoryLayout<Row>.offset(of: \Row.inline) == 0 }

        private init(
            line: Int?, xpath: String?, year: Int, ente: StoredEnte, amountCents: Int64, service: String, note: String?, approvedOn: String?
        ) {
            (self.line, self.year, self.ente, self.amountCents) = (line, year, ente, amountCents)
            if xpath == nil, let inline = InlineTexts(service: service, note: note, approvedOn: approvedOn) {
                (self.inline, spelled) = (inline, nil)
            } else {
                (inline, spelled) = (.none, SpelledTexts(xpath: xpath, service: service, note: note, approvedOn: approvedOn))
            }
        }
    }

    /// Binds the columns of the ``Row`` at `row` as the next parameters of `binder`, its inline
    /// texts where they lie: `row` stays where it is until the statement has run.
    fileprivate static func bind(_ row: UnsafePointer<Row>, submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        if let spelled = row.pointee.spelled {
            return bind(
                submission: submission, ordinal: ordinal, line: row.pointee.line, xpath: spelled.xpath, year: row.pointee.year,
                ente: row.pointee.ente, service: spelled.service, amountCents: row.pointee.amountCents, note: spelled.note,
                approvedOn: spelled.approvedOn, to: &binder)
        }
        bindLeading(
            submission: submission, ordinal: ordinal, line: row.pointee.line, xpath: nil, year: row.pointee.year, ente: row.pointee.ente,
            to: &binder)
        InlineTexts.withTexts(at: inlineTexts(of: row)) { service, note, approvedOn in
            binder.bind(stableUTF8: service)
            binder.bind(row.pointee.amountCents)
            binder.bind(stableUTF8: note)
            binder.bind(stableUTF8: approvedOn)
        }
    }

    /// Where the ``Row`` at `row` holds its inline texts: at its start, its first field
    /// (``Row/inlineIsFirst``; a key path's offset is worked out at run time, too dear for every row).
    private static func inlineTexts(of row: UnsafePointer<Row>) -> UnsafePointer<InlineTexts> {
        UnsafeRawPointer(row).assumingMemoryBound(to: InlineTexts.self)
    }

    /// The declarations of one streamed submission, inserted several to a statement.
    typealias Batch = RowBatch<Row>

    /// The one binding of the table's columns, in the order of ``insertSQL(rows:)``.
    fileprivate static func bind(
        submission: Int64, ordinal: Int, line: Int?, xpath: String?, year: Int?, ente: StoredEnte?, service: String?,
        amountCents: Int64?, note: String?, approvedOn: String?, to binder: inout StatementBinder
    ) {
        bindLeading(submission: submission, ordinal: ordinal, line: line, xpath: xpath, year: year, ente: ente, to: &binder)
        binder.bind(service)
        binder.bind(amountCents)
        binder.bind(note)
        binder.bind(approvedOn)
    }

    /// The columns of ``insertSQL(rows:)`` before the service, in its order.
    private static func bindLeading(
        submission: Int64, ordinal: Int, line: Int?, xpath: String?, year: Int?, ente: StoredEnte?, to binder: inout StatementBinder
    ) {
        binder.bind(submission)
        binder.bind(ordinal)
        binder.bind(line)
        binder.bind(xpath)
        binder.bind(year)
        if let ente { ente.bind(to: &binder) } else { binder.bind(String?.none) }
    }

    /// The declarations of one submission in the columns of ``RecordQuery/columns``, for a union
    /// with a query of `records` (`?` is the submission).
    static let ofSubmission = """
        SELECT \(columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id WHERE d.submission_id = ?
        """
}

extension DeclarationRows.Row: BatchedRow {
    static func insertSQL(rows: Int) -> String {
        DeclarationRows.insertSQL(rows: rows)
    }

    static func bind(at row: UnsafePointer<Self>, submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        DeclarationRows.bind(row, submission: submission, ordinal: ordinal, to: &binder)
    }
}
