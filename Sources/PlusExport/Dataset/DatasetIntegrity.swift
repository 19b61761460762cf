import Foundation
import PlusModel

/// Checks what the Table Schemas promise, so that no export fails `frictionless validate`.
///
/// Required and key cells must be present and non-empty, text must match its column's
/// pattern, primary keys must be unique and foreign keys must resolve.
///
/// ```swift
/// try DatasetIntegrity.check(datasets)   // throws EXP002, EXP003 or EXP007
/// ```
enum DatasetIntegrity {
    static func check(_ datasets: [ExportDataset]) throws {
        let byName = Dictionary(datasets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for dataset in datasets {
            try checkConstraints(dataset)
            var seen = Set<[ExportCell]>()
            for key in dataset.keys(dataset.primaryKey) where !seen.insert(key).inserted {
                throw ExportError(.exportDuplicateKey, path: dataset.name, found: describe(key))
            }
            for foreignKey in dataset.foreignKeys {
                guard let target = byName[foreignKey.dataset] else { continue }
                let existing = Set(target.keys(foreignKey.referencedColumns))
                for key in dataset.keys(foreignKey.columns) where !existing.contains(key) {
                    throw ExportError(.exportDanglingReference, path: dataset.name, found: describe(key), expected: target.name)
                }
            }
        }
    }

    private static func checkConstraints(_ dataset: ExportDataset) throws {
        for (index, column) in dataset.columns.enumerated() {
            let mustHaveValue = column.isRequired || dataset.primaryKey.contains(column.name)
            let pattern = try column.pattern.map { try NSRegularExpression(pattern: "^(?:\($0))$") }
            // Codes repeat down a column (a Comune's ISTAT code on each of its rows): each is matched once.
            var matching = Set<String>()
            for row in dataset.rows {
                let cell = row[index]
                if mustHaveValue && (cell == .null || cell == .text("")) {
                    throw ExportError(.exportConstraint, path: "\(dataset.name).\(column.name)", found: "", expected: "required")
                }
                if let pattern, case .text(let text) = cell, !matching.contains(text) {
                    guard pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else {
                        throw ExportError(.exportConstraint, path: "\(dataset.name).\(column.name)", found: text, expected: "pattern \(column.pattern!)")
                    }
                    matching.insert(text)
                }
            }
        }
    }

    private static func describe(_ key: [ExportCell]) -> String {
        "(" + key.map { $0.plainText ?? "" }.joined(separator: ", ") + ")"
    }
}
