import GRDB
import PlusModel

/// A row of the `diagnostics` table: one diagnostic of a submission, both languages kept.
struct DiagnosticRow: SnakeCaseRecord, PersistableRecord {
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
}
