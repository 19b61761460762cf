import Foundation
import GRDB
import PlusModel

/// A row of the `submissions` table.
struct SubmissionRow: SnakeCaseRecord, MutablePersistableRecord {
    static let databaseTableName = "submissions"

    var id: Int64?
    var file: String
    var sha256: String
    var byteCount: Int
    var mapping: String
    var mappingVersion: Int
    var status: String
    var ente: String?
    var ambito: String?
    var year: Int?
    var keyKind: String?
    var keyScope: String?
    var keyYear: Int?
    var receivedAt: Date
    var storedAt: Date
    var importedBy: String?
    var rowsRead: Int
    var rowsAccepted: Int
    var rowsRejected: Int
    var recordCount: Int
    var details: [String: String]
    var supersededBy: Int64?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(
        result: ImportResult, subject: SubmissionSubject, key: SupersedeKey?, receivedAt: Date, storedAt: Date,
        importedBy: String?
    ) {
        file = result.file
        sha256 = result.sha256
        byteCount = result.byteCount
        mapping = result.mapping
        mappingVersion = result.mappingVersion
        status = (result.status == .accepted ? SubmissionStatus.accepted : .rejected).rawValue
        ente = subject.ente?.description
        ambito = subject.ambito
        year = subject.year
        keyKind = key?.kind
        keyScope = key?.scope
        keyYear = key?.year
        self.receivedAt = receivedAt
        self.storedAt = storedAt
        self.importedBy = importedBy
        rowsRead = result.rowsRead
        rowsAccepted = result.rowsAccepted
        rowsRejected = result.rowsRejected
        recordCount = result.records.count
        details = result.details
    }

    var submission: Submission {
        Submission(
            id: id ?? 0, file: file, sha256: sha256, byteCount: byteCount, mapping: mapping,
            mappingVersion: mappingVersion, status: SubmissionStatus(rawValue: status) ?? .rejected,
            subject: SubmissionSubject(ente: ente.flatMap { EnteRef(parsing: $0) }, ambito: ambito, year: year),
            key: keyKind.flatMap { kind in keyScope.map { SupersedeKey(kind: kind, scope: $0, year: keyYear) } },
            receivedAt: receivedAt, storedAt: storedAt, importedBy: importedBy, rowsRead: rowsRead,
            rowsAccepted: rowsAccepted, rowsRejected: rowsRejected, recordCount: recordCount, details: details,
            supersededBy: supersededBy)
    }
}

extension SubmissionRow {
    enum Columns {
        static let id = Column("id")
        static let status = Column("status")
        static let ente = Column("ente")
        static let ambito = Column("ambito")
        static let year = Column("year")
    }

    /// The stored submission of the same bytes, read with the same mapping version, of the
    /// same kind, ente and year, if any.
    ///
    /// The Ambito is left out on purpose: it may be resolved from reference data saved after
    /// the first import, and the same bytes must still be recognised.
    static func duplicate(of row: SubmissionRow, in db: Database) throws -> SubmissionRow? {
        // Cached statements, as for every query a submission runs: an inbox has thousands of files.
        try SubmissionRow.fetchOne(
            db.cachedStatement(sql: """
                SELECT * FROM submissions
                WHERE sha256 = ? AND mapping = ? AND mapping_version = ? AND key_kind IS ? AND ente IS ? AND year IS ?
                ORDER BY id DESC LIMIT 1
                """),
            arguments: [row.sha256, row.mapping, row.mappingVersion, row.keyKind, row.ente, row.year])
    }

    /// The submissions a new accepted one with `key` replaces: the current and the rejected.
    static func replaceable(by key: SupersedeKey, excluding id: Int64, in db: Database) throws -> [SubmissionRow] {
        try SubmissionRow.fetchAll(
            db.cachedStatement(sql: """
                SELECT * FROM submissions
                WHERE key_kind = ? AND key_scope = ? AND key_year IS ? AND status != 'superseded' AND id != ?
                ORDER BY id
                """),
            arguments: [key.kind, key.scope, key.year, id])
    }
}
