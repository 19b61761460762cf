import CLibXML2

/// A workbook's shared strings, kept as one run of UTF-8 bytes and where each string ends.
///
/// A sheet names its text cells by an index into `xl/sharedStrings.xml`. Kept as `[String]`, the
/// strings took some six times their text: a 5 MB workbook whose 154 MB part held two million
/// strings took 800 MB. Here they take their text and four bytes each, read as the part is
/// inflated, and past ``limit`` (text and index together) the workbook is refused (`WBK004`):
/// an untrusted file cannot make the run hold more.
///
/// ```swift
/// var strings = SharedStrings()
/// try strings.append(Array("Codice".utf8))
/// strings[0]   // "Codice"
/// ```
struct SharedStrings: Sendable {
    /// The most bytes the strings may take, their text and their index together.
    static let limit = 64 << 20

    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []
    /// The most bytes these strings may take (``limit`` unless a test sets a smaller one).
    private let allowed: Int

    init(limit: Int = Self.limit) { allowed = limit }

    /// How many strings there are: a cell's index must be below it.
    var count: Int { ends.count }

    /// The string at `index`, which must be below ``count``.
    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes[start..<Int(ends[index])].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The length in bytes of the string at `index`, which must be below ``count``.
    func byteCount(at index: Int) -> Int {
        Int(ends[index]) - (index == 0 ? 0 : Int(ends[index - 1]))
    }

    /// Adds the next string.
    mutating func append(_ text: some Collection<UInt8>) throws {
        bytes.append(contentsOf: text)
        ends.append(UInt32(bytes.count))
        guard bytes.count + ends.count * MemoryLayout<UInt32>.size <= allowed else { throw Self.tooLarge(count, limit: allowed) }
    }

    /// The refusal of strings past the limit, after `count` of them.
    static func tooLarge(_ count: Int, limit: Int) -> WorkbookError {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MB" : "\(limit) byte"
        return WorkbookError(.workbookTooLarge, found: "xl/sharedStrings.xml: > \(size) (\(count) stringhe / strings)", expected: size)
    }

    /// The strings of `xl/sharedStrings.xml` read as it is inflated, each the concatenation of its
    /// runs (phonetic runs left out).
    static func read(_ stream: PartStream, limit: Int = Self.limit) throws -> SharedStrings {
        var strings = SharedStrings(limit: limit)
        var current: [UInt8] = []
        var inText = false
        var phoneticDepth = 0
        try PartReader.read(stream) { node in
            switch node.name {
            case "si" where node.isStart && !node.isEmptyElement: current.removeAll(keepingCapacity: true)
            case "si" where node.isStart: try strings.append(EmptyCollection())
            case "si" where node.isEnd: try strings.append(current)
            case "rPh" where node.isStart && !node.isEmptyElement: phoneticDepth += 1
            case "rPh" where node.isEnd: phoneticDepth -= 1
            case "t" where node.isStart && !node.isEmptyElement: inText = true
            case "t" where node.isEnd: inText = false
            default:
                if node.isText || node.type == 13 || node.type == 14, inText, phoneticDepth == 0 {
                    node.appendValue(to: &current)
                    // A string never ended (no `</si>`) grows within the same limit.
                    if current.count > limit { throw tooLarge(strings.count, limit: limit) }
                }
            }
        }
        return strings
    }
}
