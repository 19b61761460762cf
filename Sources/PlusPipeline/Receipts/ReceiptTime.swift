import Foundation

/// Times as receipts and summaries write them: ISO 8601 with the local offset, `2019-03-04T22:10:05+01:00`.
///
/// The offset is always written as hours and minutes (never `Z`), so a reader in any time zone
/// knows the clock the job ran on.
public enum ReceiptTime {
    public static func string(_ date: Date, timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: date)
    }
}
