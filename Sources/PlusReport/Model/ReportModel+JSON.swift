import Foundation

extension ReportModel {
    /// The model as JSON with sorted keys and ISO 8601 times: what `plus report --format json` prints.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads what ``jsonData()`` wrote.
    public static func decode(_ data: Data) throws -> ReportModel {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ReportModel.self, from: data)
    }
}
