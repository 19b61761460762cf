import PlusModel

/// The type of an exported column, named as Frictionless Table Schema names it.
public enum ExportColumnType: String, Sendable, Hashable {
    case string
    case integer
    /// Exact decimal: money (two decimals) and percentages.
    case number
    case date
    case boolean
}

/// One column of an exported table: its name, type, constraints and meaning.
///
/// ```swift
/// ExportColumn("popolazione", .integer, minimum: 0,
///              description: .init(it: "Residenti", en: "Residents"))
/// ```
public struct ExportColumn: Hashable, Sendable {
    /// The column's name in every format: snake_case Italian, stable across versions.
    public var name: String
    public var type: ExportColumnType
    public var isRequired: Bool
    /// The only values allowed, if the column is an enumeration.
    public var allowedValues: [String]?
    /// A regular expression every value matches (XSD/Table Schema dialect: whole value).
    public var pattern: String?
    public var minimum: Int64?
    public var description: LocalizedText

    public init(
        _ name: String, _ type: ExportColumnType, required: Bool = false, allowedValues: [String]? = nil,
        pattern: String? = nil, minimum: Int64? = nil, description: LocalizedText
    ) {
        self.name = name
        self.type = type
        self.isRequired = required
        self.allowedValues = allowedValues
        self.pattern = pattern
        self.minimum = minimum
        self.description = description
    }
}

/// Columns of one table that refer to the primary key of another.
public struct ExportForeignKey: Hashable, Sendable {
    public var columns: [String]
    public var dataset: String
    public var referencedColumns: [String]

    public init(_ columns: [String], references dataset: String, _ referencedColumns: [String]) {
        self.columns = columns
        self.dataset = dataset
        self.referencedColumns = referencedColumns
    }
}
