import PlusModel

/// Checks the keys the Table Schemas promise, so that no export fails `frictionless validate`.
///
/// ```swift
/// try DatasetIntegrity.check(datasets)   // throws EXP002 / EXP003
/// ```
enum DatasetIntegrity {
    static func check(_ datasets: [ExportDataset]) throws {
        let byName = Dictionary(datasets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for dataset in datasets {
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

    private static func describe(_ key: [ExportCell]) -> String {
        "(" + key.map { $0.plainText ?? "" }.joined(separator: ", ") + ")"
    }
}
