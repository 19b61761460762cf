/// A file name as the folder holds it: bytes, which need not be UTF-8, shown escaped.
///
/// A name that is not UTF-8, or holds control characters (a newline would forge a log line),
/// is shown with each such byte as `\xNN`; the name of its copy in `rejected/` uses `%NN`.
///
/// ```swift
/// EntryName(bytes: Array("caf".utf8) + [0xE8, 0x2E, 0x63, 0x73, 0x76]).shown   // "caf\xE8.csv"
/// ```
public struct EntryName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The name as text, when it is valid UTF-8.
    public var text: String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Whether the name is UTF-8 without control characters, and so shown as it is.
    public var isPlainText: Bool {
        guard let text else { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The name for messages and logs: itself when it is plain UTF-8, else escaped byte by byte.
    public var shown: String { escaped(marker: "\\x") }

    /// A safe name for the entry's place in `rejected/`.
    public var safeFileName: String { escaped(marker: "%") }

    public var description: String { shown }

    public static func < (lhs: EntryName, rhs: EntryName) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private func escaped(marker: String) -> String {
        if isPlainText, let text {
            return marker == "%" ? text.replacingOccurrences(of: "%", with: "%25") : text
        }
        var shown = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            // The longest valid UTF-8 character at the front, else one escaped byte.
            let width = Self.characterWidth(rest)
            if width > 0, let character = String(validating: rest.prefix(width), as: UTF8.self),
               !(width == 1 && (rest.first! < 0x20 || rest.first! == 0x7F)), character != "%"
            {
                shown += character
                rest = rest.dropFirst(width)
            } else {
                let byte = rest.first!
                shown += marker + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                rest = rest.dropFirst()
            }
        }
        return shown
    }

    private static func characterWidth(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let lead = bytes.first else { return 0 }
        let width = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        return width <= bytes.count ? width : 0
    }
}
