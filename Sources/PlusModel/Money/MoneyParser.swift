/// Why a text is not an amount of money.
public enum MoneyParseError: Error, Equatable, Sendable {
    /// Nothing but blanks: the caller decides whether a missing amount is allowed.
    case empty
    /// A character that no amount contains.
    case invalidCharacter(Character)
    /// Digits grouped wrongly, such as `1.23.4`.
    case badGrouping
    /// More than two decimals: cents cannot hold it.
    case tooManyDecimals
    /// A dot that could be decimals or thousands (`1.234`) while the convention is `auto`.
    case ambiguousSeparator
    /// Larger than the store can hold.
    case overflow
}

/// Reads Italian and machine-written amounts into exact cents.
///
/// Accepts `1.234,56`, `1234,56`, `€ 1.234,56`, `1.234,56 €`, `EUR 10`, `-1.234,56`,
/// `(1.234,56)` and `1.234,56-` (negative, as accountants and their programs write it), thousands grouped by spaces (`18 226,71`,
/// also with a no-break, narrow or thin space, as word processors and some spreadsheets write
/// them), a dash alone for zero (`€ -`, as the accounting format shows it), decimals past the
/// cents when they are zeros (`18226,7100`, as databases write amounts;
/// see ``onlyZerosPastCents(_:)``) and, with the ``DecimalConvention/dot`` convention, `1234.56`
/// and `1,234.56`.
///
/// ```swift
/// try MoneyParser(convention: .comma).parse("€ 1.234,56")  // Money(cents: 123456)
/// try MoneyParser(convention: .auto).parse("1.234")       // throws .ambiguousSeparator
/// ```
public struct MoneyParser: Sendable {
    public var convention: DecimalConvention

    public init(convention: DecimalConvention = .auto) {
        self.convention = convention
    }

    /// Reads an amount from a cell's UTF-8 bytes: the same answer, value or error, as ``parse(_:)``
    /// on the same text.
    ///
    /// The shapes large sheets are made of (`1.234,56`, `1234,56`, `-7`; `1234.56` under
    /// ``DecimalConvention/dot``) are read straight from the bytes (``plainAmount(utf8:)``); any
    /// other text, and every error, goes through ``parse(_:)``, which words it. So a value too
    /// large for cents is ``MoneyParseError/overflow`` whatever its length or path.
    ///
    /// ```swift
    /// try Array("1.234,56".utf8).withUnsafeBufferPointer { try MoneyParser(convention: .comma).parse(utf8: $0) }  // 123456 cents
    /// ```
    public func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(MoneyParseError) -> Money {
        if let plain = plainAmount(utf8: bytes) { return plain }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// The amount when the bytes have a plain shape, else `nil` (then ``parse(_:)`` decides).
    ///
    /// A plain amount is ASCII only: optional `-`, digits with well-placed thousands marks, and
    /// one or two decimals. Its value is what ``parse(_:)`` gives. At most
    /// ``plainWholeDigits`` whole digits are read here, so the arithmetic cannot overflow and
    /// needs no check per digit; a longer amount is left to ``parse(_:)``, which checks it.
    public func plainAmount(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Money? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        let decimalMark = convention == .dot ? UInt8(ascii: ".") : UInt8(ascii: ",")
        // No byte is -1: under `dot` there is no thousands mark.
        let groupMark = convention == .dot ? -1 : Int(UInt8(ascii: "."))
        var whole: Int64 = 0
        var wholeDigits = 0
        var digitsInGroup = 0
        var groupMarks = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            if digit <= 9 {
                whole = whole &* 10 &+ Int64(digit)
                wholeDigits += 1
                digitsInGroup += 1
            } else if Int(bytes[index]) == groupMark {
                // A thousands mark needs 1–3 digits before the first and exactly 3 between marks.
                guard wholeDigits > 0, groupMarks > 0 ? digitsInGroup == 3 : digitsInGroup <= 3 else { return nil }
                groupMarks += 1
                digitsInGroup = 0
            } else if bytes[index] == decimalMark {
                break
            } else {
                return nil
            }
            index += 1
        }
        guard wholeDigits > 0, wholeDigits <= Self.plainWholeDigits, groupMarks == 0 || digitsInGroup == 3 else { return nil }
        // Under `auto` a lone dot is ambiguous (`1.234`): ``parse(_:)`` says so.
        if convention == .auto && groupMarks == 1 && index == count { return nil }
        var fraction: Int64 = 0
        if index < count {
            let decimals = count - index - 1
            guard decimals == 1 || decimals == 2 else { return nil }
            for position in (index + 1)..<count {
                let digit = bytes[position] &- 0x30
                guard digit <= 9 else { return nil }
                fraction = fraction &* 10 &+ Int64(digit)
            }
            if decimals == 1 { fraction &*= 10 }
        }
        let cents = whole &* 100 &+ fraction
        return Money(cents: negative ? -cents : cents)
    }

