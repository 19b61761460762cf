import Testing
@testable import PlusModel

/// Typed message arguments: each language writes an amount its own way in the same diagnostic.
@Suite("Message arguments")
struct MessageArgumentTests {
    static let mismatch = Problem(
        code: "T001", severity: .error, title: .init(it: "Prova", en: "Test"),
        template: .init(it: "Dichiarato {found} su {count} righe ({share} %).", en: "Declared {found} over {count} rows ({share} %)."))

    @Test func eachLanguageWritesTheAmountItsOwnWay() {
        let diagnostic = Self.mismatch.at(
            SourceLocation(file: "a.csv", line: 2),
            arguments: ["found": .money(Money(cents: -123_456_789)), "count": .count(12_345), "share": .percent(basisPoints: 9_990)])
        #expect(diagnostic.message.it == "Dichiarato -1.234.567,89 su 12345 righe (99,90 %).")
        #expect(diagnostic.message.en == "Declared -1,234,567.89 over 12345 rows (99.90 %).")
    }

    @Test func machinesGetPlainNumbers() {
        #expect(MessageArgument.money(Money(cents: 123_456)).plain == "1234.56")
        #expect(MessageArgument.money(Money(cents: 123_456)).number == 123_456)
        #expect(MessageArgument.localized(.init(it: "sì", en: "yes")).text(.en) == "yes")
        #expect(MessageArgument.text("OR").number == nil)
    }
}
