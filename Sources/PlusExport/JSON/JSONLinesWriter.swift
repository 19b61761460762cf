import Foundation

/// Writes every row of every dataset as one JSON object per line, for streaming readers.
///
/// ```json
/// {"dataset":"ambiti","riga":{"anno":2019,"ambito":"OR",...}}
/// ```
public struct JSONLinesWriter: Sendable {
    public init() {}

    public func write(_ datasets: [ExportDataset], to url: URL) throws {
        let sink = try FileSink(creating: url)
        for dataset in datasets {
            let prefix = "{\"dataset\":" + JSONText.string(dataset.name) + ",\"riga\":"
            for row in dataset.rows {
                sink.write(prefix + JSONText.object(row, columns: dataset.columns) + "}\n")
            }
        }
        try sink.close()
    }
}
