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

    @discardableResult
    public func write(_ datasets: [any ExportTable], to url: URL) throws -> FileDigest {
        let sink = try FileSink(creating: url)
        sink.write("{\"formato\":\"plus-export\",\"versione\":1,\"datasets\":{\n")
        for (datasetIndex, dataset) in datasets.enumerated() {
            sink.write(JSONText.string(dataset.name) + ":[")
            let columns = dataset.columns
            var isFirst = true
            try dataset.forEachRow { row in
                sink.write((isFirst ? "\n" : ",\n") + JSONText.object(row, columns: columns))
                isFirst = false
            }
            sink.write(isFirst ? "]" : "\n]")
            sink.write(datasetIndex < datasets.count - 1 ? ",\n" : "\n")
        }
        sink.write("}}\n")
        return try sink.close()
    }
}
