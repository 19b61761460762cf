import Foundation
import PlusTestSupport
import Testing
@testable import PlusModel

/// ``SortedJSONWriter`` writes `JSONEncoder`'s bytes: seeded random documents of every kind of value
/// `Codable` can hand an encoder, hostile strings and keys, in every style the project uses.
/// If Foundation's encoder changes what it writes, these fail, and the writer follows it.
@Suite("SortedJSONWriter writes JSONEncoder's bytes")
struct SortedJSONWriterEquivalenceTests {
    /// The styles: pretty or compact, slashes escaped or not, dates as text or seconds.
    static let writers: [SortedJSONWriter] = [true, false].flatMap { pretty in
        [true, false].flatMap { slashes in
            [true, false].map { SortedJSONWriter(prettyPrinted: pretty, escapesSlashes: slashes, datesInISO8601: $0) }
        }
    }

    /// Asserts that every style writes `value` as `JSONEncoder` does, or that both refuse it.
    static func expectSameBytes<Value: Encodable>(
        _ value: Value, _ comment: @autoclosure () -> String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for writer in writers {
            let foundation = Result { Array(try writer.foundationEncoder.encode(value)) }
            let own = Result { try writer.ownBytes(value) }
            switch (foundation, own) {
            case (.success(let expected), .success(let written)):
                #expect(written == expected, "\(writer) \(comment())\nJSONEncoder: \(String(decoding: expected, as: UTF8.self))\nwriter:      \(String(decoding: written, as: UTF8.self))", sourceLocation: sourceLocation)
            case (.failure, .failure): break
            case (.success(let expected), .failure(let error)):
                Issue.record("writer threw \(error) where JSONEncoder wrote \(String(decoding: expected, as: UTF8.self))", sourceLocation: sourceLocation)
            case (.failure(let error), .success(let written)):
                Issue.record("writer wrote \(String(decoding: written, as: UTF8.self)) where JSONEncoder threw \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Strings meant to break a writer: every control character, quotes, backslashes, slashes,
    /// line and paragraph separators, DEL, a byte-order mark, combining marks, astral characters.
    static let hostileStrings: [String] = {
        var strings = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        strings += [
            "", " ", "\"", "\\", "/", "\\/", "</script>", "\u{7F}", "\u{80}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}",
            "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "😀", "𝄞 clef", "e\u{301}", "é", "日本語", "a\u{0}b", "\r\n", "tab\there",
            "«Cabras» / è", "https://example.org/a/b?c=d&e=f", "\u{1F1EE}\u{1F1F9}", "\u{10FFFF}", "\u{D7FF}\u{E000}",
            String(repeating: "x", count: 300), "\"\\\"\\\\\"", "\u{1B}[31mred\u{1B}[0m",
        ]
        return strings
    }()

    @Test func hostileStrings() {
        for string in Self.hostileStrings {
            Self.expectSameBytes(string, string.debugDescription)
            Self.expectSameBytes([string: string], string.debugDescription)
            Self.expectSameBytes([string, string + string], string.debugDescription)
        }
        Self.expectSameBytes(Self.hostileStrings)
        Self.expectSameBytes(Dictionary(Self.hostileStrings.map { ($0, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Keys that differ in case, digits, accents and prefixes: `JSONEncoder` sorts by UTF-8 bytes
    /// here (Apple's frameworks compare them numerically and without case).
    @Test func keyOrder() {
        let keys = ["a", "B", "b", "A", "10", "9", "1", "a1", "a10", "a2", "aa", "a_b", "a-b", "aB", "Ab", "é", "e\u{301}", "f",
                    "z", "Z", "_", "ñ", "日本", "😀", "\u{7F}", "", " ", "ab", "abc", "abd", "ÀB", "àb", "ß", "ss", "ｆｕｌｌ", "Ω", "Ω"]
        Self.expectSameBytes(Dictionary(keys.map { ($0, $0) }, uniquingKeysWith: { first, _ in first }))
        Self.expectSameBytes(KeyedSample(members: keys.map { ($0, .string($0)) }))
        Self.expectSameBytes([3: "c", 20: "t", 100: "h", -1: "m"])
    }

    /// A key encoded twice keeps its last value; two spellings Swift holds equal are one key.
    @Test func keysEncodedTwice() {
        Self.expectSameBytes(KeyedSample(members: [("a", .integer(1)), ("b", .integer(2)), ("a", .integer(3))]))
        Self.expectSameBytes(KeyedSample(members: [("é", .integer(1)), ("f", .integer(2)), ("e\u{301}", .integer(3))]))
        Self.expectSameBytes(KeyedSample(members: [("e\u{301}", .integer(1)), ("d", .null), ("é", .string("x"))]))
        Self.expectSameBytes(KeyedSample(members: [("Ω", .integer(1)), ("Ω", .integer(2))]))
    }

    @Test func numbers() {
        let doubles: [Double] = [0, -0.0, 1, -1, 0.1, 0.5, 1.5, 100, 1e15, 1e16, 1e17, 1.7976931348623157e308, 5e-324, 1e-7, 0.000001,
                                 123456789.123, -2.5e-10, Double(Int64.max), 4.35, 1.0 / 3.0]
        Self.expectSameBytes(doubles)
        for double in doubles { Self.expectSameBytes(double) }
        Self.expectSameBytes(doubles.map(Float.init))
        Self.expectSameBytes([Int.min, Int.max, 0, -1])
        Self.expectSameBytes([UInt64.max, 0])
        Self.expectSameBytes([Int8.min, Int8.max])
        Self.expectSameBytes(Decimal(string: "12345678901234567890.123456789")!)
        Self.expectSameBytes([Decimal(0), Decimal(-1), Decimal(string: "0.001")!])
        for bad in [Double.nan, .infinity, -.infinity] {
            Self.expectSameBytes(bad)
            Self.expectSameBytes([bad])
            Self.expectSameBytes(["x": bad])
        }
    }

    @Test func foundationTypes() {
        var generator = SplitMix64(seed: 1_606)
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 0.999),
                             Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 253_402_300_799.5),
                             Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: -12_219_292_800 - 86_400),
                             Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: 123.456)]
        for _ in 0..<500 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -3_000_000_000...5_000_000_000, using: &generator)))
            dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &generator))))
        }
        Self.expectSameBytes(dates)
        Self.expectSameBytes(["at": dates[3]])
        Self.expectSameBytes(dates[4])
        Self.expectSameBytes([URL(string: "https://example.org/a b/è?x=1&y=/")!, URL(fileURLWithPath: "/tmp/a b/c.json"),
                              URL(string: "relative/path", relativeTo: URL(string: "https://example.org/base/"))!])
        Self.expectSameBytes([Data(), Data([0, 1, 2, 253, 254, 255]), Data("plus".utf8)])
        Self.expectSameBytes(["optional": Date?.none, "there": dates[0]])
    }

    @Test func shapes() {
        Self.expectSameBytes([Int]())
        Self.expectSameBytes([String: Int]())
        Self.expectSameBytes([[Int]]([[], [1], []]))
        Self.expectSameBytes(["a": [String: Int](), "b": ["x": 1]])
        Self.expectSameBytes(Nothing())
        Self.expectSameBytes([Nothing()])
        Self.expectSameBytes(["n": Nothing()])
        Self.expectSameBytes(Nested(depth: 5))
        Self.expectSameBytes(Nested(depth: 600))
        Self.expectSameBytes(WithSuper(value: 4))
        Self.expectSameBytes(Versioned(Sample.object([("b", .integer(2)), ("a", .bool(true))])))
        Self.expectSameBytes(Versioned(Sample.string("alone")))
        Self.expectSameBytes(Optional<Int>.none)
        Self.expectSameBytes([Int?.none, 1])
        Self.expectSameBytes(true)
    }

    /// Seeded random documents: nested objects and arrays of every scalar, hostile strings,
    /// dates, URLs and the rest, at every style.
    @Test(arguments: 1...40)
    func randomDocuments(seed: UInt64) {
        var generator = SplitMix64(seed: 0x15_0000 + seed)
        let document = Sample.random(depth: 0, using: &generator)
        Self.expectSameBytes(document, "seed \(seed)")
    }
}

