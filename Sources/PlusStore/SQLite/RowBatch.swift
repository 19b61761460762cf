import GRDB

/// A row a submission inserts many to a statement (``RowBatch``): its table's insert of
/// any number of rows, and the binding of its columns.
///
/// ```swift
/// extension DeclarationRows.Row: BatchedRow { ... }
/// var batch = try RowBatch<DeclarationRows.Row>(submission: id, in: db)
/// ```
protocol BatchedRow {
    /// The insert of `rows` rows in one statement, each row's parameters in the order ``bind(submission:ordinal:to:)`` binds them.
    static func insertSQL(rows: Int) -> String

    /// Binds the columns of the row at `row` as the next parameters of `binder`. The row stays
    /// where it is until the statement has run, so its texts may be bound where they lie.
    static func bind(at row: UnsafePointer<Self>, submission: Int64, ordinal: Int, to binder: inout StatementBinder)
}

/// A ``BatchedRow`` whose columns are bound from its values, which SQLite copies: it need not
/// stay where it is.
protocol ValueBoundRow: BatchedRow {
    /// Binds the row's columns as the next parameters of `binder`.
    func bind(submission: Int64, ordinal: Int, to binder: inout StatementBinder)
}

extension ValueBoundRow {
    static func bind(at row: UnsafePointer<Self>, submission: Int64, ordinal: Int, to binder: inout StatementBinder) {
        row.pointee.bind(submission: submission, ordinal: ordinal, to: &binder)
    }
}

/// The rows of one table of a submission, streamed or recorded whole, inserted ``rowsPerInsert`` at a time.
///
/// A single-row insert spent as much of the store's thread starting, resetting and ending the
/// statement (binding included) as in the table's B-tree; one statement of many rows pays that
/// once for all of them. The rows wait here until the batch is full, and ``flush(in:)`` inserts
/// the rest once the file is read: whoever reads the table must flush first. The rows
/// go in in the order they were appended, so a table's row ids follow their ordinals.
///
/// ```swift
/// var batch = try RowBatch<DeclarationRows.Row>(submission: id, in: db)
/// try batch.append(row, ordinal: 0, in: db)
/// try batch.flush(in: db)
/// ```
struct RowBatch<Row: BatchedRow> {
    /// Rows per statement: within SQLite's 32,766 parameters for a row of `records`' 37 columns.
    /// Of 1, 8, 16, 32, 64, 128 and 256, 64 took the least CPU on a 100 MB sheet's declarations
    /// (Benchmarks/README.md).
    static var rowsPerInsert: Int { 64 }

    let submission: Int64
    /// Rows per full statement: ``rowsPerInsert`` but where a test inserts row by row (1).
    private let size: Int
    /// The insert of ``size`` rows, taken from the cache when a batch first fills: the cache finds
    /// a statement by hashing its text, some 10 kB for 64 rows of `records`, and a small file's
    /// rows (a Comune's sheet is some 27) never fill one.
    private var full: Statement?
    private var waiting: [(row: Row, ordinal: Int)] = []

    /// The statements come from the connection's cache: a region's thousands of small files each
    /// make batches of their own, and compiling a statement of 64 rows cost more than a small
    /// file's inserts save.
    init(submission: Int64, rowsPerInsert size: Int = Self.rowsPerInsert, in db: Database) throws {
        precondition(size >= 1, "a statement inserts at least one row")
        self.submission = submission
        self.size = size
        waiting.reserveCapacity(size)
    }

    /// The inserts of every number of rows a batch of the default size runs (1, 2, 4 ... 64),
    /// written by `write`: for a row type to keep, so that a batch does not write them again for
    /// each file.
    static func insertSizes(writing write: (Int) -> String) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: sequence(first: 1) { $0 < rowsPerInsert ? $0 * 2 : nil }.map { ($0, write($0)) })
    }

    /// Keeps `row` until the batch is full, then inserts the batch in one statement.
    mutating func append(_ row: consuming Row, ordinal: Int, in db: Database) throws {
        waiting.append((row, ordinal))
        guard waiting.count == size else { return }
        defer { waiting.removeAll(keepingCapacity: true) }
        try insert(waiting[...], using: fullStatement(in: db), in: db)
    }

    /// Inserts the rows still waiting in statements of 32, 16, 8, 4, 2 and 1 rows, each as the
    /// rows left allow: a small file is all left over (a Comune's sheet is some 27 rows), and one
    /// statement a row was what a file recorded whole cost before (at most six statements now).
    mutating func flush(in db: Database) throws {
        defer { waiting.removeAll(keepingCapacity: true) }
        try insertLeftovers(waiting[...], in: db)
    }

    /// Inserts `rows`, prepared beforehand with their ordinals, as appending each and flushing
    /// would, without copying them into the batch first: a file recorded whole has its rows
    /// ready (``ContentRows``), and the store's thread only binds and steps.
    mutating func insert(_ rows: [(row: Row, ordinal: Int)], in db: Database) throws {
        try flush(in: db)
        var start = rows.startIndex
        while rows.endIndex - start >= size {
            try insert(rows[start..<(start + size)], using: fullStatement(in: db), in: db)
            start += size
        }
        try insertLeftovers(rows[start...], in: db)
    }

    private mutating func fullStatement(in db: Database) throws -> Statement {
        if let full { return full }
        let statement = try db.cachedStatement(sql: Row.insertSQL(rows: size))
        full = statement
        return statement
    }

    /// Fewer rows than a full statement, in statements of the powers of two below it.
    private func insertLeftovers(_ left: ArraySlice<(row: Row, ordinal: Int)>, in db: Database) throws {
        var rows = 1
        while rows * 2 < size { rows *= 2 }
        var start = left.startIndex
        while start < left.endIndex {
            while left.endIndex - start < rows { rows /= 2 }
            try insert(left[start..<(start + rows)], using: db.cachedStatement(sql: Row.insertSQL(rows: rows)), in: db)
            start += rows
        }
    }

    /// Whether a waiting row lies at the start of its pair with its ordinal (tested).
    static var rowIsFirst: Bool { MemoryLayout<(row: Row, ordinal: Int)>.offset(of: \(row: Row, ordinal: Int).row) == 0 }

    private func insert(_ rows: ArraySlice<(row: Row, ordinal: Int)>, using statement: Statement, in db: Database) throws {
        var binder = StatementBinder(statement)
        // Bound in place, through the rows' addresses: `rows[index]` copied each row (and its
        // texts) before binding it, once for the row and once for its ordinal.
        try rows.withUnsafeBufferPointer { rows in
            guard let first = rows.baseAddress else { return try binder.step(in: db) }
            for index in 0..<rows.count {
                let waiting = first + index
                // The row is the pair's first element, at its start (``rowIsFirst``).
                Row.bind(
                    at: UnsafeRawPointer(waiting).assumingMemoryBound(to: Row.self), submission: submission, ordinal: waiting.pointee.ordinal,
                    to: &binder)
            }
            try binder.step(in: db)
        }
    }
}
