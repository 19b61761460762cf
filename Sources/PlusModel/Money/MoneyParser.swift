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
/// `(1.234,56)` (negative, as accountants write it) and, with the ``DecimalConvention/dot``
/// convention, `1234.56` and `1,234.56`.
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

    public func parse(_ text: some StringProtocol) throws(MoneyParseError) -> Money {
        var body = Substring(text).trimmingBlanks()
        guard !body.isEmpty else { throw .empty }
        var negative = false
        if body.first == "(" && body.last == ")" {
            negative = true
            body = body.dropFirst().dropLast().trimmingBlanks()
        }
        body = body.strippingCurrency()
        if body.first == "-" || body.first == "−" {
            negative.toggle()
            body = body.dropFirst().trimmingBlanks()
        } else if body.first == "+" {
            body = body.dropFirst().trimmingBlanks()
        }
        body = body.strippingCurrency()
        guard !body.isEmpty else { throw .empty }
        for character in body where !(character.isASCII && (character.isNumber || character == "." || character == ",")) {
            throw .invalidCharacter(character)
        }
        let (integerPart, fractionPart) = try split(body)
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .badGrouping }
        guard fractionPart.count <= 2 else { throw .tooManyDecimals }
        var cents: Int64 = 0
        for digit in integerPart.utf8 {
            let (shifted, overflow1) = cents.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int64(digit - 48))
            guard !overflow1, !overflow2 else { throw .overflow }
            cents = added
        }
        let paddedFraction = fractionPart + String(repeating: "0", count: 2 - fractionPart.count)
        let (scaled, overflow3) = cents.multipliedReportingOverflow(by: 100)
        let (total, overflow4) = scaled.addingReportingOverflow(Int64(paddedFraction)!)
        guard !overflow3, !overflow4 else { throw .overflow }
        return Money(cents: negative ? -total : total)
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
    func trimmingBlanks() -> Substring {
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
