import PlusModel

/// Where each canonical field of a mapping sits in one particular sheet.
struct ColumnBinding {
    struct Column {
        var index: Int
        /// The header as written in the file, or `#N`, for diagnostics.
        var label: String
    }

    var columns: [String: Column] = [:]
    /// The bound fields in the sheet's column order: per-cell diagnostics follow it, the same in
    /// every process (a dictionary's order changes with the process's hash seed).
    private(set) var inSheetOrder: [(field: String, column: Column)] = []
    /// The header cells as read, for messages and the width check.
    var header: [String]

    /// Binds the mapping's fields to the header; problems that make the file unusable are errors.
    init(mapping: CSVMapping, header: [String], file: String, line: Int, diagnostics: inout DiagnosticCollector) {
        self.header = header
        let normalised = header.map { HeaderName(header: $0) }
        var reported = Set<String>()
        for (field, spec) in mapping.fields.sorted(by: { $0.key < $1.key }) {
            if !spec.headers.isEmpty && mapping.format.headerRow > 0 {
                // Aliases are tried in the mapping's order: "Codice servizio" beats a "Servizio" column.
                let matches = spec.headers.lazy.map { alias in let name = HeaderName(header: alias); return normalised.indices.filter { normalised[$0] == name } }
                    .first { !$0.isEmpty }
                if let matches, let first = matches.first {
                    columns[field] = Column(index: first, label: header[first])
                    if matches.count > 1 {
                        diagnostics.add(Problem.csvDuplicateColumn.at(
                            SourceLocation(file: file, line: line, column: header[first]),
                            found: matches.map { "\(header[$0]) (#\($0 + 1))" }.joined(separator: ", "),
                            details: ["field": field]))
                    }
                    continue
                }
            }
            if let position = spec.column {
                let label = position <= header.count && !header[position - 1].isEmpty ? header[position - 1] : "#\(position)"
                columns[field] = Column(index: position - 1, label: label)
                continue
            }
            let isNeeded = spec.required || mapping.target.fields.contains { $0.name == field && $0.required }
            if isNeeded && mapping.defaults[field] == nil {
                reported.insert(field)
                diagnostics.add(Problem.csvMissingColumn.at(
                    SourceLocation(file: file, line: line),
                    found: header.joined(separator: " | "),
                    expected: spec.headers.joined(separator: " | "),
                    details: ["field": field]))
            }
        }
        for (field, column) in columns { labels[field] = column.label }
        inSheetOrder = columns.map { (field: $0.key, column: $0.value) }.sorted { ($0.column.index, $0.field) < ($1.column.index, $1.field) }
        minimumWidth = (columns.values.map(\.index).max() ?? -1) + 1
        for field in mapping.defaults.keys where labels[field] == nil { labels[field] = "default:\(field)" }
        for group in mapping.target.oneOf
        where !group.contains(where: { columns[$0] != nil || mapping.defaults[$0] != nil || reported.contains($0) }) {
            let expected = group.flatMap { mapping.fields[$0]?.headers ?? [] }
            diagnostics.add(Problem.csvMissingColumn.at(
                SourceLocation(file: file, line: line),
                found: header.joined(separator: " | "), expected: expected.joined(separator: " | "),
                details: ["field": group.joined(separator: "/")]))
        }
    }

    /// Field → the label diagnostics show: the column's header, or `default:FIELD`.
    var labels: [String: String] = [:]

    /// The number of cells a row needs so every bound column exists.
    private(set) var minimumWidth = 0
}
