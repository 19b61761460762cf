/// How an amount is written as text.
///
/// ```swift
/// Money(cents: -123456).formatted(.italian)  // "-1.234,56"
/// Money(cents: -123456).formatted(.plain)    // "-1234.56"
/// Money(cents: -123456).formatted(.english)  // "-1,234.56"
/// ```
public enum MoneyFormat: Sendable {
    /// Dot decimals, no grouping: for machines (CSV, JSON, XML).
    case plain
    /// Decimal comma and dot thousands, as Italian spreadsheets show it.
    case italian
    /// Like `italian`, prefixed with "€ ".
    case euro
    /// Decimal point and comma thousands, for English text: `1,234.56`.
    case english

    /// The format of amounts in messages in `language`: `1.234,56` in Italian, `1,234.56` in English.
    public static func text(for language: Language) -> MoneyFormat {
        language == .en ? .english : .italian
    }
}

extension Money {
    /// The amount as text, always with two decimals.
    ///
    /// Written byte by byte from the right into a buffer on the stack: a report writes every
    /// amount of its charts and tables so, and the text built from `String`s and `Character`s
    /// (``grouped(_:by:)`` reversing an array of characters) was most of a chart's time.
    public func formatted(_ format: MoneyFormat) -> String {
        withFormattedBytes(format) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of ``formatted(_:)``, on the stack: a writer that copies
    /// them into its own buffer (the XML export's amounts) makes no `String` of each.
    ///
    /// ```swift
    /// Money(cents: -5).withFormattedBytes(.plain) { Array($0) }   // "-0.05"
    /// ```
    // Inlinable, so that each caller's `body` is specialized: called across modules in its
    // generic form, it cost more than the `String` it saves.
    @inlinable
    public func withFormattedBytes<Result>(
        _ format: MoneyFormat, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        let group: UInt8? = switch format {
        case .plain: nil
        case .english: UInt8(ascii: ",")
        case .italian, .euro: UInt8(ascii: ".")
        }
        let decimal = format == .plain || format == .english ? UInt8(ascii: ".") : UInt8(ascii: ",")
        // "€ ", a sign, 18 digits of an Int64's euros, 6 group marks, the decimal mark and 2 digits.
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            let magnitude = cents.magnitude
            var whole = magnitude / 100
            let fraction = magnitude % 100
            put(UInt8(ascii: "0") + UInt8(fraction % 10))
            put(UInt8(ascii: "0") + UInt8(fraction / 10))
            put(decimal)
            var digits = 0
            repeat {
                if let group, digits > 0, digits % 3 == 0 { put(group) }
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
                digits += 1
            } while whole > 0
            if cents < 0 { put(UInt8(ascii: "-")) }
            if format == .euro {
                put(UInt8(ascii: " "))
                for byte in "€".utf8.reversed() { put(byte) }
            }
            return try body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Digits grouped in threes: `grouped("75495", by: ".")` is `75.495` (populations are written so too).
    public static func grouped(_ digits: String, by separator: Character) -> String {
        // ASCII digits and an ASCII mark (every caller's) are grouped by bytes, without the
        // array of characters the general case builds.
        if let mark = separator.asciiValue, digits.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
            let count = digits.utf8.count
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count + count / 3)
            for (index, byte) in digits.utf8.enumerated() {
                if index > 0 && (count - index) % 3 == 0 { bytes.append(mark) }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [Character] = []
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(separator) }
            out.append(character)
        }
        return String(out.reversed())
    }
}
