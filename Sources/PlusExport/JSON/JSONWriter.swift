import Foundation

/// Writes every dataset into one JSON document, keyed by dataset name.
///
/// ```json
/// {"formato":"plus-export","versione":1,"datasets":{
/// "ambiti":[
/// {"anno":2019,"ambito":"OR",...}
/// ],...}}
/// ```
/// One row per line keeps diffs readable; see ``JSONText`` for how values are spelled.
public struct JSONWriter: Sendable {
    public init() {}

    public func write(_ datasets: [ExportDataset], to url: URL) throws {
        let sink = try FileSink(creating: url)
        sink.write("{\"formato\":\"plus-export\",\"versione\":1,\"datasets\":{\n")
        for (datasetIndex, dataset) in datasets.enumerated() {
            sink.write(JSONText.string(dataset.name) + ":[")
            for (rowIndex, row) in dataset.rows.enumerated() {
                sink.write((rowIndex > 0 ? ",\n" : "\n") + JSONText.object(row, columns: dataset.columns))
            }
            sink.write(dataset.rows.isEmpty ? "]" : "\n]")
            sink.write(datasetIndex < datasets.count - 1 ? ",\n" : "\n")
        }
        sink.write("}}\n")
        try sink.close()
    }
}
