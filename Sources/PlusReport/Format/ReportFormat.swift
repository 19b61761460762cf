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
    public static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "it_IT")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter.string(from: date)
    }
}
