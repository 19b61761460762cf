import Foundation

/// Writes any `Encodable` as the exact bytes Foundation's `JSONEncoder` writes with sorted keys,
/// at a fraction of its cost.
///
/// ```swift
/// let writer = SortedJSONWriter(prettyPrinted: false, datesInISO8601: true)
/// print(try writer.string(summary))   // {"files":3,…,"startedAt":"2026-11-30T13:05:00Z"}
/// ```
///
/// Every JSON document `plus` writes is sorted-keys `JSONEncoder` output: readers, tests and
/// the digests in manifests rely on those bytes. `JSONEncoder` spends about 220 instructions per
/// byte it writes (a dictionary per object, a dynamic cast per value, a `String` per number, the
/// whole tree copied before it is written); this writer keeps a small tree of its own and writes
/// it once. The types' `Codable` conformances stay the only description of each document.
///
/// The bytes are `JSONEncoder`'s (swift-foundation, outside Apple's frameworks): keys sorted by
/// their UTF-8 bytes, the last value of a key encoded twice, `"key" : value` and two spaces a level
/// when pretty, `"`, `\` and the control characters escaped (`\b \f \n \r \t`, the others as
/// `\u00xx`), `/` as `\/` unless told otherwise, other characters (U+2028 included) as their UTF-8;
/// doubles as their `description` less a trailing `.0`, `Decimal` as its `description`, `URL` as
/// its absolute string, `Data` in Base64, a value that encodes nothing as `{}`, non-finite numbers
/// an error. `SortedJSONWriterEquivalenceTests` holds it to `JSONEncoder` on every document type.
///
/// `PLUS_JSON_WRITER=foundation` in the environment has `JSONEncoder` write every document
/// instead: slower, same bytes.
public struct SortedJSONWriter: Sendable {
    /// Indented output (`JSONEncoder`'s `.prettyPrinted`) rather than one line.
    public var prettyPrinted: Bool
    /// Whether `/` is written `\/` (`JSONEncoder` without `.withoutEscapingSlashes`).
    public var escapesSlashes: Bool
    /// Dates as ISO 8601 text (`.iso8601`) rather than seconds since 2001 (`.deferredToDate`).
    public var datesInISO8601: Bool

    public init(prettyPrinted: Bool, escapesSlashes: Bool = false, datesInISO8601: Bool) {
        self.prettyPrinted = prettyPrinted
        self.escapesSlashes = escapesSlashes
        self.datesInISO8601 = datesInISO8601
    }

    /// Whether `JSONEncoder` writes instead (`PLUS_JSON_WRITER=foundation`), for ruling this
    /// writer out when a document looks wrong.
    public static let usesFoundation =
        ProcessInfo.processInfo.environment["PLUS_JSON_WRITER"]?.lowercased() == "foundation"

    /// `JSONEncoder` set up to write what this writer writes: the specification the writer is
    /// tested against, and what writes when ``usesFoundation``.
    public var foundationEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys]
        if prettyPrinted { formatting.insert(.prettyPrinted) }
        if !escapesSlashes { formatting.insert(.withoutEscapingSlashes) }
        encoder.outputFormatting = formatting
        encoder.dateEncodingStrategy = datesInISO8601 ? .iso8601 : .deferredToDate
        return encoder
    }

    /// The value's JSON, as its UTF-8 bytes.
    public func bytes(_ value: some Encodable) throws -> [UInt8] {
        if Self.usesFoundation { return Array(try foundationEncoder.encode(value)) }
        return try ownBytes(value)
    }

    /// The value's JSON, as `Data`.
    public func data(_ value: some Encodable) throws -> Data {
        if Self.usesFoundation { return try foundationEncoder.encode(value) }
        return Data(try ownBytes(value))
    }

    /// The value's JSON, as text.
    public func string(_ value: some Encodable) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    /// What this writer writes, whatever ``usesFoundation`` says: what the tests compare.
    func ownBytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONTreeEncoder(datesInISO8601: datesInISO8601, parent: nil, key: nil)
        guard let root = try encoder.node(for: value, key: nil, encodingInto: encoder) else {
            throw EncodingError.invalidValue(value, .init(
                codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
        }
        var output = JSONByteOutput(prettyPrinted: prettyPrinted, escapesSlashes: escapesSlashes)
        try output.write(root, depth: 0)
        return output.bytes
    }
}

