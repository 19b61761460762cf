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

    /// Sorts the rows by primary key, so that the same data always gives the same bytes.
    mutating func sortRows() {
        let positions = indices(of: primaryKey)
        // Cell by cell in place: building two key arrays per comparison cost more than the sort.
        let precedes = { (lhs: [ExportCell], rhs: [ExportCell]) -> Bool in ExportCell.ordering(lhs, rhs, at: positions) < 0 }
        // Most datasets are built in key order already: one pass tells, and spares the sort.
        if zip(rows, rows.dropFirst()).allSatisfy({ !precedes($1, $0) }) { return }
        rows.sort(by: precedes)
    }
}
