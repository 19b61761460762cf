import Foundation
import GRDB
import GRDBSQLite
import PlusModel

/// A row of the `records` table but its submission and place: the canonical record in typed
/// columns, with the columns queries filter on.
///
/// A declaration, cost share or service is kept in columns (``PlanColumns``, schema v5), money as
/// integer cents, with an empty payload: the plan's millions of rows. Any other record, or one
/// with a provenance of its own, keeps its `Codable` JSON in the payload, where money is integer
/// cents too; `amount_cents` repeats the main amount for SQL sums.
struct EncodedRecord: Sendable {
    var kind: String
    var ente: String?
    var ambito: String?
    /// The record's own year; the submission's is used when it has none.
    var year: Int?
    var service: String?
    var amountCents: Int64?
    var line: Int?
    var xpath: String?
    var payload: String
    /// What the columns keep of a declaration, cost share or service stored with an empty payload.
    var columns = PlanColumns()

    /// `source` is the submission's file and checksum: a record citing exactly its own row is
    /// stored without the citation, which reading puts back (``CanonicalRecord/citing(_:)``).
    init(_ imported: ImportedRecord, source: Provenance) throws {
        // The record is read where it is, not bound to a local: that copied it (and its strings) for each row.
        kind = imported.record.kindName
        ente = imported.record.ente?.description
        ambito = imported.record.ambito
        year = imported.record.year
        service = imported.record.service
        amountCents = imported.record.amount?.cents
        line = imported.provenance.line
        xpath = imported.provenance.xpath
        let row = Provenance(file: source.file, sha256: source.sha256, line: line, xpath: xpath)
        if let typed = PlanColumns(imported.record, citing: row) {
            (columns, payload) = (typed, "")
        } else {
            payload = try RecordCoding.encode(imported.record.uncited(row))
        }
    }

    /// The payload of a record already without the citation of its own row: empty when the
    /// columns give it back whole.
    static func payload(of uncited: CanonicalRecord) throws -> String {
        isWholeInColumns(uncited) ? "" : try RecordCoding.encode(uncited)
    }

    /// Whether the columns alone give the record back (``PlanColumns``).
    static func isWholeInColumns(_ record: CanonicalRecord) -> Bool {
        PlanColumns(record) != nil
    }

    /// The one writing of the columns but the submission and ordinal, in the order of
    /// ``insertSQL(rows:)``: bound to a statement (``StatementBinder``), or packed as bytes on the
    /// reading thread to be bound on the store's (``PackedRecord``).
    func writeColumns(to writer: inout some ColumnWriter) {
        writer.bind(kind)
        writer.bind(ente)
        writer.bind(ambito)
        // Fourth: a packed row is given another year there (``PackedRecord/year``).
        writer.bind(year.map(Int64.init))
        writer.bind(service)
        writer.bind(amountCents)
        writer.bind(line.map(Int64.init))
        writer.bind(xpath)
        writer.bind(payload)
        writer.bind(columns.note)
        writer.bind(columns.approvedOn)
        writer.bind(columns.basisPoints)
        writer.bind(columns.name)
        writer.bind(columns.area)
        writer.bind(columns.serviceKind)
        writer.bind(columns.management)
        writer.bind(columns.location)
        writer.bind(columns.sharing)
        for cents in columns.funding { writer.bind(cents) }
        writer.bind(columns.planType)
        writer.bind(columns.trienniumStart)
        writer.bind(columns.planVersion)
        writer.bind(columns.approvedBy)
        writer.bind(columns.copaymentRule)
        // A column added to ``PlanColumns`` but not written here would be stored as NULL without a word
        // (``StatementBinder/step(in:)`` refuses a statement with a parameter left unbound).
    }

    static let columnNames =
        ["submission_id", "ordinal", "kind", "ente", "ambito", "year", "service", "amount_cents", "line", "xpath", "payload"]
        + PlanColumns.names
}

extension EncodedRecord: ValueBoundRow {
    /// The insert of `rows` rows of `records` in one statement.
    static func insertSQL(rows: Int) -> String {
        batchInserts[rows] ?? writeInsertSQL(rows: rows)
    }

    /// The inserts a ``RowBatch`` runs, written once: written again for each small file, they
    /// cost about as much as the statements of many rows saved.
    private static let batchInserts = RowBatch<EncodedRecord>.insertSizes(writing: writeInsertSQL(rows:))

    private static func writeInsertSQL(rows: Int) -> String {
        let row = "(\(databaseQuestionMarks(count: columnNames.count)))"
        return "INSERT INTO records (\(columnNames.joined(separator: ", "))) VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))"
    }

    /// Binds the row with its own year: a streamed submission's year is known only at its end,
    /// and given then to the rows without one.
    func bind(submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        binder.bind(submission)
        binder.bind(Int64(ordinal))
        writeColumns(to: &binder)
    }
}

/// Takes a row's column values in order: a statement's parameters (``StatementBinder``), or bytes
/// to bind later (``PackedRecord``).
protocol ColumnWriter {
    /// Takes an integer, `nil` for NULL.
    mutating func bind(_ value: Int64?)
    /// Takes a text, `nil` for NULL.
    mutating func bind(_ value: String?)
}

/// Binds values to a prepared statement's parameters in order with SQLite's own calls, keeping
/// the first failure, then runs it: GRDB's argument boxing cost as much as the insert itself.
///
/// ```swift
/// var binder = StatementBinder(statement)
/// binder.bind(submissionId); binder.bind(text)
/// try binder.step(in: db)      // every parameter bound, or a precondition fails
/// ```
struct StatementBinder: ColumnWriter {
    let statement: Statement
    let handle: SQLiteStatement
    var index: Int32 = 0
    var code = SQLITE_OK

