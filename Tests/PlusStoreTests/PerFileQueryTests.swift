import Foundation
import GRDB
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusStore

/// What the store does once for every file of an inbox, made cheaper, against the plain way.
@Suite("Per-file store work")
struct PerFileQueryTests {
    @Test("the details column's text is the JSON encoder's, remembered or not (seeded hostile dictionaries)")
    func detailsText() throws {
        var generator = SplitMix64(seed: 14)
        let keys = ["encoding", "delimiter", "target", "header_line", "blank_rows", "é", "e\u{301}", "\"", "/", "\\", "\u{0}", "\u{1F}", ""]
        let values = ["utf-8", "windows-1252", ";", "tab", "1", "0", "</script>", "a/b", "\"quoted\"", "\u{7}", "\u{2028}", "ü", ""]
        // More dictionaries than the store remembers, each asked twice: forgotten ones are written again.
        for _ in 0..<(3 * SubmissionRow.detailsTexts.capacity) {
            var details: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                details[keys.randomElement(using: &generator)!] = values.randomElement(using: &generator)!
            }
            let expected = String(decoding: try RecordCoding.encoder.encode(details), as: UTF8.self)
            #expect(try SubmissionRow.detailsText(details) == expected)
            #expect(try SubmissionRow.detailsText(details) == expected)
        }
    }

    @Test("a date's stored text and its reading back are GRDB's, remembered or not (seeded dates)")
    func storedDates() {
        var generator = SplitMix64(seed: 15)
        var dates: [Date] = []
        for _ in 0..<200 {
            // Repeats, neighbours a fraction of a millisecond apart, and dates far apart.
            let date = switch Int.random(in: 0...3, using: &generator) {
            case 0 where !dates.isEmpty: dates.randomElement(using: &generator)!
            case 1 where !dates.isEmpty: dates.last!.addingTimeInterval(Double.random(in: 0..<0.002, using: &generator))
            default: Date(timeIntervalSince1970: Double.random(in: -1e9...4e9, using: &generator))
            }
            dates.append(date)
            let stored = SubmissionRow.stored(date)
            #expect(stored.value == date.databaseValue)
            #expect(stored.date == Date.fromDatabaseValue(date.databaseValue))
        }
    }

    @Test("a submission's details read back as recorded, for files that share them and files that do not")
    func detailsStored() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        for (index, encoding) in ["windows-1252", "utf-8", "windows-1252"].enumerated() {
            var result = Fixtures.sheet([("SAD", Int64(index + 1))], file: "cabras-\(index).csv")
            result.details["encoding"] = encoding
            let outcome = try store.record(result)
            #expect(try store.submission(id: outcome.submission.id)?.details == result.details)
        }
    }

    @Test("the diagnostics with a prefix are those of every diagnostic that have it, in order")
    func diagnosticsByPrefix() throws {
        let store = try SQLiteStore.inMemory()
        try store.saveReference([Fixtures.ambito])
        var result = Fixtures.sheet([("SAD", 1)])
        let codes = ["CSV001", "IST001", "ist002", "IST", "IS", "ISTX9", "IST\u{301}01", "XIST", "IST003", "I\u{301}ST", ""]
        result.diagnostics = codes.enumerated().map { line, code in
            Diagnostic(
                code: code, severity: .warning, location: SourceLocation(file: "cabras.csv", line: line + 2),
                message: LocalizedText(it: "avviso \(line)", en: "notice \(line)"))
        }
        let id = try store.record(result).submission.id
        let all = try store.diagnostics(submission: id)
        #expect(all.count == codes.count)
        for prefix in ["IST", "CSV", "I", "ist", "X"] {
            let expected = all.filter { $0.code.hasPrefix(prefix) }
            #expect(try store.diagnostics(submission: id, codesStartingWith: prefix) == expected, "\(prefix)")
        }
        #expect(try store.diagnostics(submission: id, codesStartingWith: "IST").map(\.code) == ["IST001", "IST", "ISTX9", "IST003"])
    }
}
