import PlusExport

/// The rows of an Ambito's export as read back at the Region, by dataset and column name,
/// whatever the file they came in (the XML or the Data Package's CSVs).
///
/// Both readers fill it and ``ExportSubmission`` makes records of it: one conversion for
/// every form of export.
///
/// ```swift
/// let tables = try ExportXMLReader().read(data, fileName: "plus-export.xml")
/// tables.rows["servizi"]?.first?.cells["costo_totale"]   // "120000.00"
/// ```
struct ExportedTables {
    /// One row: its cells by column name (an absent cell is an empty value) and where it stands.
    struct Row {
        var cells: [String: String]
        /// The line of the XML element or CSV record.
        var line: Int?
        /// The file inside the submission the row is in (`servizi.csv`), or `nil` for the submitted file itself.
        var part: String?

        subscript(_ column: String) -> String? {
            guard let value = cells[column], !value.isEmpty else { return nil }
            return value
        }
    }

    /// Rows by dataset name (``DatasetCatalog``), `anno` and `ambito` included in every row.
    var rows: [String: [Row]] = [:]
    /// The validation outcome the exporter claims, by Ambito-year.
    var validations: [ExportMetadata.Validation] = []
}
