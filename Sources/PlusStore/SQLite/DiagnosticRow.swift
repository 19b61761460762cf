import GRDB
import PlusModel

/// A row of the `diagnostics` table: one diagnostic of a submission, both languages kept.
///
/// Written and read column by column, like ``SubmissionRow``: every file stores at least two
/// diagnostics (its encoding and delimiter), and GRDB's `Codable` path cost more than the insert.
struct DiagnosticRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "diagnostics"

    var submissionId: Int64
    var ordinal: Int
    var code: String
    var severity: String
    var file: String
    var line: Int?
    var columnName: String?
    var xpath: String?
    var found: String?
    var expected: String?
    var messageIt: String
    var messageEn: String

    init(_ diagnostic: Diagnostic, submission: Int64, ordinal: Int) {
        submissionId = submission
        self.ordinal = ordinal
        code = diagnostic.code
        severity = diagnostic.severity.rawValue
        file = diagnostic.location.file
        line = diagnostic.location.line
        columnName = diagnostic.location.column
        xpath = diagnostic.location.xpath
        found = diagnostic.found
        expected = diagnostic.expected
        messageIt = diagnostic.message.it
        messageEn = diagnostic.message.en
    }

    init(row: Row) {
        submissionId = row["submission_id"]
        ordinal = row["ordinal"]
        code = row["code"]
        severity = row["severity"]
        file = row["file"]
        line = row["line"]
        columnName = row["column_name"]
        xpath = row["xpath"]
        found = row["found"]
        expected = row["expected"]
        messageIt = row["message_it"]
        messageEn = row["message_en"]
    }

    func encode(to container: inout PersistenceContainer) {
        container["submission_id"] = submissionId
        container["ordinal"] = ordinal
        container["code"] = code
        container["severity"] = severity
        container["file"] = file
        container["line"] = line
        container["column_name"] = columnName
        container["xpath"] = xpath
        container["found"] = found
        container["expected"] = expected
        container["message_it"] = messageIt
        container["message_en"] = messageEn
    }

    var diagnostic: Diagnostic {
        Diagnostic(
            code: code, severity: Severity(rawValue: severity) ?? .error,
            location: SourceLocation(file: file, line: line, column: columnName, xpath: xpath),
            found: found, expected: expected, message: LocalizedText(it: messageIt, en: messageEn))
    }
}

/// A row of the `rejected_rows` table: the raw cells and the reasons, as JSON.
struct RejectedRowRow: SnakeCaseRecord, PersistableRecord {
    static let databaseTableName = "rejected_rows"

    var submissionId: Int64
    var ordinal: Int
    var line: Int
    var cells: [String]
    var reasons: [Diagnostic]

    init(_ row: RejectedRow, submission: Int64, ordinal: Int) {
        submissionId = submission
        self.ordinal = ordinal
        line = row.line
        cells = row.cells
        reasons = row.reasons
    }

    var rejectedRow: RejectedRow { RejectedRow(line: line, cells: cells, reasons: reasons) }

    /// A rejected row with its cells and reasons encoded as GRDB's record insert encodes them,
    /// to go in many to a statement (``RowBatch``): a file can reject every one of its rows.
    struct Encoded: ValueBoundRow {
        let line: Int
        let cells: String
        let reasons: String

        init(_ row: RejectedRow) throws {
            line = row.line
            cells = try Self.json(row.cells, column: "cells")
            reasons = try Self.json(row.reasons, column: "reasons")
        }

        /// The column's JSON text, written by the encoder GRDB uses for it.
        private static func json(_ value: some Encodable, column: String) throws -> String {
            String(decoding: try RejectedRowRow.databaseJSONEncoder(for: column).encode(value), as: UTF8.self)
        }

        static func insertSQL(rows: Int) -> String {
            batchInserts[rows] ?? writeInsertSQL(rows: rows)
        }

        /// The inserts a ``RowBatch`` runs, written once (as ``EncodedRecord``'s).
        private static let batchInserts = RowBatch<Encoded>.insertSizes(writing: writeInsertSQL(rows:))

        private static func writeInsertSQL(rows: Int) -> String {
            "INSERT INTO rejected_rows (submission_id, ordinal, line, cells, reasons) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        }

        func bind(submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
            binder.bind(submission)
            binder.bind(ordinal)
            binder.bind(line)
            binder.bind(cells)
            binder.bind(reasons)
        }
    }
}

extension DiagnosticRow: ValueBoundRow {
    /// The insert of `rows` diagnostics in one statement: a file has at least two (its encoding
    /// and delimiter), an Italy-year twenty thousand, once each a statement of its own.
    static func insertSQL(rows: Int) -> String {
        batchInserts[rows] ?? writeInsertSQL(rows: rows)
    }

    /// The inserts a ``RowBatch`` runs, written once (as ``EncodedRecord``'s).
    private static let batchInserts = RowBatch<DiagnosticRow>.insertSizes(writing: writeInsertSQL(rows:))

    private static func writeInsertSQL(rows: Int) -> String {
        """
        INSERT INTO diagnostics (submission_id, ordinal, code, severity, file, line, column_name, xpath, found, expected, \
        message_it, message_en) VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        """
    }

    /// Binds the columns of ``encode(to:)``, in the order of ``insertSQL(rows:)``.
    func bind(submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        binder.bind(submission)
        binder.bind(ordinal)
        binder.bind(code)
        binder.bind(severity)
        binder.bind(file)
        binder.bind(line)
        binder.bind(columnName)
        binder.bind(xpath)
        binder.bind(found)
        binder.bind(expected)
        binder.bind(messageIt)
        binder.bind(messageEn)
    }
}
