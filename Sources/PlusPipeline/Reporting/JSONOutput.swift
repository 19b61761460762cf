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

    /// One item of a list, written as ``encode(_:pretty:)`` of a list writes it among the others:
    /// for lists whose items are written side by side on the cores, then joined in order by
    /// ``list(ofWritten:pretty:)``. `plus import` of a folder wrote its hundreds of reports on one
    /// thread once every file was read, a fifth of its instructions after the reading.
    ///
    /// ```swift
    /// let items = try verdicts.map { try JSONOutput.listItem($0) }   // on any thread
    /// print(try JSONOutput.list(ofWritten: items))                  // == JSONOutput.encode(verdicts)
    /// ```
    public static func listItem(_ value: some Encodable, pretty: Bool = true) throws -> [UInt8] {
        let bytes = try writer(pretty: pretty).bytes(value)
        guard pretty else { return bytes }
        // In the list, two levels down: every line four spaces further in, but the empty line of an
        // empty array or object, which the writer leaves empty. A line break of pretty JSON is
        // never inside a string, where it is written `\n`.
        var indented: [UInt8] = []
        indented.reserveCapacity(bytes.count + bytes.count / 4)
        var lineStart = true
        for byte in bytes {
            let isLineBreak = byte == UInt8(ascii: "\n")
            if lineStart && !isLineBreak { indented.append(contentsOf: itemIndent) }
            indented.append(byte)
            lineStart = isLineBreak
        }
        return indented
    }

    /// The list of items written by ``listItem(_:pretty:)``, in their order: the document
    /// ``encode(_:pretty:)`` of a list writes of the values.
    public static func list(ofWritten items: [[UInt8]], pretty: Bool = true) throws -> String {
        // An empty list is written as the writer writes one, whatever its element.
        guard !items.isEmpty else { return try encode([Int](), pretty: pretty) }
        let (open, separator, close) = pretty
            ? ("{\n  \"\(Key.items.rawValue)\" : [\n", ",\n", "\n  ],\n  \"\(Key.schemaVersion.rawValue)\" : \(schemaVersion)\n}")
            : ("{\"\(Key.items.rawValue)\":[", ",", "],\"\(Key.schemaVersion.rawValue)\":\(schemaVersion)}")
        var bytes = Array(open.utf8)
        bytes.reserveCapacity(items.reduce(open.utf8.count + close.utf8.count) { $0 + $1.count + separator.utf8.count })
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(contentsOf: separator.utf8) }
            bytes.append(contentsOf: item)
        }
        bytes.append(contentsOf: close.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How far in an item of a listed document is: two levels of two spaces.
    private static let itemIndent = Array("    ".utf8)

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
