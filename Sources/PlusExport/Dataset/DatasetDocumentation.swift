import Foundation
import PlusModel

extension DatasetCatalog {
    /// Every dataset as a Markdown section with a table of its columns, in one language.
    ///
    /// `PlusExport.docc/Datasets.md` is this text for Italian and English; a test keeps them equal.
    ///
    /// ```swift
    /// print(DatasetCatalog.markdown())
    /// ```
    public static func markdown() -> String {
        var text = "# Datasets\n\nNames and columns of every consolidated dataset. / Nomi e colonne di ogni dataset consolidato.\n"
        for dataset in all {
            text += "\n## `\(dataset.name)` — \(dataset.title.it) / \(dataset.title.en)\n\n"
            text += "Primary key / chiave primaria: \(dataset.primaryKey.map { "`\($0)`" }.joined(separator: ", "))\n"
            for key in dataset.foreignKeys {
                text += "Foreign key / chiave esterna: \(key.columns.map { "`\($0)`" }.joined(separator: ", ")) → `\(key.dataset)`\n"
            }
            text += "\n| Column | Type | Required | Constraints | Descrizione | Description |\n|---|---|---|---|---|---|\n"
            for column in dataset.columns {
                var constraints: [String] = []
                if let values = column.allowedValues { constraints.append("one of " + values.joined(separator: ", ")) }
                if let pattern = column.pattern { constraints.append("pattern `\(pattern)`") }
                if let minimum = column.minimum { constraints.append("≥ \(minimum)") }
                let cells = [
                    "`\(column.name)`", column.type.rawValue, column.isRequired ? "yes" : "no",
                    constraints.joined(separator: "; "), column.description.it, column.description.en,
                ]
                text += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
            }
        }
        return text
    }
}
