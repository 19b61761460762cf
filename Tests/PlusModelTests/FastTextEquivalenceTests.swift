import Testing
import PlusModel
import PlusTestSupport

/// The byte-level readers and writers of enti and amounts, against the character-level forms
/// they replaced (kept here as the reference), on seeded hostile texts and numbers.
@Suite("Byte-level ente parsing and amount formatting match the character-level forms")
struct FastTextEquivalenceTests {
    /// `KIND:CODE` read character by character, as ``EnteRef/init(parsing:)`` was written before its `String` form.
    static func referenceEnte(_ text: some StringProtocol) -> EnteRef? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kindText = text[..<colon], code = text[text.index(after: colon)...]
        guard !code.isEmpty else { return nil }
        guard let kind = EnteKind(rawValue: String(kindText)) ?? EnteKind(rawValue: kindText.lowercased()) else { return nil }
        return EnteRef(kind: kind, code: String(code))
    }

    /// The amount written from `String`s and `Character`s, as ``Money/formatted(_:)`` was.
    static func referenceFormatted(_ money: Money, _ format: MoneyFormat) -> String {
        let absolute = money.cents.magnitude
        let whole = absolute / 100, fraction = absolute % 100
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        var wholeText = String(whole)
        if format != .plain { wholeText = referenceGrouped(wholeText, by: format == .english ? "," : ".") }
        let separator = format == .plain || format == .english ? "." : ","
        let number = (money.cents < 0 ? "-" : "") + wholeText + separator + fractionText
        return format == .euro ? "€ " + number : number
    }

    static func referenceGrouped(_ digits: String, by separator: Character) -> String {
        var out: [Character] = []
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(separator) }
            out.append(character)
        }
        return String(out.reversed())
    }

    /// Texts built from the pieces that make a parse go one way or the other: kinds in any case,
    /// colons anywhere (one followed by a combining mark is no colon), empty codes, accents, CR LF, emoji.
    static func hostileEnteTexts(count: Int, seed: UInt64) -> [String] {
        let pieces = [
            "comune", "COMUNE", "Comune", "asl", "ASL", "provincia", "unione", "altro", "regione", "", ":", "::",
            "095038", "95038", "ASL5", "é", "e\u{301}", "\r\n", "🇮🇹", " ", "Àbbasanta", "a:b", "ı", "İ", "\u{0}", "\u{301}", ":\u{301}",
        ]
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func enteParsedFromBytesIsTheCharacterParse() {
        var parsed = 0
        for text in Self.hostileEnteTexts(count: 20_000, seed: 14) + ["comune:095038", "COMUNE:095038", "Asl:ASL5", "asl:", ":x"] {
            let expected = Self.referenceEnte(text)
            #expect(EnteRef(parsing: text) == expected, "\(text.debugDescription)")
            #expect(EnteRef(parsing: Substring(text)) == expected, "\(text.debugDescription)")
            if expected != nil { parsed += 1 }
        }
        // The seeded texts must reach both answers, or the comparison proves little.
        #expect(parsed > 200)
    }

    @Test(arguments: [MoneyFormat.plain, .italian, .euro, .english])
    func amountWrittenFromBytesIsTheCharacterForm(format: MoneyFormat) {
        var generator = SplitMix64(seed: 1_404)
        var amounts: [Int64] = [0, 1, -1, 5, -5, 99, 100, -100, 99_999, 100_000, 123_456, -123_456, .max, .min, .min + 1]
        for _ in 0..<20_000 {
            // Every length of number, each sign.
            let digits = Int.random(in: 0...18, using: &generator)
            let bound = (0..<digits).reduce(Int64(1)) { value, _ in value * 10 }
            let cents = Int64.random(in: 0..<bound, using: &generator)
            amounts.append(Bool.random(using: &generator) ? cents : -cents)
        }
        for cents in amounts {
            #expect(Money(cents: cents).formatted(format) == Self.referenceFormatted(Money(cents: cents), format), "\(cents)")
        }
    }

    @Test func digitsGroupedByBytesAreTheCharacterGrouping() {
        var generator = SplitMix64(seed: 1_405)
        let pieces = ["0", "7", "123", "é", "e\u{301}", "\r\n", "-", "🇮🇹", ""]
        var texts = (0..<25).map { String(repeating: "9", count: $0) }
        for _ in 0..<5_000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            for separator: Character in [".", ",", "\u{00A0}", "’"] {
                #expect(Money.grouped(text, by: separator) == Self.referenceGrouped(text, by: separator), "\(text.debugDescription)")
            }
        }
    }
}
