import Foundation
import PlusModel
import PlusPipeline

extension ReportModel {
    /// The model as JSON with sorted keys and ISO 8601 times and the `schemaVersion` of every
    /// JSON document the CLI prints: what `plus report --format json` prints.
    public func jsonData() throws -> Data {
        try ReportJSON.writer.data(JSONOutput.Versioned(value: self))
    }

    /// Reads what ``jsonData()`` wrote.
    public static func decode(_ data: Data) throws -> ReportModel {
        try ReportJSON.decoder.decode(ReportModel.self, from: data)
    }
}

/// The one JSON style of the report's data: sorted keys, ISO 8601 times, amounts in cents.
enum ReportJSON {
    static let writer = SortedJSONWriter(prettyPrinted: true, datesInISO8601: true)

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
