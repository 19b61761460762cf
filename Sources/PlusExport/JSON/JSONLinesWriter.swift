import Foundation

/// Writes every row of every dataset as one JSON object per line, for streaming readers.
///
/// ```json
/// {"dataset":"ambiti","riga":{"anno":2019,"ambito":"OR",...}}
/// ```
public struct JSONLinesWriter: Sendable {
    public init() {}

    @discardableResult
    public func write(_ datasets: [any ExportTable], to url: URL) throws -> FileDigest {
        let sink = try FileSink(creating: url)
        for dataset in datasets {
            let prefix = "{\"dataset\":" + JSONText.string(dataset.name) + ",\"riga\":"
            let columns = dataset.columns
            try dataset.forEachRow { row in
                sink.write(prefix + JSONText.object(row, columns: columns) + "}\n")
            }
        }
        return try sink.close()
    }
}
