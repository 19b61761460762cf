import GRDB
import GRDBSQLite
import PlusModel

/// The columns of one row a query returned, read by position: a stored record is decoded from
/// them by one code path, whether the row is GRDB's ``Row`` or a statement SQLite is stepping.
///
/// ```swift
/// let ordinal = columns.int64(at: 6)   // nil for NULL
/// let file = columns.text(at: 3)
/// ```
protocol StoredColumns {
    /// The integer at `index`, `nil` when it is NULL.
    func int64(at index: Int) -> Int64?
    /// The text at `index`, `nil` when it is NULL.
    func text(at index: Int) -> String?
    /// Whether the value at `index` is an integer.
    func isInteger(at index: Int) -> Bool
}

extension StoredColumns {
    /// The ente at `index` as a query of records gives it: a narrow table's ``StoredEnte`` (a
    /// Comune's code as an integer, any other ente as `KIND:CODE`) or `records`' text; `nil`
    /// for NULL or a text that names no ente.
    func ente(at index: Int) -> EnteRef? {
        if isInteger(at: index), let code = int64(at: index) { return StoredEnte.comune(code: code) }
        return text(at: index).flatMap { EnteRef(parsing: $0) }
    }
}

extension Row: StoredColumns {
    func int64(at index: Int) -> Int64? { self[index] }
    func text(at index: Int) -> String? { self[index] }
    func isInteger(at index: Int) -> Bool {
        if case .int64 = (self[index] as DatabaseValue).storage { true } else { false }
    }
}

/// The current row of a statement being stepped, read with SQLite's own column calls.
///
/// A plan's services are read back by the million: GRDB's generic decoding of every cell (a
/// `Row`, a `DatabaseValue`, metadata lookups for each `Optional` type) took more CPU than the
/// reading itself.
struct StatementColumns: StoredColumns {
    let handle: SQLiteStatement

    // Each cell is taken once as SQLite's value and read from it: every `sqlite3_column_…` call
    // finds the cell again and checks the connection's error state after it, and a service's 38
    // cells took two such calls each (a third of decoding a plan's services back). The value is
    // read at once, on the thread stepping the statement, before the next step.

    func int64(at index: Int) -> Int64? {
        guard let value = sqlite3_column_value(handle, Int32(index)), sqlite3_value_type(value) != SQLITE_NULL else { return nil }
        return sqlite3_value_int64(value)
    }

    func isInteger(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_INTEGER
    }

    func text(at index: Int) -> String? {
        guard let value = sqlite3_column_value(handle, Int32(index)), sqlite3_value_type(value) != SQLITE_NULL,
              let text = sqlite3_value_text(value)
        else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
    }

    /// Runs `sql` with `arguments`, handing each row to `body` as SQLite steps to it.
    static func forEachRow(
        _ db: Database, sql: String, arguments: StatementArguments, _ body: (StatementColumns) throws -> Void
    ) throws {
        // The same few queries run for every file and every Ambito-year: compiled once per
        // connection. A query run again from inside its own loop gets a statement of its own.
        var statement = try db.cachedStatement(sql: sql)
        if sqlite3_stmt_busy(statement.sqliteStatement) != 0 { statement = try db.makeStatement(sql: sql) }
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let columns = StatementColumns(handle: handle)
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(columns)
            case SQLITE_DONE: return
            case let code:
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
        }
    }
}
