/// The formats an export can be written in; the raw value is the CLI's `--format` word.
///
/// ```swift
/// ExportFormat(rawValue: "csv-it")   // .italianCSV
/// ```
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    /// One RFC 4180 CSV per dataset, for machines.
    case csv
    /// One CSV per dataset in the Italian spreadsheet dialect, for people.
    case italianCSV = "csv-it"
    /// One JSON document with every dataset.
    case json
    /// One JSON object per row, for streaming readers.
    case jsonLines = "jsonl"
    /// Machine CSVs plus a Frictionless `datapackage.json`.
    case dataPackage = "datapackage"
    /// The regional submission XML, validated against `plus-export.xsd`.
    case xml
    /// One .xlsx workbook, a sheet per dataset, typed for people (see ``XLSXWriter``).
    case xlsx
}
