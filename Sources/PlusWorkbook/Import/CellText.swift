import PlusModel

/// Turns a workbook cell into the text a mapping reads, as a CSV of the same sheet would hold it.
///
/// Numbers keep the digits the file wrote, rewritten with the mapping's decimal separator and
/// rounded to the 15 significant digits a spreadsheet shows (`0.30000000000000004` → `0,3`),
/// all in decimal text: a value never passes through a `Double`. Dates become `gg/mm/aaaa`.
///
/// ```swift
/// CellText(decimal: .comma).text(.number("1234.5"))   // "1234,5"
/// CellText(decimal: .comma).text(.date("43831"))      // "01/01/2020"
/// ```
struct CellText {
    var decimal: DecimalConvention

    func text(_ cell: SheetCell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return text
        case .boolean(let value): return value ? "1" : "0"
        case .error(let code): return code
        case .number(let literal):
            return Self.decimalText(literal, separator: decimal == .dot ? "." : ",") ?? literal
        case .percentage(let shown):
            // As a CSV saved from the sheet holds it: `41,27%`.
            return (Self.decimalText(shown, separator: decimal == .dot ? "." : ",") ?? shown) + "%"
        case .date(let literal):
            guard let integer = Self.decimalText(literal, separator: ".")?.split(separator: ".").first, let serial = Int(integer),
                  let date = Self.civilDate(serial: serial) else { return literal }
            return date
        }
    }

    /// The plain decimal text of a number literal (`-1.5E3` → `-1500`), at most 15 significant
    /// digits, trailing zeros dropped; `nil` when the literal is no number.
    static func decimalText(_ literal: String, separator: Character) -> String? {
        var characters = Substring(literal)
        var negative = false
        if characters.first == "-" || characters.first == "+" {
            negative = characters.first == "-"
            characters = characters.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0          // value = digits × 10^exponent
        var seenPoint = false
        var exponentText: Substring?
        for (offset, character) in zip(characters.indices, characters) {
            if let digit = character.asciiValue, (48...57).contains(digit) {
                digits.append(digit - 48)
                if seenPoint { exponent -= 1 }
            } else if character == ".", !seenPoint {
                seenPoint = true
            } else if character == "e" || character == "E" {
                exponentText = characters[characters.index(after: offset)...]
                break
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        if let exponentText {
            guard let shift = Int(exponentText), abs(shift) < 400 else { return nil }
            exponent += shift
        }
        // Leading zeros carry nothing; past 15 significant digits a spreadsheet shows nothing either.
        while digits.first == 0 && digits.count > 1 { digits.removeFirst() }
        if digits.count > 15 {
            let dropped = digits.count - 15
            let roundUp = digits[15] >= 5
            digits.removeLast(dropped)
            exponent += dropped
            if roundUp {
                var index = digits.count - 1
                while index >= 0 {
                    if digits[index] == 9 { digits[index] = 0; index -= 1 } else { digits[index] += 1; break }
                }
                if index < 0 { digits.insert(1, at: 0); digits.removeLast(); exponent += 1 }
            }
        }
        while exponent < 0, digits.last == 0, digits.count > 1 {
            digits.removeLast()
            exponent += 1
        }
        if digits == [0] { return "0" }
        var integerPart: [UInt8]
        var fraction: [UInt8] = []
        if exponent >= 0 {
            integerPart = digits + Array(repeating: 0, count: exponent)
        } else if -exponent >= digits.count {
            integerPart = [0]
            fraction = Array(repeating: 0, count: -exponent - digits.count) + digits
        } else {
            integerPart = Array(digits[..<(digits.count + exponent)])
            fraction = Array(digits[(digits.count + exponent)...])
        }
        var text = negative ? "-" : ""
        text += String(decoding: integerPart.map { $0 + 48 }, as: UTF8.self)
        if !fraction.isEmpty {
            text.append(separator)
            text += String(decoding: fraction.map { $0 + 48 }, as: UTF8.self)
        }
        return text
    }

    /// A date serial as `gg/mm/aaaa`: day 1 is 1900-01-01, and day 60 is the 29 February 1900
    /// that spreadsheets count though it never was.
    static func civilDate(serial: Int) -> String? {
        guard serial >= 1, serial < 2_958_466, serial != 60 else { return nil }
        // Days since 1970-01-01 of the serial's day.
        let days = (serial < 60 ? serial + 1 : serial) - 25_569
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day))/\(two(month))/\(year)"
    }
}
