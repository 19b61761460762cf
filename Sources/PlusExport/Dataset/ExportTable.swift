import PlusModel

/// What a writer reads a dataset from: its definition and its rows, in order, as often as it needs.
///
/// An ``ExportDataset`` holds its rows in an array; a ``SortedDataset`` keeps an Ambito-year of
/// millions of services in sorted runs on disk and hands them over one row at a time, so no writer
/// ever holds a whole dataset.
///
/// ```swift
/// var rows = try servizi.makeRowCursor()
/// while let row = try rows.next() { print(row[2]) }
/// ```
public protocol ExportTable: Sendable {
    /// The table's name, also its file's base name: `servizi` → `servizi.csv`.
    var name: String { get }
    var title: LocalizedText { get }
    var columns: [ExportColumn] { get }
    var primaryKey: [String] { get }
    var foreignKeys: [ExportForeignKey] { get }
    /// How many rows a cursor hands over.
    var rowCount: Int { get }
    /// A cursor over the rows from the first, in the table's order.
    func makeRowCursor() throws -> RowCursor
}

extension ExportTable {
    /// Calls `body` with every row, in order.
    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        var cursor = try makeRowCursor()
        while let row = try cursor.next() { try body(row) }
    }

    /// The positions of `names` among the columns.
    func indices(of names: [String]) -> [Int] {
        names.map { name in columns.firstIndex { $0.name == name }! }
    }
}

/// Rows handed over one at a time, in order; `nil` once they are all read.
public struct RowCursor {
    // Rows in hand are read by index: a closure over an array's iterator cost a call through a
    // context, a check of exclusive access to its box and a copy of the iterator's state for
    // each of the millions of rows an Italy-year's writers read (most of them in hand).
    private let rows: [[ExportCell]]
    private var index = 0
    private let nextRow: (() throws -> [ExportCell]?)?

    init(_ nextRow: @escaping () throws -> [ExportCell]?) {
        rows = []
        self.nextRow = nextRow
    }

    /// A cursor over rows in hand.
    init(_ rows: [[ExportCell]]) {
        self.rows = rows
        nextRow = nil
    }

    public mutating func next() throws -> [ExportCell]? {
        if let nextRow { return try nextRow() }
        guard index < rows.count else { return nil }
        defer { index += 1 }
        return rows[index]
    }
}

extension ExportDataset: ExportTable {
    public var rowCount: Int { rows.count }

    /// The rows in the order the array holds them (sorted, when ``DatasetBuilder`` made them).
    public func makeRowCursor() throws -> RowCursor {
        RowCursor(rows)
    }
}

extension ExportCell {
    /// -1, 0 or 1 as `lhs` sorts before, with or after `rhs` on the cells at `positions`.
    static func ordering(_ lhs: [ExportCell], _ rhs: [ExportCell], at positions: [Int]) -> Int {
        for position in positions {
            let ordering = lhs[position].ordering(against: rhs[position])
            if ordering != 0 { return ordering }
        }
        return 0
    }
}
