import Testing
@testable import PlusModel
import PlusTestSupport

/// A template's counts agree with their words: `1 riga scartata`, `3 righe scartate`.
@Suite("Problem templates: counts and their words")
struct ProblemTemplateTests {
    static let hidden = Problem(
        code: "T100", severity: .warning, title: .init(it: "Righe nascoste", en: "Hidden rows"),
        template: .init(
            it: "{found:riga nascosta|righe nascoste}: {found?è letta|sono lette} ({expected}).",
            en: "{found:hidden row|hidden rows}: {found?it is|they are} read ({expected})."))

    @Test func oneTakesTheSingularEveryOtherCountThePlural() {
        let location = SourceLocation(file: "a.xlsx")
        let one = Self.hidden.at(location, found: "1", expected: "A3").message
        #expect(one.it == "1 riga nascosta: è letta (A3).")
        #expect(one.en == "1 hidden row: it is read (A3).")
        for count in ["0", "3", "1.234", "11"] {
            let many = Self.hidden.at(location, found: count, expected: "A3").message
            #expect(many.it == "\(count) righe nascoste: sono lette (A3).")
            #expect(many.en == "\(count) hidden rows: they are read (A3).")
        }
    }

    /// A placeholder whose count is not given stays as written, as any unknown placeholder does,
    /// and so does one that is not a pair of forms.
    @Test func aCountNotGivenLeavesThePlaceholder() {
        let location = SourceLocation(file: "a.csv")
        #expect(Self.hidden.at(location).message.it == "{found:riga nascosta|righe nascoste}: {found?è letta|sono lette} ({expected}).")
        let odd = Problem(code: "T101", severity: .info, title: .init(it: "", en: ""),
                          template: .init(it: "{found:una|due|tre} {found:} {found?}", en: "{found:a|b} {count:x|y}"))
        let message = odd.at(location, found: "2").message
        #expect(message.it == "{found:una|due|tre} {found:} {found?}")
        #expect(message.en == "2 b {count:x|y}")
        // Words may hold colons and question marks of their own after the mark.
        let words = Problem(code: "T102", severity: .info, title: .init(it: "", en: ""), template: .init(it: "{n?nota: una?|note: più}", en: ""))
        #expect(words.at(location, details: ["n": "1"]).message.it == "nota: una?")
    }

    /// The filling as it was written, character by character: the reference of ``Problem/fill(_:_:)``.
    static func referenceFill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = rest[rest.index(after: open)..<close]
            if let value = values[String(key)] {
                result += value
            } else if let mark = key.firstIndex(where: { $0 == ":" || $0 == "?" }), let count = values[String(key[..<mark])],
                      case let forms = key[key.index(after: mark)...].split(separator: "|", omittingEmptySubsequences: false), forms.count == 2 {
                let words = count == "1" ? forms[0] : forms[1]
                result += key[mark] == ":" ? count + " " + words : String(words)
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    @Test("a template filled byte by byte is the template filled character by character (seeded templates and values)")
    func byteFillingIsCharacterFilling() {
        var generator = SplitMix64(seed: 20_261_207)
        let pieces = ["{", "}", "{found}", "{n:riga|righe}", "{n?è|sono}", "{ignoto}", "{}", "{n:a|b|c}", "{:x|y}", "{n?}", "è", "€", "«",
                      "»", "日本", "testo ", "{{found}}", "}{", "{found:una|più} ", "\n", "{line}"]
        let valueTexts = ["", "1", "3", "{found}", "}", "è", "1.234,56", "«Cabras»", "{n:a|b}"]
        for round in 0..<2_000 {
            let template = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var values: [String: String] = [:]
            for key in ["found", "n", "line", ""] where Bool.random(using: &generator) {
                values[key] = valueTexts.randomElement(using: &generator)!
            }
            #expect(Problem.fill(template, values) == Self.referenceFill(template, values), "round \(round): \(template) \(values)")
        }
    }
}
