import Foundation
import PlusModel

/// The one JSON style of every machine-readable output: sorted keys, stable across runs, times
/// in ISO 8601 with their offset, and a `schemaVersion` in every document.
///
/// ```swift
/// print(try JSONOutput.encode(summary, pretty: false))
/// // {"files":3,…,"schemaVersion":1,"startedAt":"2026-11-30T13:05:00Z"}
/// ```
///
/// A document that is a list becomes `{"items": […], "schemaVersion": 1}`: a reader checks the
/// version before it reads anything else.
public enum JSONOutput {
    /// Raised when a document's shape changes in a way an existing reader would misread.
    public static let schemaVersion = 1

    public static func encode(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let writer = writer(pretty: pretty)
        let bare = try writer.bytes(value)
        // Only an object can carry the version next to its own keys; anything else is wrapped.
        let document = bare.first(where: { !isWhitespace($0) }) == UInt8(ascii: "{")
            ? try writer.bytes(Versioned(value: value))
            : try writer.bytes(Wrapped(items: value))
        return String(decoding: document, as: UTF8.self)
    }

    /// What ``encode(_:pretty:)`` writes for a list, which always encodes as a JSON array: wrapped
    /// at once, instead of encoded first to see what it is (`plus import` of a whole folder lists
    /// hundreds of reports, and encoding them took a fifth of its instructions).
    public static func encode<Element: Encodable>(_ list: [Element], pretty: Bool = true) throws -> String {
        try writer(pretty: pretty).string(Wrapped(items: list))
    }

    /// What ``encode(_:pretty:)`` writes for a value that is a JSON object, encoded once instead
    /// of twice: for documents written by the thousand (a receipt per file).
    public static func encodeObject(_ value: some Encodable, pretty: Bool = true) throws -> String {
        try writer(pretty: pretty).string(Versioned(value: value))
    }

    /// ``encodeObject(_:pretty:)``'s text and a line break, as the bytes of a file.
    public static func objectFile(_ value: some Encodable, pretty: Bool = true) throws -> Data {
        var bytes = try writer(pretty: pretty).bytes(Versioned(value: value))
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// The writer of every document: ``SortedJSONWriter``, which writes `JSONEncoder`'s bytes (and lets
    /// `JSONEncoder` write them when `PLUS_JSON_WRITER=foundation`).
    public static func writer(pretty: Bool) -> SortedJSONWriter {
        // Seconds since 2001 (Foundation's default) mean nothing to a reader in another language.
        SortedJSONWriter(prettyPrinted: pretty, datesInISO8601: true)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private enum Key: String, CodingKey {
        case schemaVersion, items
    }

    /// The value's own keys, and `schemaVersion` beside them; for an encoder of another style
    /// (the report's data), so that its documents carry the same version.
    public struct Versioned<Value: Encodable>: Encodable {
        let value: Value

        public init(value: Value) {
            self.value = value
        }

        public func encode(to encoder: any Encoder) throws {
            try value.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(JSONOutput.schemaVersion, forKey: .schemaVersion)
        }
    }

    struct Wrapped<Value: Encodable>: Encodable {
        let items: Value

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(items, forKey: .items)
            try container.encode(JSONOutput.schemaVersion, forKey: .schemaVersion)
        }
    }
}
