import Testing
import PropertyBased
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

    @Test(arguments: [
        ("18 226,71", MoneyParser(convention: .comma), 1_822_671), ("18\u{00A0}226,71", .init(convention: .comma), 1_822_671),
        ("1\u{202F}234\u{202F}567", .init(convention: .comma), 123_456_700), ("€ -1\u{2009}000,5", .init(convention: .comma), -100_050),
        ("1 234", .init(convention: .auto), 123_400), ("1 234,56", .init(convention: .auto), 123_456),
        ("1 234.56", .init(convention: .dot), 123_456), ("(12 345)", .init(convention: .comma), -1_234_500),
    ] as [(String, MoneyParser, Int64)])
    func thousandsGroupedBySpaces(text: String, parser: MoneyParser, cents: Int64) throws {
        #expect(try parser.parse(text) == Money(cents: cents))
        // The byte entry point, which large sheets use, gives the same amount.
        #expect(try Array(text.utf8).withUnsafeBufferPointer { try parser.parse(utf8: $0) } == Money(cents: cents))
    }

    @Test(arguments: ["12 5", "100 20", "1 2345", "1234 567", "070 123 456", "1.234 567", "1 234.567,00", "1  234", "12 34,5 6", " 1 23"])
    func spacesThatGroupNoThousandsAreRefused(text: String) {
        #expect(throws: MoneyParseError.badGrouping) { try MoneyParser(convention: .comma).parse(text) }
    }

    @Test(arguments: [
        ("18226,7100", Int64(1_822_671)), ("1.234,5600", 123_456), ("25,0000", 2_500), ("-3,10000", -310), ("€ 7,500000", 750),
    ])
    func zerosPastTheCentsAreRead(text: String, cents: Int64) throws {
        let parser = MoneyParser(convention: .comma)
        #expect(try parser.parse(text) == Money(cents: cents))
        #expect(try Array(text.utf8).withUnsafeBufferPointer { try parser.parse(utf8: $0) } == Money(cents: cents))
        #expect(try MoneyParser(convention: .dot).parse(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")) == Money(cents: cents))
    }

    /// Three decimals may be a thousands group written the other way (`1,000`: one thousand in
    /// English), and a digit past the cents other than zero would be lost: both are refused.
    @Test(arguments: ["1,000", "1,500", "1,2345", "1,0001", "33,33335"])
    func decimalsPastTheCentsThatCouldMeanSomethingAreRefused(text: String) {
        #expect(throws: MoneyParseError.tooManyDecimals) { try MoneyParser(convention: .comma).parse(text) }
        let dotted = text.replacingOccurrences(of: ",", with: ".")
        #expect(throws: MoneyParseError.tooManyDecimals) { try MoneyParser(convention: .dot).parse(dotted) }
    }

    /// Excel's accounting format shows zero as a dash, and a sheet saved as shown keeps it.
    @Test(arguments: ["-", "€ -", " € -   ", "-   €", "- EUR", "−"])
    func aDashAloneIsZero(text: String) throws {
        let parser = MoneyParser(convention: .comma)
        #expect(try parser.parse(text) == Money(cents: 0))
        #expect(try Array(text.utf8).withUnsafeBufferPointer { try parser.parse(utf8: $0) } == Money(cents: 0))
        #expect(throws: MoneyParseError.empty) { try parser.parse("€") }
        #expect(throws: MoneyParseError.empty) { try parser.parse("+") }
        #expect(throws: MoneyParseError.invalidCharacter("-")) { try parser.parse("--") }
    }

    /// Accounting programs export a negative amount with the minus after it, and spreadsheets
    /// read it so on import; beside another sign it is refused, never read twice.
    @Test(arguments: [("1.234,56-", -123_456), ("12,50 -", -1_250), ("€ 7-", -700), ("1234,56−", -123_456), ("0,01-", -1)] as [(String, Int64)])
    func aTrailingMinusIsNegative(text: String, cents: Int64) throws {
        let parser = MoneyParser(convention: .comma)
        #expect(try parser.parse(text) == Money(cents: cents))
        #expect(try Array(text.utf8).withUnsafeBufferPointer { try parser.parse(utf8: $0) } == Money(cents: cents))
        #expect(throws: MoneyParseError.invalidCharacter("-")) { try parser.parse("-5-") }
        #expect(throws: MoneyParseError.invalidCharacter("-")) { try parser.parse("(5-)") }
        #expect(throws: MoneyParseError.invalidCharacter("-")) { try parser.parse("5--") }
    }

    @Test func aSpaceBesideOtherTextIsNamed() {
        #expect(throws: MoneyParseError.invalidCharacter(" ")) { try MoneyParser(convention: .comma).parse("12 euro e 5") }
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

    @Test func aSheetsDateIsDayFirstWithAnySeparatorOrISO() {
        let march14 = CivilDate(year: 2019, month: 3, day: 14)
        for text in ["14/03/2019", "14/3/2019", "14-03-2019", "14.03.2019", "14.3.2019", " 2019-03-14 "] {
            #expect(CivilDate(sheet: text) == march14, "\(text)")
        }
        for text in ["14/03/19", "14-03/2019", "2019/03/14", "31.02.2019", "14.03.2019.", "+1/03/2019", "14 03 2019", "2019-3-14", ""] {
            #expect(CivilDate(sheet: text) == nil, "\(text)")
        }
    }

    @Test func aSheetsDateMayNameItsMonth() {
        let march14 = CivilDate(year: 2019, month: 3, day: 14)
        for text in ["14 marzo 2019", "14 Marzo 2019", "14-mar-2019", "14-Mar-2019", "14 mar. 2019", "14/mar/2019", " 14 MARZO 2019 ", "14\u{00A0}marzo\u{00A0}2019"] {
            #expect(CivilDate(sheet: text) == march14, "\(text)")
        }
        #expect(CivilDate(sheet: "1° marzo 2019") == CivilDate(year: 2019, month: 3, day: 1))
        #expect(CivilDate(sheet: "1º settembre 2020") == CivilDate(year: 2020, month: 9, day: 1))
        #expect(CivilDate(sheet: "3-May-2019") == CivilDate(year: 2019, month: 5, day: 3))
        #expect(CivilDate(sheet: "31-dic-2019") == CivilDate(year: 2019, month: 12, day: 31))
        #expect(CivilDate(sheet: "9 set 2019") == CivilDate(year: 2019, month: 9, day: 9))
        // No such day, a two-digit year, a month that is no month, a fourth part: no date.
        for text in ["31 febbraio 2019", "14 marzo 19", "14 marz 2019", "14 ma 2019", "marzo 2019", "14 marzo 2019 ore 10", "14 marzo, 2019", "giovedì 14 marzo 2019", "14 march 2019"] {
            #expect(CivilDate(sheet: text) == nil, "\(text)")
        }
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

@Suite("The byte entry of MoneyParser gives the string entry's answer, value or error")
struct MoneyParserByteEntryTests {
    static let samples = [
        "1.234,56", "1234,56", "-1.234,56", "0,05", "7", "1.234", "12.345.678,9", "1.23,4", "12,345", "1,2,3", "1.234.567",
        "1234.56", "-0.5", "1,234.56", "", "-", ",5", "5,", "1..234", ".234", "0001", "999999999999999", "€ 1,00", " 1,00",
        "100.000.000.000.000.000", "100000000000000000", "92.233.720.368.547.758,07", "92.233.720.368.547.758,08",
        "-92.233.720.368.547.758,08", "92233720368547758.07", "9999999999999999999999999", "(1,00)", "+5", "1.000.000,001",
    ]

    /// Both entries on the same text: equal values, or equal errors.
    static func answers(_ text: String, _ convention: DecimalConvention) -> (Result<Money, MoneyParseError>, Result<Money, MoneyParseError>) {
        let parser = MoneyParser(convention: convention)
        let bytes = Array(text.utf8).withUnsafeBufferPointer { buffer in
            Result { () throws(MoneyParseError) in try parser.parse(utf8: buffer) }
        }
        let string = Result { () throws(MoneyParseError) in try parser.parse(text) }
        return (bytes, string)
    }

    /// Amounts drawn over the whole range of cents, written as sheets and machines write them,
    /// plus hostile texts: the same seed gives the same cases on every run.
    static func generatedTexts(seed: UInt64, count: Int) -> [String] {
        var generator = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 2019))
        var texts: [String] = []
        let alphabet = Array("0123456789.,-+ €()e")
        for _ in 0..<count {
            let cents = Int64(bitPattern: generator.next())
            // Small, large and extreme magnitudes, not only the ones a uniform draw favours.
            let scaled = cents >> (generator.next() % 64)
            for value in [cents, scaled] {
                let money = Money(cents: value)
                texts.append(money.formatted(.italian))
                texts.append(money.formatted(.plain))
                texts.append(String(value))
            }
            let length = Int(generator.next() % 28)
            texts.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        return texts
    }

    @Test(arguments: DecimalConvention.allCases)
    func agreesOnEveryTextAcrossTheWholeRangeOfCents(convention: DecimalConvention) {
        for text in Self.samples + Self.generatedTexts(seed: 0x5EED_2019, count: 20_000) {
            let (bytes, string) = Self.answers(text, convention)
            #expect(bytes == string, "\(text) under \(convention)")
        }
    }

    /// The plain reading, with no check per digit, gives the string entry's value or nothing: it
    /// reads whole parts of up to sixteen digits and leaves longer ones to the checked reading.
    @Test(arguments: DecimalConvention.allCases)
    func thePlainReadingIsTheStringEntrysValueOrNothing(convention: DecimalConvention) {
        let parser = MoneyParser(convention: convention)
        var plainCount = 0
        for text in Self.samples + Self.generatedTexts(seed: 0x9_1A1E, count: 5_000) {
            guard let plain = Array(text.utf8).withUnsafeBufferPointer({ parser.plainAmount(utf8: $0) }) else { continue }
            plainCount += 1
            #expect(Result { () throws(MoneyParseError) in try parser.parse(text) } == .success(plain), "\(text) under \(convention)")
        }
        #expect(plainCount > 5_000)
    }

    @Test func sixteenWholeDigitsArePlainAndMoreAreChecked() {
        let comma = MoneyParser(convention: .comma)
        func plain(_ text: String) -> Money? { Array(text.utf8).withUnsafeBufferPointer { comma.plainAmount(utf8: $0) } }
        #expect(plain("9.999.999.999.999.999,99") == Money(cents: 999_999_999_999_999_999))
        #expect(plain("-1234567890123456,7") == Money(cents: -123_456_789_012_345_670))
        #expect(plain("12.345.678.901.234.567") == nil)
        #expect(Self.answers("12.345.678.901.234.567", .comma).0 == .success(Money(cents: 1_234_567_890_123_456_700)))
        #expect(Self.answers("123.456.789.012.345.678", .comma).0 == .failure(.overflow))
    }

    @Test func everyInt64AmountReadsBackExactlyOrOverflows() {
        var generator = Xoshiro(seed: (14, 0x9E37_79B9_7F4A_7C15, ~14, 2019))
        let comma = MoneyParser(convention: .comma)
        for _ in 0..<20_000 {
            let cents = Int64(bitPattern: generator.next()) >> (generator.next() % 64)
            let text = Money(cents: cents).formatted(.italian)
            let read = Array(text.utf8).withUnsafeBufferPointer { buffer in
                Result { () throws(MoneyParseError) in try comma.parse(utf8: buffer) }
            }
            // Only Int64.min has no positive counterpart: its magnitude overflows while it is read.
            #expect(read == (cents == .min ? .failure(.overflow) : .success(Money(cents: cents))), "\(text)")
        }
    }

    @Test func overflowIsAnErrorAtAnySize() {
        for text in ["100.000.000.000.000.000", "100000000000000000", "92.233.720.368.547.758,08", "999999999999999999999999999999"] {
            let (bytes, string) = Self.answers(text, .comma)
            #expect(bytes == .failure(.overflow), "\(text)")
            #expect(string == .failure(.overflow), "\(text)")
        }
        let (largest, _) = Self.answers("92.233.720.368.547.758,07", .comma)
        #expect(largest == .success(Money(cents: .max)))
    }

    @Test func takesTheCommonShapes() throws {
        func read(_ text: String, _ convention: DecimalConvention = .comma) throws(MoneyParseError) -> Int64 {
            try Self.answers(text, convention).0.get().cents
        }
        #expect(try read("1.234,56") == 123_456)
        #expect(try read("-12,5") == -1_250)
        #expect(try read("1234.56", .dot) == 123_456)
        #expect(try read("1.234.567", .auto) == 123_456_700)
        #expect(try read("€ 1,00") == 100)
        #expect(throws: MoneyParseError.ambiguousSeparator) { try read("1.234", .auto) }
        #expect(throws: MoneyParseError.badGrouping) { try read("1,2,3") }
    }
}
