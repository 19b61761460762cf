import Foundation

/// The clock of text output and logs: Italian time (Europe/Rome) unless `--utc` is given.
///
/// Set through `TZ` before anything reads the time zone, so swift-log's timestamps, receipts
/// and `plus status` all tell one clock, whatever the server's own zone; JSON keeps the offset.
///
/// ```swift
/// ClockZone.apply(arguments: ["plus", "status", "--utc"])   // TZ=UTC
/// ```
enum ClockZone {
    static let italy = "Europe/Rome"

    static func apply(arguments: [String] = CommandLine.arguments) {
        setenv("TZ", arguments.contains("--utc") ? "UTC" : italy, 1)
        tzset()
    }
}
