/// A number cell as its sheet shows it: rounded to the decimals its format displays.
///
/// A formula's result is stored with every digit its `Double` has: a share computed as
/// `=C3*B12` is `916.66666666666663` in the file, while the sheet shows `916,67`, a CSV saved
/// from the sheet holds `916,67`, and `916,67` is what the person sent. The value is rounded in
/// decimal text, half away from zero as a spreadsheet rounds what it displays, from the 15
/// significant digits a spreadsheet keeps (``CellText/decimalText(_:separator:)``): never
/// through a `Double`. How many decimals are shown comes from the cell's number format in an
/// `.xlsx` (``decimals(formatId:code:)``) and from the text the cell displays in an `.ods`
/// (``decimals(of:shown:)``).
///
/// ```swift
/// ShownNumber.rounded("916.66666666666663", decimals: 2)   // ("916.67", changed: true)
/// ShownNumber.decimals(formatId: 4, code: nil)              // 2: "#,##0.00"
/// ShownNumber.decimals(of: "916.666666666667", shown: "€ 916,67")   // 2
/// ```
enum ShownNumber {
    /// `literal` rounded to `decimals` places, as plain decimal text with a dot and exactly that
    /// many decimals, and whether rounding dropped a digit other than zero; `nil` when
    /// `literal` is no number.
    static func rounded(_ literal: String, decimals: Int) -> (text: String, changed: Bool)? {
        guard let plain = CellText.decimalText(literal, separator: "."), decimals >= 0 else { return nil }
        var bytes = Array(plain.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        var integer = bytes[..<point].map { $0 - 48 }
        var fraction = point < bytes.count ? bytes[(point + 1)...].map { $0 - 48 } : []
        var changed = false
        if fraction.count > decimals {
            let roundsUp = fraction[decimals] >= 5
            changed = fraction[decimals...].contains { $0 != 0 }
            fraction.removeLast(fraction.count - decimals)
            if roundsUp {
                // Carry through the kept decimals, then through the integer part.
                var carry = true
                for index in fraction.indices.reversed() where carry {
                    if fraction[index] == 9 { fraction[index] = 0 } else { fraction[index] += 1; carry = false }
                }
                for index in integer.indices.reversed() where carry {
                    if integer[index] == 9 { integer[index] = 0 } else { integer[index] += 1; carry = false }
                }
                if carry { integer.insert(1, at: 0) }
            }
        }
        fraction += Array(repeating: 0, count: decimals - fraction.count)
        let isZero = integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 }
        var text = negative && !isZero ? "-" : ""
        text += String(decoding: integer.map { $0 + 48 }, as: UTF8.self)
        if decimals > 0 { text += "." + String(decoding: fraction.map { $0 + 48 }, as: UTF8.self) }
        return (text, changed)
    }

