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
/// let insert = try DeclarationRows.insertStatement(in: db)
/// try DeclarationRows.insert(record, submission: id, ordinal: 0, using: insert, in: db)
/// ```
enum DeclarationRows {
    /// The columns of ``RecordQuery/columns``, in their order, read from a declaration row `d`:
    /// every reader of records reads declarations the same way.
    static let columns = """
        '' AS payload, d.line, d.xpath, s.file, s.sha256, s.id AS sid, d.ordinal AS ord, \
        'declaration' AS kind, \(enteText) AS ente, d.year, d.service, d.amount_cents, d.note, d.approved_on
        """ + PlanColumns.names.dropFirst(2).map { ", NULL AS " + $0 }.joined()

    /// The ente of row `d` as `records` keeps it (`comune:095038`).
    static let enteText = "CASE typeof(d.ente) WHEN 'integer' THEN 'comune:' || printf('%06d', d.ente) ELSE d.ente END"

    /// The ente as the table keeps it: a Comune's six-digit ISTAT code as an integer, any other
    /// ente (or a code of another form, which an integer could not give back) as its text.
    static func stored(ente text: String?) -> DatabaseValue {
        guard let text else { return .null }
        return comuneCode(text).map(\.databaseValue) ?? text.databaseValue
    }

    /// The code of `comune:095038` as an integer, `nil` for any other text.
    private static func comuneCode(_ text: String) -> Int64? {
        let prefix = "comune:"
        guard text.hasPrefix(prefix) else { return nil }
        let code = text.utf8.dropFirst(prefix.utf8.count)
        guard code.count == 6, code.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(Substring(code))
    }

    /// Whether `row` of `records` goes into this table: a declaration whole in its columns.
    static func holds(_ row: EncodedRecord) -> Bool {
        row.kind == "declaration" && row.payload.isEmpty && row.year != nil
    }

    private static let insertSQL = """
        INSERT INTO declarations (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, note, approved_on)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The insert ``insert(_:submission:ordinal:using:in:)`` runs, prepared once per submission.
    static func insertStatement(in db: Database) throws -> Statement {
        try db.makeStatement(sql: insertSQL)
    }

    /// The insert through GRDB's cache, for a submission recorded whole.
    static func cachedInsertStatement(in db: Database) throws -> Statement {
        try db.cachedStatement(sql: insertSQL)
    }

    /// Inserts a row that ``holds(_:)``, bound with SQLite's own calls (``StatementBinder``).
    static func insert(_ row: EncodedRecord, submission: Int64, ordinal: Int, using statement: Statement, in db: Database) throws {
        var binder = StatementBinder(statement)
        binder.bind(submission)
        binder.bind(ordinal)
        binder.bind(row.line)
        binder.bind(row.xpath)
        binder.bind(row.year)
        if let ente = row.ente, let code = comuneCode(ente) { binder.bind(code) } else { binder.bind(row.ente) }
        binder.bind(row.service)
        binder.bind(row.amountCents)
        binder.bind(row.columns.note)
        binder.bind(row.columns.approvedOn)
        try binder.step(in: db)
    }

    /// The declarations of one submission in the columns of ``RecordQuery/columns``, for a union
    /// with a query of `records` (`?` is the submission).
    static let ofSubmission = """
        SELECT \(columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id WHERE d.submission_id = ?
        """
}