// MARK: - The tree

/// One value of a document being encoded: scalars as they are, containers by reference, since
/// an `Encoder` may add to a container after handing it out.
enum JSONNode {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsignedInteger(UInt64)
    /// Text written as it is: a `Decimal`'s or a 128-bit integer's digits, a float's description.
    case number(String)
    case string(String)
    case object(JSONObjectNode)
    case array(JSONArrayNode)
    /// What a super-encoder encodes, read when the document is written (`{}` if nothing).
    case pending(JSONTreeEncoder)
}

/// An object's members in the order encoded; sorted (and a key encoded twice reduced to its last
/// value) when written.
final class JSONObjectNode {
    var members: [(key: String, value: JSONNode)] = []

    init() {
        // Most objects are a struct's handful of properties: room for them at once.
        members.reserveCapacity(8)
    }

    func set(_ value: JSONNode, for key: String) {
        members.append((key, value))
    }

    /// The last value encoded for `key`, for a nested container asked for twice.
    func last(for key: String) -> JSONNode? {
        members.last(where: { $0.key == key })?.value
    }
}

final class JSONArrayNode {
    var elements: [JSONNode] = []
}

// MARK: - The encoder

/// The `Encoder` that builds a ``JSONNode`` tree: one per value that is not a scalar, as
/// `JSONEncoder` has.
final class JSONTreeEncoder: Encoder {
    let datesInISO8601: Bool
    private let parent: JSONTreeEncoder?
    /// The keys of the nested containers between `parent` and this encoder's own key.
    private let nestedPath: [any CodingKey]
    private let key: (any CodingKey)?
    /// What has been encoded here: nil until something is.
    var result: JSONNode?

    init(datesInISO8601: Bool, parent: JSONTreeEncoder?, nestedPath: [any CodingKey] = [], key: (any CodingKey)?) {
        self.datesInISO8601 = datesInISO8601
        self.parent = parent
        self.nestedPath = nestedPath
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? []
        path += nestedPath
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A second request (a wrapper adding its keys beside the value's) gets the same object.
        let object: JSONObjectNode
        switch result {
        case .object(let existing): object = existing
        case nil:
            object = JSONObjectNode()
            result = .object(object)
        default:
            preconditionFailure("Attempt to push new keyed encoding container when already previously encoded at this path.")
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, object: object, path: []))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArrayNode
        switch result {
        case .array(let existing): array = existing
        case nil:
            array = JSONArrayNode()
            result = .array(array)
        default:
            preconditionFailure("Attempt to push new unkeyed encoding container when already previously encoded at this path.")
        }
        return JSONUnkeyedContainer(encoder: self, array: array, path: [])
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }

