/// A Frictionless Table Schema, as `datapackage.json` spells it (frictionless specs v1).
struct TableSchema: Encodable, Hashable {
    struct Field: Encodable, Hashable {
        var name: String
        var type: String
        var format: String?
        var title: String
        var description: String
        var constraints: Constraints?
        var decimalChar: String?
        var trueValues: [String]?
        var falseValues: [String]?
    }

    struct Constraints: Encodable, Hashable {
        var required: Bool?
        var minimum: Int64?
        var pattern: String?
        var `enum`: [String]?
    }

    struct ForeignKey: Encodable, Hashable {
        struct Reference: Encodable, Hashable {
            var resource: String
            var fields: [String]
        }
        var fields: [String]
        var reference: Reference
    }

    var fields: [Field]
    var primaryKey: [String]
    var foreignKeys: [ForeignKey]?
    var missingValues: [String]

    /// The schema of `dataset` as written in `dialect`.
    init(_ dataset: any ExportTable, dialect: CSVDialect) {
        fields = dataset.columns.map { column in
            let constraints = Constraints(
                required: column.isRequired ? true : nil, minimum: column.minimum, pattern: column.pattern,
                enum: column.allowedValues)
            let isBoolean = column.type == .boolean
            return Field(
                name: column.name, type: column.type.rawValue,
                format: column.type == .date && dialect.italianDates ? "%d/%m/%Y" : nil,
                title: column.description.it, description: column.description.en,
                constraints: constraints.isEmpty ? nil : constraints,
                decimalChar: column.type == .number && dialect.decimalComma ? "," : nil,
                trueValues: isBoolean ? [dialect.trueText] : nil, falseValues: isBoolean ? [dialect.falseText] : nil)
        }
        primaryKey = dataset.primaryKey
        foreignKeys = dataset.foreignKeys.isEmpty ? nil : dataset.foreignKeys.map {
            ForeignKey(fields: $0.columns, reference: .init(resource: $0.dataset, fields: $0.referencedColumns))
        }
        missingValues = [""]
    }
}

extension TableSchema.Constraints {
    var isEmpty: Bool { required == nil && minimum == nil && pattern == nil && `enum` == nil }
}
