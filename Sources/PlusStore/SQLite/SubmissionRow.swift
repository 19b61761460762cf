import Foundation
import GRDB
import PlusModel
import Synchronization

/// A row of the `submissions` table.
///
/// Its columns are read and written by hand: GRDB's `Codable` path (snake-case names converted
/// on every row, a `JSONEncoder` made for the details) took about 0.4 ms a row each way, and an
/// Italy-year stores 10,311 submissions.
struct SubmissionRow: FetchableRecord, MutablePersistableRecord {
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
    /// The file its rows cite when it is not ``file``: a workbook's sheet, `piano.xlsx[Riparto]`
    /// (schema v13). Reading a row back cites this, else ``file``.
    var citedFile: String?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(row: Row) throws {
        id = row["id"]
        file = row["file"]
        sha256 = row["sha256"]
        byteCount = row["byte_count"]
        mapping = row["mapping"]
        mappingVersion = row["mapping_version"]
        status = row["status"]
        ente = row["ente"]
        ambito = row["ambito"]
        year = row["year"]
        keyKind = row["key_kind"]
        keyScope = row["key_scope"]
        keyYear = row["key_year"]
        receivedAt = row["received_at"]
        storedAt = row["stored_at"]
        importedBy = row["imported_by"]
        rowsRead = row["rows_read"]
        rowsAccepted = row["rows_accepted"]
        rowsRejected = row["rows_rejected"]
        recordCount = row["record_count"]
        details = try Self.details(row["details"])
        supersededBy = row["superseded_by"]
        citedFile = row["cited_file"]
    }

    /// The details column's object, read by hand when it is spelt as the store writes it.
    static func details(_ text: String) throws -> [String: String] {
        if let details = PlanRecordJSON.decodeStrings(text) { return details }
        return try RecordCoding.decoder.decode([String: String].self, from: Data(text.utf8))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["file"] = file
        container["sha256"] = sha256
        container["byte_count"] = byteCount
        container["mapping"] = mapping
        container["mapping_version"] = mappingVersion
        container["status"] = status
        container["ente"] = ente
        container["ambito"] = ambito
        container["year"] = year
        container["key_kind"] = keyKind
        container["key_scope"] = keyScope
        container["key_year"] = keyYear
        container["received_at"] = receivedAt
        container["stored_at"] = storedAt
        container["imported_by"] = importedBy
        container["rows_read"] = rowsRead
        container["rows_accepted"] = rowsAccepted
        container["rows_rejected"] = rowsRejected
        container["record_count"] = recordCount
        container["details"] = try Self.detailsText(details)
        container["superseded_by"] = supersededBy
        container["cited_file"] = citedFile
    }

    /// Inserts the row as ``encode(to:)`` writes it, with a statement compiled once: GRDB's
    /// record insert built its statement's arguments through a container of every column, which
    /// cost the store's thread a tenth of an Italy-year's small files.
    mutating func insertRow(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: [
            id, file, sha256, byteCount, mapping, mappingVersion, status, ente, ambito, year, keyKind, keyScope, keyYear,
            Self.stored(receivedAt).value, Self.stored(storedAt).value, importedBy, rowsRead, rowsAccepted, rowsRejected, recordCount,
            try Self.detailsText(details), supersededBy, citedFile,
        ])
        id = db.lastInsertedRowID
    }

    /// The `details` column: ``RecordCoding/writer``'s JSON of `details`, remembered for the
    /// dictionaries seen last. A CSV sheet's details are its encoding, delimiter, target and a
    /// few counts, so an inbox's ten thousand files share a handful of them, and the encoder
    /// cost the store's thread about 60,000 instructions a file.
    static func detailsText(_ details: [String: String]) throws -> String {
        try detailsTexts.value(for: details) { details in try RecordCoding.writer.string(details) }
    }

    /// The dictionaries ``detailsText(_:)`` remembers, at most 64: an inbox of details all
    /// different (rejected-row counts, say) keeps no more than this.
    static let detailsTexts = BoundedMemo<[String: String], String>(capacity: 64)

    /// The insert of ``insertRow(_:)``: the columns of ``encode(to:)``, in its order.
    private static let insertSQL = """
        INSERT INTO submissions (id, file, sha256, byte_count, mapping, mapping_version, status, ente, ambito, year, \
        key_kind, key_scope, key_year, received_at, stored_at, imported_by, rows_read, rows_accepted, rows_rejected, \
        record_count, details, superseded_by, cited_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

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

    /// The row as reading it back from the table gives it: its dates as their stored text tells
    /// them (to the millisecond), through the same conversions GRDB writes and reads them with.
    /// Every other column comes back as it went in.
    var asStored: SubmissionRow {
        var stored = self
        stored.receivedAt = Self.asStored(receivedAt)
        stored.storedAt = Self.asStored(storedAt)
        return stored
    }

    private static func asStored(_ date: Date) -> Date {
        stored(date).date
    }

    /// A date as the store writes it (GRDB's text, through a date formatter) and as reading that
    /// text back gives it, remembered for the last two dates: every file of a run has the same
    /// time of receipt, and its time of storing is written and then given back as stored. Each
    /// file formatted four dates and parsed two.
    static func stored(_ date: Date) -> (value: DatabaseValue, date: Date) {
        if let known = storedDates.withLock({ dates in dates.first { $0.0 == date } }) { return (known.1, known.2) }
        let value = date.databaseValue
        let back = Date.fromDatabaseValue(value) ?? date
        storedDates.withLock { dates in
            dates.insert((date, value, back), at: 0)
            if dates.count > 2 { dates.removeLast() }
        }
        return (value, back)
    }

    private static let storedDates = Mutex<[(Date, DatabaseValue, Date)]>([])

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
    /// same kind, ente and year, if any, unless a later version replaced it.
    ///
    /// The Ambito is left out on purpose: it may be resolved from reference data saved after
    /// the first import, and the same bytes must still be recognised. A replaced version sent
    /// again is no duplicate: a Comune that sends back its first sheet after a second one takes
    /// the second back, and the latest sheet sent is the current one (it was called "already
    /// imported" and the second stayed current, the sender told nothing had changed).
    static func duplicate(of row: SubmissionRow, in db: Database) throws -> SubmissionRow? {
        // Cached statements, as for every query a submission runs: an inbox has thousands of files.
        try SubmissionRow.fetchOne(db.cachedStatement(sql: duplicateSQL),
            arguments: [row.sha256, row.mapping, row.mappingVersion, row.keyKind, row.ente, row.year])
    }

    /// The query of ``duplicate(of:in:)``, found through the file's checksum (`submissions_by_bytes`).
    ///
    /// The `+` keeps SQLite from the other indexes its conditions could use: left to choose, it
    /// took the one by ente and year, and a file with no ente (a capofila's plan table, the
    /// reference files) read every such submission of its year to find none of the same bytes:
    /// an Italy-year's 1,202 plan tables read some 720,000 rows, three years nine times as many.
    static let duplicateSQL = """
        SELECT * FROM submissions
        WHERE sha256 = ? AND mapping = ? AND mapping_version = ? AND +key_kind IS ? AND +ente IS ? AND +year IS ?
        AND status != 'superseded'
        ORDER BY id DESC LIMIT 1
        """

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

extension ImportResult {
    /// The file its rows are stored as citing (`submissions.cited_file`): the first record's, a
    /// workbook's sheet as `piano.xlsx[Riparto]`, else the file's own name. A record citing
    /// another keeps its citation in its payload.
    var citedFile: String { records.first?.provenance.file ?? file }
}
