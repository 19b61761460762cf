import Testing
@testable import PlusModel

@Suite("Reading amounts written the Italian way and the machine way")
struct MoneyParserTests {
    @Test(arguments: [
        ("1.234,56", 123_456), ("1234,56", 123_456), ("€ 1.234,56", 123_456), ("1.234,56 €", 123_456),
        ("-1.234,56", -123_456), ("(1.234,56)", -123_456), ("€ -1.234,56", -123_456), ("EUR 10", 1_000),
        ("1.234", 123_400), ("12.345.678,9", 1_234_567_890), ("0,05", 5), (" 7 ", 700), ("\u{00A0}1.000,00", 100_000),
    ] as [(String, Int64)])
    func commaConvention(text: String, cents: Int64) throws {
        #expect(try MoneyParser(convention: .comma).parse(text) == Money(cents: cents))
    }

    @Test(arguments: [("1234.56", 123_456), ("1,234.56", 123_456), ("-0.5", -50), ("(12.00)", -1_200)] as [(String, Int64)])
    func dotConvention(text: String, cents: Int64) throws {
        #expect(try MoneyParser(convention: .dot).parse(text) == Money(cents: cents))
    }

    @Test func autoAcceptsWhatCannotBeMisread() throws {
        let parser = MoneyParser(convention: .auto)
        #expect(try parser.parse("1.234,56") == Money(cents: 123_456))
        #expect(try parser.parse("1.234.567") == Money(cents: 123_456_700))
        #expect(try parser.parse("1234") == Money(cents: 123_400))
    }

    @Test func autoRefusesALoneDot() {
        #expect(throws: MoneyParseError.ambiguousSeparator) { try MoneyParser(convention: .auto).parse("1.234") }
        #expect(throws: MoneyParseError.ambiguousSeparator) { try MoneyParser(convention: .auto).parse("1234.56") }
    }

    @Test func refusesWhatIsNotAnAmount() {
        let parser = MoneyParser(convention: .comma)
        #expect(throws: MoneyParseError.empty) { try parser.parse("  ") }
        #expect(throws: MoneyParseError.invalidCharacter("a")) { try parser.parse("12a") }
        #expect(throws: MoneyParseError.tooManyDecimals) { try parser.parse("1,234") }
        #expect(throws: MoneyParseError.badGrouping) { try parser.parse("1.23,00") }
        #expect(throws: MoneyParseError.badGrouping) { try parser.parse("1,2,3") }
        #expect(throws: MoneyParseError.overflow) { try parser.parse("999999999999999999999") }
        #expect(throws: MoneyParseError.tooManyDecimals) { try MoneyParser(convention: .dot).parse("1.234") }
    }
}

@Suite("Formatting and splitting money")
struct MoneyArithmeticTests {
    @Test func formats() {
        #expect(Money(cents: -123_456_789).formatted(.italian) == "-1.234.567,89")
        #expect(Money(cents: 5).formatted(.plain) == "0.05")
        #expect(Money(cents: 100_000).formatted(.euro) == "€ 1.000,00")
    }

    @Test func largestRemainderAddsUpExactly() throws {
        let parts = try #require(Money(cents: 100).split(weights: [1, 1, 1]))
        #expect(parts == [Money(cents: 34), Money(cents: 33), Money(cents: 33)])
        // Remainders 0.6, 0.3, 0.1 of a cent: the leftover cent goes to the largest.
        let weighted = try #require(Money(cents: 10).split(weights: [6, 3, 1]))
        #expect(weighted == [Money(cents: 6), Money(cents: 3), Money(cents: 1)])
        let uneven = try #require(Money(cents: 1_887_180_782).split(weights: [31_155, 9_032, 4_811, 323]))
        #expect(uneven.sum() == Money(cents: 1_887_180_782))
        let negative = try #require(Money(cents: -100).split(weights: [1, 2]))
        #expect(negative == [Money(cents: -33), Money(cents: -67)])
        #expect(Money(cents: 100).split(weights: [0, 0]) == nil)
        #expect(Money(cents: 100).split(weights: [-1, 2]) == nil)
    }

    @Test func percentageRoundsHalfUp() {
        #expect(Money(cents: 1_887_180_782).percentage(basisPoints: 4_000) == Money(cents: 754_872_313))
        #expect(Money(cents: 5).percentage(basisPoints: 5_000) == Money(cents: 3))
    }

    @Test func datesAreValidated() {
        #expect(CivilDate(italian: "06/10/2011")?.description == "2011-10-06")
        #expect(CivilDate(italian: "29/02/2019") == nil)
        #expect(CivilDate(italian: "29/02/2020")?.italian == "29/02/2020")
        #expect(CivilDate(italian: "2020-02-01") == nil)
    }

    @Test func diagnosticsFillTheirTemplateInBothLanguages() {
        let problem = Problem(
            code: "T001", severity: .error, title: .init(it: "Prova", en: "Test"),
            template: .init(it: "Trovato «{found}», atteso {expected} in {column}", en: "Found '{found}', expected {expected} in {column}"))
        let diagnostic = problem.at(SourceLocation(file: "a.csv", line: 3, column: "Importo"), found: "x", expected: "un importo")
        #expect(diagnostic.message.it == "Trovato «x», atteso un importo in Importo")
        #expect(diagnostic.rendered(.en) == "a.csv:3 [Importo] error T001: Found 'x', expected un importo in Importo")
    }
}

@Suite("The byte-level fast path agrees with the full parser")
struct FastAmountTests {
    static let samples = [
        "1.234,56", "1234,56", "-1.234,56", "0,05", "7", "1.234", "12.345.678,9", "1.23,4", "12,345", "1,2,3", "1.234.567",
        "1234.56", "-0.5", "1,234.56", "", "-", ",5", "5,", "1..234", ".234", "0001", "999999999999999", "€ 1,00", " 1,00",
    ]

    @Test(arguments: DecimalConvention.allCases)
    func agreesWheneverItAnswers(convention: DecimalConvention) {
        var generator = SystemRandomNumberGenerator()
        var inputs = Self.samples
        for _ in 0..<2_000 {
            let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)
            inputs.append(Money(cents: cents).formatted(.italian))
            inputs.append(Money(cents: cents).formatted(.plain))
        }
        for text in inputs {
            let fast = Array(text.utf8).withUnsafeBufferPointer { FastAmount.parse($0, convention: convention) }
            guard let fast else { continue }
            #expect((try? MoneyParser(convention: convention).parse(text)) == fast, "\(text) under \(convention)")
        }
    }

    @Test func takesTheCommonShapesAndLeavesTheRest() {
        func fast(_ text: String, _ convention: DecimalConvention = .comma) -> Int64? {
            Array(text.utf8).withUnsafeBufferPointer { FastAmount.parse($0, convention: convention)?.cents }
        }
        #expect(fast("1.234,56") == 123_456)
        #expect(fast("-12,5") == -1_250)
        #expect(fast("1234.56", .dot) == 123_456)
        #expect(fast("1.234", .auto) == nil)
        #expect(fast("1.234.567", .auto) == 123_456_700)
        #expect(fast("€ 1,00") == nil)
        #expect(fast("1,234") == nil)
    }
}
