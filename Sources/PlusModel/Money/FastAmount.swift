/// Reads the common shapes of an amount straight from bytes, without building a string.
///
/// Only `-?d{1,3}(.ddd)*(,d{1,2})?` (comma convention, also plain digits) and
/// `-?d+(.d{1,2})?` (dot convention) are read here; anything else, and every error,
/// is left to ``MoneyParser``, so messages stay the same. It exists for the hot path
/// of large sheets.
///
/// ```swift
/// Array("1.234,56".utf8).withUnsafeBufferPointer { FastAmount.parse($0, convention: .comma) }  // 123456 cents
/// ```
public enum FastAmount {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, convention: DecimalConvention) -> Money? {
        var index = 0
        let count = bytes.count
        guard count > 0, count <= 24 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        let decimalMark = convention == .dot ? UInt8(ascii: ".") : UInt8(ascii: ",")
        let groupMark: UInt8? = convention == .dot ? nil : UInt8(ascii: ".")
        var whole: Int64 = 0
        var digitsInGroup = 0
        var sawGroupMark = false
        var sawDigit = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                whole = whole &* 10 &+ Int64(byte &- 0x30)
                digitsInGroup += 1
                sawDigit = true
                if digitsInGroup > 15 { return nil }
            } else if let groupMark, byte == groupMark {
                // A thousands mark needs 1–3 digits before the first and exactly 3 between marks.
                guard sawDigit, sawGroupMark ? digitsInGroup == 3 : digitsInGroup <= 3 else { return nil }
                sawGroupMark = true
                digitsInGroup = 0
            } else if byte == decimalMark {
                break
            } else {
                return nil
            }
            index += 1
        }
        guard sawDigit, !sawGroupMark || digitsInGroup == 3 else { return nil }
        if convention == .auto && sawGroupMark && index == count && !hasSeveralMarks(bytes) { return nil }
        var cents = whole &* 100
        if index < count {
            let decimals = count - index - 1
            guard decimals == 1 || decimals == 2 else { return nil }
            var fraction: Int64 = 0
            for position in (index + 1)..<count {
                let byte = bytes[position]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                fraction = fraction * 10 + Int64(byte - 0x30)
            }
            cents += decimals == 1 ? fraction * 10 : fraction
        }
        return Money(cents: negative ? -cents : cents)
    }

    /// `1.234.567` is unambiguous under `auto`; a lone `1.234` is not.
    private static func hasSeveralMarks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var marks = 0
        for byte in bytes where byte == UInt8(ascii: ".") { marks += 1 }
        return marks > 1
    }
}