    /// The whole digits ``plainAmount(utf8:)`` reads: below 10¹⁶, times 100 plus the cents, stays
    /// far within `Int64`.
    static let plainWholeDigits = 16

    public func parse(_ text: some StringProtocol) throws(MoneyParseError) -> Money {
        var body = Substring(text).trimmingBlanks()
        guard !body.isEmpty else { throw .empty }
        var negative = false
        if body.first == "(" && body.last == ")" {
            negative = true
            body = body.dropFirst().dropLast().trimmingBlanks()
        }
        body = body.strippingCurrency()
        var dash = false
        if body.first == "-" || body.first == "−" {
            negative.toggle()
            dash = true
            body = body.dropFirst().trimmingBlanks()
        } else if body.first == "+" {
            body = body.dropFirst().trimmingBlanks()
        } else if !negative, body.count > 1, body.last == "-" || body.last == "−" {
            // A trailing minus (`1.234,56-`), as accounting programs export a negative amount and
            // spreadsheets read it on import; never beside another sign (`-5-`, `(5-)`).
            negative = true
            body = body.dropLast().trimmingBlanks()
        }
        body = body.strippingCurrency()
        // A dash alone is zero as a spreadsheet's accounting format shows it (`€ -`, `- €`), and
        // as a sheet saved "as shown" writes it.
        if body.isEmpty && dash { return Money(cents: 0) }
        guard !body.isEmpty else { throw .empty }
        body = try Self.withoutSpaceGrouping(body)
        for character in body where !(character.isASCII && (character.isNumber || character == "." || character == ",")) {
            throw .invalidCharacter(character)
        }
        let (integerPart, fractionPart) = try split(body)
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .badGrouping }
        guard fractionPart.count <= 2 || Self.onlyZerosPastCents(fractionPart) else { throw .tooManyDecimals }
        var cents: Int64 = 0
        for digit in integerPart.utf8 {
            let (shifted, overflow1) = cents.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int64(digit - 48))
            guard !overflow1, !overflow2 else { throw .overflow }
            cents = added
        }
        let cents2 = fractionPart.prefix(2)
        let paddedFraction = cents2 + String(repeating: "0", count: 2 - cents2.count)
        let (scaled, overflow3) = cents.multipliedReportingOverflow(by: 100)
        let (total, overflow4) = scaled.addingReportingOverflow(Int64(paddedFraction)!)
        guard !overflow3, !overflow4 else { throw .overflow }
        return Money(cents: negative ? -total : total)
    }

    /// Whether decimals past the cents are zeros that change nothing, as a database or an
    /// accounting program writes amounts with four decimals (`18226,7100`, `33,3300` %).
    ///
    /// Exactly three decimals are never read so, even `,000`: `1,000` under the comma convention
    /// is more likely one thousand written the English way (or `1.000` under the dot convention
    /// the Italian way) than one euro, so it stays ``MoneyParseError/tooManyDecimals``.
    static func onlyZerosPastCents(_ fraction: String) -> Bool {
        fraction.count >= 4 && fraction.dropFirst(2).allSatisfy { $0 == "0" }
    }

    /// The amount without the spaces that group its thousands: `18 226,71` is `18226,71`.
    ///
    /// The spaces go only where they can be nothing else: between digit groups, one to three
    /// digits before the first space and exactly three after each, the decimals (if any) after
    /// the last group, and no leading zero (a number grouped for reading never has one). So two
    /// numbers in one cell (`12 5`, `100 20`), a phone number (`070 123 456`) and a mix of spaces
    /// and the convention's thousands mark (`1.234 567`) are still refused. A text with any other
    /// character is left as it is, for the caller to name that character.
    static func withoutSpaceGrouping(_ body: Substring) throws(MoneyParseError) -> Substring {
        guard body.contains(where: isGroupingSpace),
              body.allSatisfy({ isGroupingSpace($0) || ($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) })
        else { return body }
        let groups = body.split(omittingEmptySubsequences: false, whereSeparator: isGroupingSpace)
        for (position, group) in groups.enumerated() {
            let digits = group.prefix(while: \.isNumber).count
            let isFirst = position == 0
            let isLast = position == groups.count - 1
            let fits = isFirst
                ? (1...3).contains(digits) && digits == group.count && group.first != "0"
                : digits == 3 && (isLast || group.count == 3)
            guard fits else { throw .badGrouping }
        }
        return Substring(groups.joined())
    }

    /// The spaces that may group thousands: plain, no-break (U+00A0), narrow no-break (U+202F)
    /// and thin (U+2009).
    private static func isGroupingSpace(_ character: Character) -> Bool {
        character == " " || character == "\u{00A0}" || character == "\u{202F}" || character == "\u{2009}"
    }

    /// Splits the digits into whole part (grouping removed) and decimals.
    private func split(_ body: Substring) throws(MoneyParseError) -> (String, String) {
        let commas = body.filter { $0 == "," }.count
        let dots = body.filter { $0 == "." }.count
        let decimal: Character?
        let grouping: Character?
        switch convention {
        case .comma:
            (decimal, grouping) = (commas > 0 ? "," : nil, ".")
            if commas > 1 { throw .badGrouping }
        case .dot:
            (decimal, grouping) = (dots > 0 ? "." : nil, ",")
            if dots > 1 { throw .badGrouping }
        case .auto:
            if commas > 0 {
                if commas > 1 { throw .badGrouping }
                (decimal, grouping) = (",", ".")
            } else if dots == 1 {
                throw .ambiguousSeparator
            } else {
                (decimal, grouping) = (nil, ".")
            }
        }
        var integerText = Substring(body)
        var fraction = ""
        if let decimal, let index = body.lastIndex(of: decimal) {
            integerText = body[..<index]
            fraction = String(body[body.index(after: index)...])
            if fraction.isEmpty || fraction.contains(where: { !$0.isNumber }) { throw .badGrouping }
        }
        if let grouping, integerText.contains(grouping) {
            let groups = integerText.split(separator: grouping, omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .badGrouping }
            integerText = Substring(groups.joined())
        }
        if integerText.contains(where: { !$0.isNumber }) { throw .badGrouping }
        return (String(integerText), fraction)
    }
}

extension Substring {
    /// The text without the blanks a cell may have at either end: spaces, tabs, no-break and
    /// narrow no-break spaces.
    ///
    /// ```swift
    /// Substring("\u{00A0}ASL5 ").trimmingBlanks()  // "ASL5"
    /// ```
    public func trimmingBlanks() -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        var result = self
        while let first = result.first, blank(first) { result = result.dropFirst() }
        while let last = result.last, blank(last) { result = result.dropLast() }
        return result
    }

    fileprivate func strippingCurrency() -> Substring {
        var result = self
        for symbol in ["€", "EUR", "Euro", "euro"] {
            if result.hasPrefix(symbol) { result = result.dropFirst(symbol.count).trimmingBlanks() }
            if result.hasSuffix(symbol) { result = result.dropLast(symbol.count).trimmingBlanks() }
        }
        return result
    }
}
