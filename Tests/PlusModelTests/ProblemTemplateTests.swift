import Testing
import PlusModel

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
}
