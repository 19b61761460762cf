import Foundation
import PlusModel

/// Checks what the Table Schemas promise, so that no export fails `frictionless validate`.
///
/// Required and key cells must be present and non-empty, text must match its column's
/// pattern, primary keys must be unique and foreign keys must resolve.
///
/// One pass over each dataset's rows, a row at a time: the rows come sorted by primary key (as
/// ``DatasetBuilder`` makes them), so a repeated key is the row before, and a foreign key that is
/// the start of the primary key is looked up by walking the other dataset's rows alongside.
///
/// ```swift
/// try DatasetIntegrity.check(datasets)   // throws EXP002, EXP003, EXP007 or EXP010
/// ```
enum DatasetIntegrity {
    static func check(_ datasets: [any ExportTable]) throws {
        let byName = Dictionary(datasets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for dataset in datasets {
            var constraints = try ConstraintCheck(dataset)
            let keyPositions = dataset.indices(of: dataset.primaryKey)
            var references = try dataset.foreignKeys.compactMap { foreignKey in
                try byName[foreignKey.dataset].map { try ReferenceCheck(foreignKey, from: dataset, to: $0) }
            }
            var previous: [ExportCell]?
            var rowNumber = 0
            try dataset.forEachRow { row in
                rowNumber += 1
                // Every check and writer reads a cell by its column's position: a row of another
                // length would be read past its end, or written shifted.
                guard row.count == dataset.columns.count else {
                    throw ExportError(
                        .exportRowShape, path: dataset.name, found: String(rowNumber), expected: String(dataset.columns.count),
                        arguments: ["cells": .count(row.count), "columns": .count(dataset.columns.count)])
                }
                try constraints.check(row)
                if let previous, !keyPositions.isEmpty, ExportCell.ordering(previous, row, at: keyPositions) == 0 {
                    throw ExportError(.exportDuplicateKey, path: dataset.name, found: describe(keyPositions.map { row[$0] }))
                }
                for index in references.indices { try references[index].check(row) }
                previous = row
            }
        }
    }

    /// Required cells and patterns, row by row.
    private struct ConstraintCheck {
        struct Column {
            var index: Int
            var name: String
            var mustHaveValue: Bool
            var pattern: (text: String, expression: NSRegularExpression)?
            /// Codes repeat down a column (a Comune's ISTAT code on each of its rows): each is matched once.
            var matching = Set<String>()
        }

        let dataset: String
        var columns: [Column]

        init(_ dataset: any ExportTable) throws {
            self.dataset = dataset.name
            columns = try dataset.columns.enumerated().map { index, column in
                Column(
                    index: index, name: column.name,
                    mustHaveValue: column.isRequired || dataset.primaryKey.contains(column.name),
                    pattern: try column.pattern.map { ($0, try NSRegularExpression(pattern: "^(?:\($0))$")) })
            }
        }

        mutating func check(_ row: [ExportCell]) throws {
            // Each column read in place: a copy of it (its name and the codes it matched) was
            // retained and released for every cell of every export.
            for position in columns.indices {
                let cell = row[columns[position].index]
                if columns[position].mustHaveValue && cell.isEmpty {
                    let column = columns[position]
                    throw ExportError(
                        .exportConstraint, path: "\(dataset).\(column.name)", found: "", expected: "required",
                        localizedDetails: ["violation": .init(
                            it: "manca il valore, che la colonna richiede",
                            en: "the value is missing, and the column requires one")])
                }
                if columns[position].pattern != nil, case .text(let text) = cell, !columns[position].matching.contains(text) {
                    let column = columns[position]
                    let pattern = column.pattern!
                    guard pattern.expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else {
                        throw ExportError(
                            .exportConstraint, path: "\(dataset).\(column.name)", found: text, expected: "pattern \(pattern.text)",
                            localizedDetails: ["violation": .init(
                                it: "il valore «\(text)» non ha la forma che la colonna richiede (\(pattern.text))",
                                en: "the value '\(text)' does not have the form the column requires (\(pattern.text))")])
                    }
                    columns[position].matching.insert(text)
                }
            }
        }
    }

    /// One foreign key, row by row: alongside the target's rows when both are in that key's
    /// order, else against the set of the target's keys.
    private struct ReferenceCheck {
        let dataset: String
        let target: String
        let positions: [Int]
        let targetPositions: [Int]
        /// The target's rows, for a key that starts the primary keys of both datasets.
        var targetRows: RowCursor?
        var targetRow: [ExportCell]?
        var targetKeys: Set<[ExportCell]> = []

        init(_ foreignKey: ExportForeignKey, from dataset: any ExportTable, to target: any ExportTable) throws {
            self.dataset = dataset.name
            self.target = target.name
            positions = dataset.indices(of: foreignKey.columns)
            targetPositions = target.indices(of: foreignKey.referencedColumns)
            let inOrder = Array(dataset.primaryKey.prefix(foreignKey.columns.count)) == foreignKey.columns
                && target.primaryKey == foreignKey.referencedColumns
            if inOrder {
                targetRows = try target.makeRowCursor()
                targetRow = try targetRows!.next()
            } else {
                try target.forEachRow { row in targetKeys.insert(targetPositions.map { row[$0] }) }
            }
        }

        mutating func check(_ row: [ExportCell]) throws {
            guard targetRows != nil else {
                let key = positions.map { row[$0] }
                if !targetKeys.contains(key) { throw dangling(key) }
                return
            }
            while let candidate = targetRow, ordering(candidate, row) < 0 {
                targetRow = try targetRows!.next()
            }
            guard let candidate = targetRow, ordering(candidate, row) == 0 else { throw dangling(positions.map { row[$0] }) }
        }

        /// -1, 0 or 1 as the target's row sorts before, with or after `row` on this key, cell by cell.
        private func ordering(_ target: [ExportCell], _ row: [ExportCell]) -> Int {
            for (targetPosition, position) in zip(targetPositions, positions) {
                let ordering = target[targetPosition].ordering(against: row[position])
                if ordering != 0 { return ordering }
            }
            return 0
        }

        private func dangling(_ key: [ExportCell]) -> ExportError {
            ExportError(.exportDanglingReference, path: dataset, found: describe(key), expected: target)
        }
    }

    private static func describe(_ key: [ExportCell]) -> String {
        "(" + key.map { $0.plainText ?? "" }.joined(separator: ", ") + ")"
    }
}

private extension ExportCell {
    /// No value, or an empty text: what a required cell must not be.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .text(let text): text.isEmpty
        default: false
        }
    }
}
