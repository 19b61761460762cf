import GRDB
import GRDBSQLite

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
}

extension Row: StoredColumns {
    func int64(at index: Int) -> Int64? { self[index] }
    func text(at index: Int) -> String? { self[index] }
}

/// The current row of a statement being stepped, read with SQLite's own column calls.
///
/// A plan's services are read back by the million: GRDB's generic decoding of every cell (a
/// `Row`, a `DatabaseValue`, metadata lookups for each `Optional` type) took more CPU than the
/// reading itself.
struct StatementColumns: StoredColumns {
    let handle: SQLiteStatement

    func int64(at index: Int) -> Int64? {
        let column = Int32(index)
        return sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func text(at index: Int) -> String? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let text = sqlite3_column_text(handle, column) else {
            return nil
        }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
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