    /// SQLite copies the text before the call returns. Computed, not stored: a stored static
    /// was a `swift_once` check on every text bound.
    @inline(__always) private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
    }

    mutating func bind(_ value: Int64?) {
        next { handle, index in value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    mutating func bind(_ value: String?) {
        guard var text = value else { return bind(utf8: nil) }
        text.withUTF8 { bind(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Binds text given as its UTF-8 bytes, `nil` for NULL.
    mutating func bind(utf8 bytes: UnsafeRawBufferPointer?) {
        next { handle, index in
            guard let bytes else { return sqlite3_bind_null(handle, index) }
            // An empty buffer may have no address, which SQLite would take for NULL.
            return bytes.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                : sqlite3_bind_text(
                    handle, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
    }

    /// Binds `count` bytes of UTF-8 text at `start`, which stay where they are until the
    /// statement has run (``step(in:)``): SQLite neither copies nor frees them. `start` is not
    /// nil even for an empty text, which SQLite would take for NULL.
    mutating func bind(stableUTF8 start: UnsafeRawPointer, count: Int) {
        next { handle, index in
            sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)  // SQLITE_STATIC
        }
    }

    /// Binds text given as UTF-8 bytes that stay where they are until the statement has run
    /// (``bind(stableUTF8:count:)``), `nil` for NULL.
    mutating func bind(stableUTF8 bytes: UnsafeRawBufferPointer?) {
        guard let bytes else { return bind(utf8: nil) }
        // An empty text at no address would be NULL to SQLite: given an address of its own.
        guard let start = bytes.baseAddress else { return bind(utf8: bytes) }
        bind(stableUTF8: start, count: bytes.count)
    }

    /// Runs the statement once every parameter is bound: a parameter left unbound would be
    /// stored as NULL without a word.
    func step(in db: Database) throws {
        precondition(index == sqlite3_bind_parameter_count(handle), "every parameter of \(statement.sql) is bound")
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE, code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: result == SQLITE_DONE ? code : result),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// Binds the next parameter, keeping the first failure.
    @inline(__always) private mutating func next(_ bind: (SQLiteStatement, Int32) -> Int32) {
        index += 1
        let result = bind(handle, index)
        if code == SQLITE_OK { code = result }
    }
}

/// The JSON the store writes: canonical records, and the few columns that hold JSON.
enum RecordCoding {
    /// Sorted keys, so that the same value is always the same text; compact, slashes escaped,
    /// dates as seconds since 2001 (`JSONEncoder`'s `[.sortedKeys]` and nothing else).
    static let writer = SortedJSONWriter(prettyPrinted: false, escapesSlashes: true, datesInISO8601: false)
    /// `JSONEncoder` set up as ``writer``: the text the store has always held, which the tests
    /// compare ``writer`` and ``PlanRecordJSON`` with.
    static var encoder: JSONEncoder { writer.foundationEncoder }
    static let decoder = JSONDecoder()

    /// The payload of a record: declarations and cost shares through ``PlanRecordJSON``, the same
    /// text faster.
    static func encode(_ record: CanonicalRecord) throws -> String {
        if let text = PlanRecordJSON.encode(record) { return text }
        return try writer.string(record)
    }

    static func decode(_ payload: String) throws -> CanonicalRecord {
        if let record = PlanRecordJSON.decode(payload) { return record }
        return try decoder.decode(CanonicalRecord.self, from: Data(payload.utf8))
    }
}

extension CanonicalRecord {
    /// The ente the record is about.
    var ente: EnteRef? {
        switch self {
        case .costShare(let share): share.ente
        case .declaration(let declaration): declaration.ente
        case .comune(let comune, _): comune.ente
        case .ambitoMember(let membership): membership.comune.ente
        case .service, .allocation, .deliberation, .ambitoSignatories, .fundStatement, .indicator, .ambitoPlan: nil
        }
    }

    /// The Ambito the record names itself.
    var ambito: String? {
        switch self {
        case .comune(_, let ambito): ambito
        case .ambitoMember(let membership): membership.ambito
        case .ambitoSignatories(let signatories): signatories.ambito
        case .allocation(let allocation): allocation.ambito
        case .fundStatement(let statement): statement.ambito
        case .indicator(let indicator): indicator.ambito
        case .ambitoPlan(let plan): plan.ambito
        case .service, .costShare, .declaration, .deliberation: nil
        }
    }

    var year: Int? {
        switch self {
        case .declaration(let declaration): declaration.year
        case .allocation(let allocation): allocation.year
        case .deliberation(let deliberation): deliberation.year
        case .fundStatement(let statement): statement.year
        case .indicator(let indicator): indicator.year
        case .service, .costShare, .comune, .ambitoMember, .ambitoSignatories, .ambitoPlan: nil
        }
    }

    var service: String? {
        switch self {
        case .service(let service): service.code
        case .costShare(let share): share.service
        case .declaration(let declaration): declaration.service
        case .indicator(let indicator): indicator.service
        case .comune, .allocation, .deliberation, .ambitoMember, .ambitoSignatories, .fundStatement, .ambitoPlan: nil
        }
    }

    /// The record's main amount.
    var amount: Money? {
        switch self {
        case .service(let service): service.totalCost
        case .costShare(let share): share.amount
        case .declaration(let declaration): declaration.amount
        case .allocation(let allocation): allocation.total
        case .deliberation(let deliberation): deliberation.fundTotal
        case .fundStatement(let statement): statement.assigned
        case .comune, .ambitoMember, .ambitoSignatories, .indicator, .ambitoPlan: nil
        }
    }
}
