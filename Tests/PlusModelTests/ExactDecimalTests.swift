import Testing
@testable import PlusModel

@Suite("Indicator numbers: exact decimals, never floating point")
struct ExactDecimalTests {
    @Test(arguments: [
        ("12", "12"), ("12,5", "12.5"), ("12,50", "12.5"), ("1.234,75", "1234.75"), ("-0,25", "-0.25"),
        ("0,000001", "0.000001"), (" 83,4 ", "83.4"), ("1.500", "1500"),
    ])
    func commaConvention(text: String, plain: String) throws {
        #expect(try #require(ExactDecimal(parsing: text, convention: .comma)).description == plain)
    }

    @Test func dotConventionAndTheStoredForm() throws {
        #expect(ExactDecimal(parsing: "1,234.5", convention: .dot)?.description == "1234.5")
        #expect(ExactDecimal("9.75") == ExactDecimal(units: 975, scale: 2))
        #expect(ExactDecimal(units: 975, scale: 2).formatted(decimalSeparator: ",") == "9,75")
    }

    @Test(arguments: ["", "abc", "12,5,1", "1.23,5", "12,", ",5", "0,0000001", "1e3", "12.5 %"])
    func refusesWhatIsNotANumber(text: String) {
        #expect(ExactDecimal(parsing: text, convention: .comma) == nil)
    }

    @Test func aLoneDotIsAmbiguousUnderAuto() {
        #expect(ExactDecimal(parsing: "12.5", convention: .auto) == nil)
        #expect(ExactDecimal(parsing: "12,5", convention: .auto)?.description == "12.5")
    }

    @Test func comparesAcrossScalesWithoutRounding() throws {
        // 0.1 + 0.2 style traps: exact comparison of what a sheet wrote.
        #expect(ExactDecimal(units: 1, scale: 1) < ExactDecimal(units: 100_001, scale: 6))
        #expect(!(ExactDecimal(units: 10, scale: 2) < ExactDecimal(units: 1, scale: 1)))
        #expect(ExactDecimal(units: -5) < ExactDecimal(units: Int64.max, scale: 6))
        #expect(ExactDecimal(units: Int64.min / 10) < ExactDecimal(units: 1, scale: 6))
    }
}
