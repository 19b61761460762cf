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
        let prefix = "comune:"
        if text.hasPrefix(prefix) {
            let code = text.utf8.dropFirst(prefix.utf8.count)
            if code.count == 6, code.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
               let value = Int64(Substring(code)) {
                return value.databaseValue
            }
        }
        return text.databaseValue
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

    /// Inserts a row that ``holds(_:)``.
    static func insert(_ row: EncodedRecord, submission: Int64, ordinal: Int, using statement: Statement, in db: Database) throws {
        let values: [DatabaseValue] = [
            submission.databaseValue, Int64(ordinal).databaseValue, row.line.map(Int64.init).databaseValue,
            row.xpath.databaseValue, row.year.map(Int64.init).databaseValue, stored(ente: row.ente),
            row.service.databaseValue, row.amountCents.databaseValue, row.columns.note.databaseValue,
            row.columns.approvedOn.databaseValue,
        ]
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (index, value) in values.enumerated() {
            let code = value.bind(to: handle, at: Int32(index + 1))
            guard code == SQLITE_OK else { throw failure(code, statement: statement, in: db) }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw failure(code, statement: statement, in: db) }
    }

    private static func failure(_ code: Int32, statement: Statement, in db: Database) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
    }

    /// The declarations of one submission in the columns of ``RecordQuery/columns``, for a union
    /// with a query of `records` (`?` is the submission).
    static let ofSubmission = """
        SELECT \(columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id WHERE d.submission_id = ?
        """
}