/// A value of any shape, encoded through every container call an `Encoder` offers.
indirect enum Sample: Encodable {
    case null, bool(Bool), integer(Int), int8(Int8), uint64(UInt64), int32(Int32), double(Double), float(Float)
    case string(String), date(Date), url(URL), decimal(Decimal), data(Data), absent
    case object([(String, Sample)]), array([Sample]), ints([Int]), strings([String]), doubles([Double])
    case dictionary([String: Sample]), nestedObject(String, [(String, Sample)]), nestedArray(String, [Sample])

    static func random(depth: Int, using generator: inout SplitMix64) -> Sample {
        let kinds = depth > 4 ? 14 : 22
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator))
        case 3: return .int8(Int8.random(in: .min ... .max, using: &generator))
        case 4: return .uint64(UInt64.random(in: 0 ... .max, using: &generator))
        case 5: return .double(randomDouble(using: &generator))
        case 6: return .float(Float(randomDouble(using: &generator)))
        case 7, 8: return .string(randomString(using: &generator))
        case 9: return .date(Date(timeIntervalSince1970: Double.random(in: -1e10...1e10, using: &generator)))
        case 10: return .url(URL(string: "https://example.org/\(Int.random(in: 0...999, using: &generator))/a?b=c")!)
        case 11: return .decimal(Decimal(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 100)
        case 12: return .data(Data((0..<Int.random(in: 0...9, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        case 13: return .absent
        case 14, 15: return .object(members(depth: depth, using: &generator))
        case 16: return .array((0..<Int.random(in: 0...5, using: &generator)).map { _ in random(depth: depth + 1, using: &generator) })
        case 17: return .ints((0..<Int.random(in: 0...4, using: &generator)).map { _ in Int.random(in: -99_999...99_999, using: &generator) })
        case 18: return .strings((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomString(using: &generator) })
        case 19: return .dictionary(Dictionary(members(depth: depth, using: &generator), uniquingKeysWith: { first, _ in first }))
        case 20: return .nestedObject(randomKey(using: &generator), members(depth: depth, using: &generator))
        default: return .nestedArray(randomKey(using: &generator), (0..<Int.random(in: 0...3, using: &generator)).map { _ in random(depth: depth + 1, using: &generator) })
        }
    }

    static func members(depth: Int, using generator: inout SplitMix64) -> [(String, Sample)] {
        (0..<Int.random(in: 0...7, using: &generator)).map { _ in (randomKey(using: &generator), random(depth: depth + 1, using: &generator)) }
    }

    static func randomKey(using generator: inout SplitMix64) -> String {
        let keys = ["id", "ID", "name", "nome", "a", "b", "a1", "a10", "a2", "ente", "èra", "e\u{301}ra", "_x", "Z", "😀", "k/v", "q\"uote", ""]
        if Int.random(in: 0..<4, using: &generator) == 0 { return randomString(using: &generator) }
        return keys[Int.random(in: 0..<keys.count, using: &generator)]
    }

    static func randomString(using generator: inout SplitMix64) -> String {
        let pieces = SortedJSONWriterEquivalenceTests.hostileStrings + ["Cabras", "comune:095018", "2019", "ç", " "]
        return (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
    }

    static func randomDouble(using generator: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 100
        case 1: return Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
        case 2: return Double(bitPattern: UInt64.random(in: 0 ... .max, using: &generator) & 0x7FEF_FFFF_FFFF_FFFF)
        default: return Double(Int.random(in: -100...100, using: &generator))
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            try Self.encode(members, into: &container)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements {
                switch element {
                case .null: try container.encodeNil()
                case .bool(let value): try container.encode(value)
                case .integer(let value): try container.encode(value)
                case .string(let value): try container.encode(value)
                case .double(let value): try container.encode(value)
                case .object(let members):
                    var nested = container.nestedContainer(keyedBy: Key.self)
                    try Self.encode(members, into: &nested)
                case .nestedArray(_, let inner):
                    var nested = container.nestedUnkeyedContainer()
                    for value in inner { try nested.encode(value) }
                default: try container.encode(element)
                }
            }
        case .dictionary(let dictionary): try dictionary.encode(to: encoder)
        case .nestedObject(let key, let members):
            var container = encoder.container(keyedBy: Key.self)
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: key))
            try Self.encode(members, into: &nested)
        case .nestedArray(let key, let elements):
            var container = encoder.container(keyedBy: Key.self)
            var nested = container.nestedUnkeyedContainer(forKey: Key(stringValue: key))
            for element in elements { try nested.encode(element) }
        case .absent: break
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .int8(let value): try container.encode(value)
            case .int32(let value): try container.encode(value)
            case .uint64(let value): try container.encode(value)
            case .double(let value): try container.encode(value)
            case .float(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .date(let value): try container.encode(value)
            case .url(let value): try container.encode(value)
            case .decimal(let value): try container.encode(value)
            case .data(let value): try container.encode(value)
            case .ints(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            case .doubles(let value): try container.encode(value)
            default: try container.encodeNil()
            }
        }
    }

    private static func encode(_ members: [(String, Sample)], into container: inout KeyedEncodingContainer<Key>) throws {
        for (name, value) in members {
            let key = Key(stringValue: name)
            switch value {
            case .null: try container.encodeNil(forKey: key)
            case .bool(let value): try container.encode(value, forKey: key)
            case .integer(let value): try container.encode(value, forKey: key)
            case .int8(let value): try container.encode(value, forKey: key)
            case .uint64(let value): try container.encode(value, forKey: key)
            case .double(let value): try container.encode(value, forKey: key)
            case .float(let value): try container.encode(value, forKey: key)
            case .string(let value): try container.encode(value, forKey: key)
            case .date(let value): try container.encode(value, forKey: key)
            case .url(let value): try container.encodeIfPresent(Optional(value), forKey: key)
            case .absent: try container.encodeIfPresent(Int?.none, forKey: key)
            default: try container.encode(value, forKey: key)
            }
        }
    }
}

/// Members given in order, duplicates included.
struct KeyedSample: Encodable {
    var members: [(String, Sample)]

    func encode(to encoder: any Encoder) throws {
        try Sample.object(members).encode(to: encoder)
    }
}

/// A value that encodes nothing: `{}` inside a container, an error alone.
struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

struct Nested: Encodable {
    var depth: Int

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        if depth > 0 { try container.encode(Nested(depth: depth - 1)) } else { try container.encode(0) }
    }
}

/// A value whose keys come partly through super-encoders.
struct WithSuper: Encodable {
    var value: Int
    enum Key: String, CodingKey { case value, parent }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(value, forKey: .value)
        try ["inherited": value].encode(to: container.superEncoder())
        try [value, value].encode(to: container.superEncoder(forKey: .parent))
    }
}

/// A value's keys with one more beside them, in the same container (as `JSONOutput.Versioned`).
struct Versioned<Value: Encodable>: Encodable {
    var value: Value
    init(_ value: Value) { self.value = value }
    enum Key: String, CodingKey { case schemaVersion }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        if case .string = value as? Sample { return }
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: .schemaVersion)
    }
}
