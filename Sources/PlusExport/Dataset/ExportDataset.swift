import PlusModel

/// One consolidated table: its name, meaning, typed columns, keys and rows.
///
/// Datasets are data first: ``DatasetBuilder`` makes them once, and every writer
/// (CSV, JSON, Data Package, ...) only spells them.
///
/// ```swift
/// let datasets = try DatasetBuilder().datasets(from: [oristano2019])
/// datasets.first?.name   // "ambiti"
/// ```
public struct ExportDataset: Hashable, Sendable {
    /// The table's name, also its file's base name: `servizi` → `servizi.csv`.
    public var name: String
    public var title: LocalizedText
    public var columns: [ExportColumn]
    public var primaryKey: [String]
    public var foreignKeys: [ExportForeignKey]
    /// Rows in column order, sorted by primary key.
    public var rows: [[ExportCell]]

    public init(
        name: String, title: LocalizedText, columns: [ExportColumn], primaryKey: [String],
        foreignKeys: [ExportForeignKey] = [], rows: [[ExportCell]] = []
    ) {
        self.name = name
        self.title = title
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.rows = rows
    }

    /// The positions of `names` among the columns.
    func indices(of names: [String]) -> [Int] {
        names.map { name in columns.firstIndex { $0.name == name }! }
    }

    /// The primary-key values of every row.
    func keys(_ names: [String]) -> [[ExportCell]] {
        let positions = indices(of: names)
        return rows.map { row in positions.map { row[$0] } }
    }

    /// Sorts the rows by primary key, so that the same data always gives the same bytes.
    mutating func sortRows() {
        let positions = indices(of: primaryKey)
        // Cell by cell in place: building two key arrays per comparison cost more than the sort.
        let precedes = { (lhs: [ExportCell], rhs: [ExportCell]) -> Bool in
            for position in positions {
                let ordering = lhs[position].ordering(against: rhs[position])
                if ordering != 0 { return ordering < 0 }
            }
            return false
        }
        // Most datasets are built in key order already: one pass tells, and spares the sort.
        if zip(rows, rows.dropFirst()).allSatisfy({ !precedes($1, $0) }) { return }
        rows.sort(by: precedes)
    }
}