    /// A percentage cell's value as its sheet shows it: a hundred times the value, rounded to
    /// `decimals` places when given, as plain decimal text without the sign (`0.41266` shown
    /// `41,27%` is `41.27`), and whether rounding dropped a digit other than zero.
    ///
    /// A share formatted as a percentage is stored as its fraction (`0.5` for `50%`): read as
    /// stored, it was 0,5 % where the person wrote and saw 50 %, and a CSV saved from the sheet
    /// holds `50%`. The point is moved in decimal text, never through a `Double`.
    ///
    /// ```swift
    /// ShownNumber.percentage("0.41266", decimals: 2)   // ("41.27", changed: true)
    /// ShownNumber.percentage("0.5", decimals: nil)     // ("50", changed: false)
    /// ```
    static func percentage(_ literal: String, decimals: Int?) -> (text: String, changed: Bool)? {
        guard let plain = CellText.decimalText(literal, separator: ".") else { return nil }
        var bytes = Array(plain.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        var fraction = point < bytes.count ? Array(bytes[(point + 1)...]) : []
        fraction += Array(repeating: UInt8(ascii: "0"), count: max(0, 2 - fraction.count))
        var integer = Array(bytes[..<point]) + fraction.prefix(2)
        fraction.removeFirst(2)
        while integer.count > 1, integer.first == UInt8(ascii: "0") { integer.removeFirst() }
        let shifted = (negative ? "-" : "") + String(decoding: integer, as: UTF8.self)
            + (fraction.isEmpty ? "" : "." + String(decoding: fraction, as: UTF8.self))
        guard let decimals else { return (shifted, false) }
        return rounded(shifted, decimals: decimals)
    }

    /// The decimals a percentage format shows (`0.00%` two, `0%` none), its code's when the
    /// workbook has one for `formatId`, else the built-in format's (9 and 10); `nil` for any
    /// format that is no percentage.
    static func percentDecimals(formatId: Int, code: String?) -> Int? {
        guard let code else {
            switch formatId {
            case 9: return 0
            case 10: return 2
            default: return nil
            }
        }
        // The first section's `%` outside quoted text, `[…]` and escapes makes it a percentage.
        let plain = numberPart(of: code)
        guard plain.contains("%") else { return nil }
        return decimals(code: plain.replacingOccurrences(of: "%", with: ""))
    }

    /// The decimals an `.ods` cell shows its value with: the count that makes `literal`, so
    /// rounded, have the digits of `shown` (its text, `€ 1.234,57`, `(916,67)`); `nil` when none
    /// does: a percentage, a fraction, scientific notation, or text around the number with digits
    /// of its own. Only the digits after the text's last separator, and none, are tried.
    static func decimals(of literal: String, shown: String) -> Int? {
        let digits = shown.utf8.filter { (48...57).contains($0) }.drop { $0 == 48 }
        guard shown.utf8.contains(where: { (48...57).contains($0) }) else { return nil }
        var candidates = [0]
        if let separator = shown.utf8.lastIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }) {
            let after = shown.utf8[shown.utf8.index(after: separator)...].prefix { (48...57).contains($0) }.count
            if after > 0 { candidates.insert(after, at: 0) }
        }
        for decimals in candidates {
            guard let rounded = rounded(literal, decimals: decimals) else { return nil }
            let roundedDigits = rounded.text.utf8.filter { (48...57).contains($0) }.drop { $0 == 48 }
            if roundedDigits.elementsEqual(digits) { return decimals }
        }
        return nil
    }

    /// The decimals an `.xlsx` number format shows (`#,##0.00` and `€ #,##0.00` two, `0` none),
    /// its code when the workbook has one for `formatId`, else the built-in format's; `nil` for
    /// a format that shows no fixed count (General) or another number than the value
    /// (percentages, fractions, scientific notation). Dates and text are told before.
    static func decimals(formatId: Int, code: String?) -> Int? {
        if let code { return decimals(code: code) }
        switch formatId {
        case 1, 3, 5, 6, 37, 38, 41, 42: return 0
        case 2, 4, 7, 8, 39, 40, 43, 44: return 2
        default: return nil
        }
    }

    /// The decimals of a format code's first section: the digit placeholders (`0`, `#`, `?`)
    /// after its decimal point, quoted text, `[…]`, escaped and spacing characters aside.
    static func decimals(code: String) -> Int? {
        if code.lowercased().contains("general") { return nil }
        var placeholders = 0
        var decimals: Int?
        for character in numberPart(of: code) {
            switch character {
            case "%", "/": return nil
            case "E", "e": return nil  // scientific notation (a date's letters are told before)
            case ".": if decimals == nil { decimals = 0 }
            case "0", "#", "?":
                placeholders += 1
                if let counted = decimals { decimals = counted + 1 }
            default: break
            }
        }
        return placeholders > 0 ? decimals ?? 0 : nil
    }

    /// A format code's first section (up to its first `;`) without quoted text, `[…]` sections,
    /// and escaped or spacing characters (`\x`, `_x`, `*x`): what shows the number itself.
    static func numberPart(of code: String) -> String {
        var plain = ""
        var iterator = code.makeIterator()
        var inQuote = false
        while let character = iterator.next() {
            if inQuote {
                if character == "\"" { inQuote = false }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "\\", "_", "*": _ = iterator.next()
            case "[": while let inner = iterator.next(), inner != "]" {}
            case ";": return plain
            default: plain.append(character)
            }
        }
        return plain
    }
}

/// The number cells of a sheet read with fewer decimals than the file stores, as the sheet
/// shows them (``ShownNumber``): how many, and the first, for the warning that says so (WBK022).
public struct RoundedNumbers: Sendable, Equatable {
    /// One cell: its 1-based row, 0-based column, the value stored and the value read.
    public struct Cell: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var stored: String
        public var shown: String
        /// Whether the cell is a percentage: `stored` and `shown` are then a hundred times its value.
        public var percent = false
    }

    public private(set) var count = 0
    public private(set) var first: Cell?

    public init() {}

    /// Counts `times` cells (an `.ods` cell may stand for several repeated ones), keeping the first.
    mutating func note(line: Int, column: Int, stored: String, shown: String, percent: Bool = false, times: Int = 1) {
        count += max(1, times)
        if first == nil { first = Cell(line: line, column: column, stored: stored, shown: shown, percent: percent) }
    }
}
