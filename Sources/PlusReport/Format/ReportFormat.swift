import Foundation
import PlusModel

/// How a report writes amounts and times for a person in Italy.
///
/// ```swift
/// ReportFormat.amount(Money(cents: 123456))              // "1.234,56 €"
/// ReportFormat.amount(Money(cents: 123456), in: .en)     // "€1,234.56"
/// ReportFormat.time(date)                     // "04/03/2019 22:10" (Europe/Rome)
/// ```
public enum ReportFormat {
    /// The Italian civil time zone: reports show the time an Italian office lived.
    public static let timeZone = TimeZone(identifier: "Europe/Rome") ?? TimeZone(secondsFromGMT: 3600)!

    /// An amount as documents in `language` write it: `1.234,56 €` in Italian, `€1,234.56` in English.
    public static func amount(_ money: Money, in language: Language = .it) -> String {
        switch language {
        case .it: money.formatted(.italian) + "\u{00A0}€"
        case .en: (money.isNegative ? "-€" : "€") + money.magnitude.formatted(.english)
        }
    }

    /// Day, month, year, hours and minutes in Italian local time.
    ///
    /// Computed from the seconds and the zone's offset at that instant: a report has a time per
    /// submission, and a `DateFormatter` built for each cost more than the rest of its row.
    public static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let (days, second) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        let two = { (value: Int) in value < 10 ? "0" + String(value) : String(value) }
        let yearText = String(year)
        return two(day) + "/" + two(month) + "/" + String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
            + " " + two(second / 3600) + ":" + two(second % 3600 / 60)
    }

    /// Quotient rounded down and a remainder from 0 up: times before 1970 count back.
    private static func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468  // from 0000-03-01
        let (era, dayOfEra) = floorDivision(shifted, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
