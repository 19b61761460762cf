/// A calendar date without time or zone, as acts and sheets state it.
///
/// ```swift
/// CivilDate(italian: "06/10/2011")   // 2011-10-06
/// ```
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...9999).contains(year),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads `gg/mm/aaaa` (also `g/m/aaaa`).
    public init?(italian text: some StringProtocol) {
        self.init(dayFirst: Substring(text).trimmingBlanks(), separator: "/")
    }

    /// Reads a date as a sheet writes it: `gg/mm/aaaa`, also with `-` or `.` between its parts
    /// (`14-03-2019`, `14.03.2019`, as Italian offices write dates too), one digit for day or
    /// month, or ISO `aaaa-mm-gg` (a database's export); the month also by its name, as acts and
    /// spreadsheets write it (`14 marzo 2019`, `1° marzo 2019`, `14-mar-2019`, `14 mar. 2019`;
    /// ``init(namedMonth:)``); the year always in four digits, so `14/03/19` is no date (which
    /// century?). The one reading of a sheet's date cell.
    ///
    /// ```swift
    /// CivilDate(sheet: "14.3.2019") == CivilDate(sheet: "2019-03-14")   // true
    /// CivilDate(sheet: "14 marzo 2019") == CivilDate(sheet: "14-mar-2019")  // true
    /// ```
    public init?(sheet text: some StringProtocol) {
        let trimmed = Substring(text).trimmingBlanks()
        if let iso = CivilDate(iso: trimmed) {
            self = iso
            return
        }
        if trimmed.contains(where: \.isLetter) {
            self.init(namedMonth: trimmed)
            return
        }
        guard let separator = trimmed.first(where: { $0 == "/" || $0 == "-" || $0 == "." }) else { return nil }
        self.init(dayFirst: trimmed, separator: separator)
    }

    /// Day, month by name, four-digit year: `14 marzo 2019`, `1° marzo 2019` (the first of the
    /// month as Italian writes it), `14-mar-2019` (a spreadsheet's `gg-mmm-aaaa`), `14 mar. 2019`,
    /// and the English abbreviations a spreadsheet in English writes (`14-Mar-2019`, `3-May-2019`),
    /// in any case. Parts are separated by spaces or by one `-` or `/`.
    init?(namedMonth text: Substring) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "-" || $0 == "/" })
        guard parts.count == 3 else { return nil }
        var dayText = parts[0]
        if let last = dayText.last, last == "°" || last == "º" { dayText = dayText.dropLast() }
        var monthText = parts[1].lowercased()
        if monthText.hasSuffix(".") { monthText.removeLast() }
        guard (1...2).contains(dayText.count), dayText.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[2].count == 4, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
              let day = Int(dayText), let year = Int(parts[2]), let month = Self.month(named: monthText)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The month named `name` (lower case): its Italian name, its first three letters, or the
    /// English abbreviation (none of which is another month's Italian one).
    static func month(named name: String) -> Int? {
        let italian = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"]
        let english = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        if let index = italian.firstIndex(of: name) ?? italian.firstIndex(where: { name.count == 3 && $0.hasPrefix(name) })
            ?? english.firstIndex(of: name) {
            return index + 1
        }
        return nil
    }

    /// `gg` `separator` `mm` `separator` `aaaa`, one or two digits for day and month.
    private init?(dayFirst text: Substring, separator: Character) {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Reads ISO `aaaa-mm-gg`.
    public init?(iso text: some StringProtocol) {
        let parts = Substring(text).trimmingBlanks().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// ISO 8601, `2011-10-06`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `06/10/2011`.
    public var italian: String {
        let iso = description
        return "\(iso.suffix(2))/\(iso.dropFirst(5).prefix(2))/\(iso.prefix(4))"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