    /// The node of a value, or nil if it encoded nothing. Scalars and Foundation's own types are
    /// taken without an encoder of their own; anything else encodes into `target`, or a new
    /// encoder below this one.
    func node<Value: Encodable>(for value: Value, key: (any CodingKey)?, nestedPath: [any CodingKey] = [],
                                encodingInto target: JSONTreeEncoder? = nil) throws -> JSONNode? {
        // Comparing metadata costs next to nothing; `as?` is a runtime cast for every value.
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == Int.self { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
        if Value.self == Int64.self { return .integer(unsafeBitCast(value, to: Int64.self)) }
        if Value.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if Value.self == Double.self {
            return try Self.number(unsafeBitCast(value, to: Double.self), path: { self.codingPath + nestedPath + (key.map { [$0] } ?? []) })
        }
        if Value.self == Date.self { return try date(unsafeBitCast(value, to: Date.self), key: key, nestedPath: nestedPath) }
        if Value.self == URL.self { return .string(unsafeBitCast(value, to: URL.self).absoluteString) }
        if Value.self == Decimal.self { return .number(unsafeBitCast(value, to: Decimal.self).description) }
        if Value.self == Data.self { return .string(unsafeBitCast(value, to: Data.self).base64EncodedString()) }
        let encoder = target ?? JSONTreeEncoder(datesInISO8601: datesInISO8601, parent: self, nestedPath: nestedPath, key: key)
        try value.encode(to: encoder)
        return encoder.result
    }

    /// The node of a value inside a container: `{}` for a value that encodes nothing, as
    /// `JSONEncoder` writes.
    func member<Value: Encodable>(_ value: Value, key: any CodingKey, nestedPath: [any CodingKey]) throws -> JSONNode {
        try node(for: value, key: key, nestedPath: nestedPath) ?? .object(JSONObjectNode())
    }

    private func date(_ date: Date, key: (any CodingKey)?, nestedPath: [any CodingKey]) throws -> JSONNode {
        if datesInISO8601 { return .string(ISO8601Text.text(of: date)) }
        // `Date`'s own encoding: seconds since 1 January 2001.
        return try Self.number(date.timeIntervalSinceReferenceDate, path: { self.codingPath + nestedPath + (key.map { [$0] } ?? []) })
    }

    /// A finite number as `JSONEncoder` writes it (its `description`, less a trailing `.0`); an
    /// error for infinity and NaN, which JSON cannot hold.
    static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ number: Number, path: () -> [any CodingKey]
    ) throws -> JSONNode {
        guard number.isFinite else {
            let name = number.isNaN ? "\(Number.self).nan" : number < 0 ? "-\(Number.self).infinity" : "\(Number.self).infinity"
            throw EncodingError.invalidValue(number, .init(
                codingPath: path(), debugDescription: "Unable to encode \(name) directly in JSON."))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let object: JSONObjectNode
    /// The keys of the nested containers from the encoder to this one.
    let path: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + path }

    private func set(_ node: JSONNode, _ key: Key) { object.set(node, for: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try JSONTreeEncoder.number(value, path: { codingPath + [key] }), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try JSONTreeEncoder.number(value, path: { codingPath + [key] }), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.integer(value), key) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws { set(.number(value.description), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.unsignedInteger(value), key) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws { set(.number(value.description), key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        set(try encoder.member(value, key: key, nestedPath: path), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested: JSONObjectNode
        switch object.last(for: key.stringValue) {
        case .object(let existing)?: nested = existing
        case nil:
            nested = JSONObjectNode()
            set(.object(nested), key)
        default:
            preconditionFailure("Attempt to re-encode into nested KeyedEncodingContainer<\(Key.self)> for key \"\(key.stringValue)\" is invalid: non-keyed container already encoded for this key")
        }
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder, object: nested, path: path + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: JSONArrayNode
        switch object.last(for: key.stringValue) {
        case .array(let existing)?: nested = existing
        case nil:
            nested = JSONArrayNode()
            set(.array(nested), key)
        default:
            preconditionFailure("Attempt to re-encode into nested UnkeyedEncodingContainer for key \"\(key.stringValue)\" is invalid: keyed container/single value already encoded for this key")
        }
        return JSONUnkeyedContainer(encoder: encoder, array: nested, path: path + [key])
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: JSONIndexKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key)
    }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let superEncoder = JSONTreeEncoder(datesInISO8601: encoder.datesInISO8601, parent: encoder, nestedPath: path, key: key)
        object.set(.pending(superEncoder), for: key.stringValue)
        return superEncoder
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let array: JSONArrayNode
    let path: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + path }
    var count: Int { array.elements.count }

    private func append(_ node: JSONNode) { array.elements.append(node) }
    private var indexKey: JSONIndexKey { JSONIndexKey(intValue: count) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        let key = indexKey
        append(try JSONTreeEncoder.number(value, path: { codingPath + [key] }))
    }
    mutating func encode(_ value: Float) throws {
        let key = indexKey
        append(try JSONTreeEncoder.number(value, path: { codingPath + [key] }))
    }
    mutating func encode(_ value: Int) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.integer(value)) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { append(.number(value.description)) }
    mutating func encode(_ value: UInt) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { append(.unsignedInteger(value)) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { append(.number(value.description)) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        append(try encoder.member(value, key: indexKey, nestedPath: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = indexKey
        let nested = JSONObjectNode()
        append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder, object: nested, path: path + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = indexKey
        let nested = JSONArrayNode()
        append(.array(nested))
        return JSONUnkeyedContainer(encoder: encoder, array: nested, path: path + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let superEncoder = JSONTreeEncoder(datesInISO8601: encoder.datesInISO8601, parent: encoder, nestedPath: path, key: indexKey)
        append(.pending(superEncoder))
        return superEncoder
    }
}

private struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func store(_ node: JSONNode) {
        precondition(encoder.result == nil, "Attempt to encode value through single value container when previously value already encoded.")
        encoder.result = node
    }

    mutating func encodeNil() throws { store(.null) }
    mutating func encode(_ value: Bool) throws { store(.bool(value)) }
    mutating func encode(_ value: String) throws { store(.string(value)) }
    mutating func encode(_ value: Double) throws { store(try JSONTreeEncoder.number(value, path: { codingPath })) }
    mutating func encode(_ value: Float) throws { store(try JSONTreeEncoder.number(value, path: { codingPath })) }
    mutating func encode(_ value: Int) throws { store(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { store(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { store(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { store(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { store(.integer(value)) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { store(.number(value.description)) }
    mutating func encode(_ value: UInt) throws { store(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { store(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { store(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { store(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { store(.unsignedInteger(value)) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { store(.number(value.description)) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        precondition(encoder.result == nil, "Attempt to encode value through single value container when previously value already encoded.")
        // Encoded in place: a wrapper's value may then add keys to the same object.
        encoder.result = try encoder.node(for: value, key: nil, encodingInto: nil) ?? .object(JSONObjectNode())
    }
}

/// An array index or `super`, in coding paths.
private struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

// MARK: - Writing

/// Writes a ``JSONNode`` tree as `JSONEncoder`'s `SortedJSONWriter` does.
struct JSONByteOutput {
    let prettyPrinted: Bool
    let escapesSlashes: Bool
    private(set) var bytes: [UInt8] = []
    private var indent = 0

    /// `JSONEncoder`'s limit: deeper documents are an error.
    private static let maximumDepth = 512

    init(prettyPrinted: Bool, escapesSlashes: Bool) {
        self.prettyPrinted = prettyPrinted
        self.escapesSlashes = escapesSlashes
        bytes.reserveCapacity(1024)
    }

    mutating func write(_ node: JSONNode, depth: Int) throws {
        switch node {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .integer(let value): writeInteger(value)
        case .unsignedInteger(let value): writeDigits(value)
        case .number(let text): appendUTF8(text)
        case .string(let text): writeString(text)
        case .object(let object): try writeObject(object, depth: depth + 1)
        case .array(let array): try writeArray(array, depth: depth + 1)
        case .pending(let encoder): try write(encoder.result ?? .object(JSONObjectNode()), depth: depth)
        }
    }

    private mutating func writeObject(_ object: JSONObjectNode, depth: Int) throws {
        guard depth < Self.maximumDepth else { throw Self.tooDeep() }
        bytes.append(UInt8(ascii: "{"))
        let order = Self.memberOrder(object.members)
        if prettyPrinted {
            bytes.append(UInt8(ascii: "\n"))
            indent += 1
            if !order.isEmpty { writeIndent() }
        }
        var first = true
        for (keyIndex, valueIndex) in order {
            if first {
                first = false
            } else if prettyPrinted {
                append(",\n")
                writeIndent()
            } else {
                bytes.append(UInt8(ascii: ","))
            }
            writeString(object.members[keyIndex].key)
            if prettyPrinted { append(" : ") } else { bytes.append(UInt8(ascii: ":")) }
            try write(object.members[valueIndex].value, depth: depth)
        }
        if prettyPrinted {
            bytes.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func writeArray(_ array: JSONArrayNode, depth: Int) throws {
        guard depth < Self.maximumDepth else { throw Self.tooDeep() }
        bytes.append(UInt8(ascii: "["))
        if prettyPrinted {
            bytes.append(UInt8(ascii: "\n"))
            indent += 1
        }
        var first = true
        for element in array.elements {
            if first {
                first = false
            } else if prettyPrinted {
                append(",\n")
            } else {
                bytes.append(UInt8(ascii: ","))
            }
            if prettyPrinted { writeIndent() }
            try write(element, depth: depth)
        }
        if prettyPrinted {
            bytes.append(UInt8(ascii: "\n"))
            indent -= 1
            writeIndent()
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The members to write, in `JSONEncoder`'s order, as the index of the key's spelling and the
    /// index of the value: one member a key, sorted by the keys' UTF-8 bytes.
    ///
    /// `JSONEncoder` keeps an object's members in a `[String: …]`, so a key encoded twice keeps its
    /// last value, and two spellings Swift holds equal (`é` precomposed or not) are one key, spelt
    /// as first encoded. ASCII keys are equal only byte for byte, which sorting brings together.
    static func memberOrder(_ members: [(key: String, value: JSONNode)]) -> [(key: Int, value: Int)] {
        var order = members.indices.map { (key: $0, value: $0) }
        guard members.count > 1 else { return order }
        guard members.allSatisfy({ isASCII($0.key) }) else { return memberOrderByEquivalence(members) }
        sortByKey(&order, members)
        // Equal keys sort in the order encoded: the last one holds the value to write.
        var kept = 0
        for position in order.indices {
            if position + 1 < order.count, members[order[position + 1].key].key == members[order[position].key].key { continue }
            order[kept] = order[position]
            kept += 1
        }
        order.removeLast(order.count - kept)
        return order
    }

    private static func memberOrderByEquivalence(_ members: [(key: String, value: JSONNode)]) -> [(key: Int, value: Int)] {
        var slotOfKey: [String: Int] = [:]
        var order: [(key: Int, value: Int)] = []
        for index in members.indices {
            if let slot = slotOfKey[members[index].key] {
                order[slot].value = index
            } else {
                slotOfKey[members[index].key] = order.count
                order.append((index, index))
            }
        }
        sortByKey(&order, members)
        return order
    }

    private static func isASCII(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// Sorts by the keys' UTF-8 bytes, equal keys in the order encoded (an insertion sort for the
    /// handful of keys of most objects).
    static func sortByKey(_ order: inout [(key: Int, value: Int)], _ members: [(key: String, value: JSONNode)]) {
        func precedes(_ left: (key: Int, value: Int), _ right: (key: Int, value: Int)) -> Bool {
            utf8Precedes(members[left.key].key, members[right.key].key)
        }
        if order.count > 16 {
            order.sort { precedes($0, $1) || (!precedes($1, $0) && $0.key < $1.key) }
            return
        }
        guard order.count > 1 else { return }
        for position in 1..<order.count {
            let member = order[position]
            var slot = position
            while slot > 0, precedes(member, order[slot - 1]) {
                order[slot] = order[slot - 1]
                slot -= 1
            }
            order[slot] = member
        }
    }

    /// Whether `left`'s UTF-8 bytes sort before `right`'s (a prefix first), as
    /// `left.utf8.lexicographicallyPrecedes(right.utf8)` says, without iterating.
    static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        var left = left, right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0 {
                    let order = memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return leftBytes.count < rightBytes.count
            }
        }
    }

    private mutating func writeIndent() {
        for _ in 0..<indent { append("  ") }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func writeInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        writeDigits(value.magnitude)
    }

    private mutating func writeDigits(_ value: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// A string in quotes with `JSONEncoder`'s escapes; runs of plain bytes copied whole.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { source in
            guard let base = source.baseAddress else { return }
            var mark = 0
            for index in 0..<source.count {
                let byte = base[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    || (byte == UInt8(ascii: "/") && escapesSlashes) else { continue }
                if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(start: base + mark, count: index - mark)) }
                mark = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "/"): append("\\/")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                }
            }
            if source.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(start: base + mark, count: source.count - mark)) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private static func tooDeep() -> EncodingError {
        EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
    }
}

/// `Date.ISO8601FormatStyle()`'s text (`2026-11-30T13:05:00Z`: UTC, whole seconds rounded down),
/// computed from the seconds for the years 1970 to 9999; the formatter for any other date.
enum ISO8601Text {
    static func text(of date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800 else { return date.formatted(.iso8601) }
        let seconds = Int64(interval.rounded(.down))
        let days = seconds / 86_400
        let secondOfDay = Int(seconds % 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        var text = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var rest = value
            for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, digits: 4)
        text[4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        text[7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        text[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, at: 11, digits: 2)
        text[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, at: 14, digits: 2)
        text[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, digits: 2)
        text[19] = UInt8(ascii: "Z")
        return String(decoding: text, as: UTF8.self)
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civilDate(daysSince1970 days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
