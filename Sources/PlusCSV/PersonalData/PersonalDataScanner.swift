import CByteScan

/// Finds an Italian codice fiscale, an IBAN, an e-mail address or a phone number in free text.
///
/// Each kind is checked as strictly as its form allows, so that amounts, ISTAT codes, dates and
/// act numbers (`20/9`) are never taken for personal data: a codice fiscale must have its check
/// character right (omocodia letters included), an IBAN must pass mod-97, a phone number must
/// have an Italian mobile or landline shape.
///
/// ```swift
/// PersonalDataScanner.scan("tel. +39 333 123 4567")?.kind   // .phone
/// PersonalDataScanner.scan("Delibera n. 20/9 del 06/10/2019") // nil
/// ```
enum PersonalDataScanner {
    /// The first finding in the text, in the order codice fiscale, IBAN, e-mail, phone.
    ///
    /// Text below U+0300 (ASCII and Latin letters, nearly every cell) is scanned on its bytes by
    /// ``PersonalDataBytes``; other text by ``scanCharacters(_:)``, which is the reference.
    static func scan(_ text: String) -> PersonalDataFinding? {
        var text = text
        let found: (kind: PersonalDataFinding.Kind, range: Range<Int>)?? = text.withUTF8 { bytes in
            guard mightContain(bytes) else { return .some(nil) }
            guard let scan = PersonalDataBytes(validUTF8: bytes) else { return nil }
            return .some(scan.firstFinding())
        }
        guard let found else { return scanCharacters(text) }
        guard let (kind, range) = found else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return PersonalDataFinding(kind: kind, range: lower..<utf8.index(lower, offsetBy: range.count), in: text)
    }

    /// The scan over `Character`s, for any text: what ``scan(_:)`` finds, more slowly.
    static func scanCharacters(_ text: String) -> PersonalDataFinding? {
        codiceFiscale(in: text) ?? iban(in: text) ?? email(in: text) ?? phone(in: text)
    }

    /// Whether the bytes could hold anything ``scan(_:)`` finds: an `@`, a token of sixteen
    /// letters and digits, six digits joined only by single spaces, dots or dashes from a `0` or
    /// a `3` that follows no digit (where a phone number starts), or two letters and two digits
    /// opening a word (an IBAN). Notes such as `prot. n. 1234 del 12/03` and names such as
    /// `Servizio n. 123456` fail this at once, so the fast path keeps their rows.
    /// It runs on every free-text cell of every row, so it is written in C (`CByteScan`), as one
    /// loop with no bounds checks or closures.
    static func mightContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return plus_might_hold_personal_data(base, bytes.count) != 0
    }

    // MARK: Codice fiscale

    /// A token of exactly sixteen letters and digits with the codice fiscale's shape and check character.
    static func codiceFiscale(in text: String) -> PersonalDataFinding? {
        for range in tokens(in: text, where: { $0.isASCII && ($0.isLetter || $0.isNumber) }) where text[range].count == 16 {
            if isCodiceFiscale(text[range].uppercased()) {
                return PersonalDataFinding(kind: .codiceFiscale, range: range, in: text)
            }
        }
        return nil
    }

    /// Digits may be replaced by `LMNPQRSTUV` (omocodia); the check character is computed on the code as written.
    static func isCodiceFiscale(_ code: String) -> Bool {
        isCodiceFiscale(Array(code.utf8))
    }

    /// ``isCodiceFiscale(_:)-(String)`` on the code's UTF-8 bytes.
    static func isCodiceFiscale(_ characters: [UInt8]) -> Bool {
        guard characters.count == 16 else { return false }
        let omocodia = Array("LMNPQRSTUV".utf8)
        let isLetter = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A }
        let isDigitLike = { (byte: UInt8) in (byte >= 0x30 && byte <= 0x39) || omocodia.contains(byte) }
        for (position, byte) in characters.enumerated() {
            switch position {
            case 0...5, 8, 11, 15: guard isLetter(byte) else { return false }
            default: guard isDigitLike(byte) else { return false }
            }
        }
        guard Array("ABCDEHLMPRST".utf8).contains(characters[8]) else { return false }
        var sum = 0
        for (position, byte) in characters.prefix(15).enumerated() {
            // Digits count as the letter of the same rank: 0 as A, 1 as B...
            let rank = byte <= 0x39 ? Int(byte - 0x30) : Int(byte - 0x41)
            sum += position % 2 == 0 ? oddValues[rank] : rank
        }
        return characters[15] == UInt8(0x41 + sum % 26)
    }

    /// The official table for characters in odd positions (1st, 3rd...), by rank A/0 … Z.
    private static let oddValues = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    // MARK: IBAN

    /// Two letters, two check digits and up to thirty letters or digits, single spaces between
    /// groups allowed, passing mod-97; an Italian or San Marino IBAN has exactly 27 characters.
    static func iban(in text: String) -> PersonalDataFinding? {
        let characters = Array(text)
        let indices = Array(text.indices) + [text.endIndex]
        var start = 0
        while start + 15 <= characters.count {
            defer { start += 1 }
            guard characters[start].isASCII, characters[start].isLetter,
                  start == 0 || !(characters[start - 1].isLetter || characters[start - 1].isNumber) else { continue }
            // The candidate's characters with their positions, single spaces between groups skipped.
            var compact: [Character] = []
            var ends: [Int] = []
            var position = start
            while position < characters.count, compact.count < 34 {
                let character = characters[position]
                if character.isASCII && (character.isLetter || character.isNumber) {
                    compact.append(Character(character.uppercased()))
                    ends.append(position + 1)
                } else if character != " " || position + 1 >= characters.count || characters[position + 1] == " " {
                    break
                }
                position += 1
            }
            // The country and check digits are written together, `IT60`, as every IBAN is printed.
            guard compact.count >= 15, ends[3] == start + 4, compact[1].isLetter, compact[2].isNumber, compact[3].isNumber
            else { continue }
            let country = String(compact.prefix(2))
            let lengths = ["IT", "SM"].contains(country) ? [27] : Array((15...compact.count).reversed())
            for length in lengths where length <= compact.count {
                let candidate = Array(compact.prefix(length))
                // A boundary must follow: no letter or digit right after the last character taken.
                let end = ends[length - 1]
                guard end == characters.count || !(characters[end].isLetter || characters[end].isNumber) else { continue }
                if candidate.filter(\.isNumber).count >= 6, passesMod97(candidate) {
                    return PersonalDataFinding(kind: .iban, range: indices[start]..<indices[end], in: text)
                }
            }
        }
        return nil
    }

    /// The IBAN check: the first four characters moved to the end, letters as 10…35, remainder 1 modulo 97.
    static func passesMod97(_ iban: [Character]) -> Bool {
        let ascii = iban.compactMap(\.asciiValue)
        return ascii.count == iban.count && passesMod97(ascii: ascii)
    }

    /// ``passesMod97(_:)`` on ASCII bytes.
    static func passesMod97(ascii iban: [UInt8]) -> Bool {
        var remainder = 0
        for ascii in iban.dropFirst(4) + iban.prefix(4) {
            switch ascii {
            case 0x30...0x39: remainder = (remainder * 10 + Int(ascii - 0x30)) % 97
            case 0x41...0x5A: remainder = (remainder * 100 + Int(ascii - 0x41) + 10) % 97
            default: return false
            }
        }
        return remainder == 1
    }

    // MARK: E-mail

    /// `local@domain.tld`, the domain with a dot and a top-level part of two letters or more.
    static func email(in text: String) -> PersonalDataFinding? {
        let isLocal = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
        let isDomain = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-") }
        var search = text.startIndex
        while let at = text[search...].firstIndex(of: "@") {
            var start = at
            while start > text.startIndex, isLocal(text[text.index(before: start)]) { start = text.index(before: start) }
            var end = text.index(after: at)
            while end < text.endIndex, isDomain(text[end]) { end = text.index(after: end) }
            var domain = text[text.index(after: at)..<end]
            while domain.last == "." || domain.last == "-" { domain = domain.dropLast() }
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            if start < at, labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
               let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) {
                return PersonalDataFinding(kind: .email, range: start..<domain.endIndex, in: text)
            }
            search = text.index(after: at)
        }
        return nil
    }

    // MARK: Phone

    /// A run of digits, single spaces, dots or dashes between them, optionally after `+39` or
    /// `0039`, that is an Italian mobile (`3` and 9–10 digits) or landline (`0`, not `00`, and
    /// 9–11 digits; 6–11 after the prefix). A run next to a letter, a `/` or a decimal comma is
    /// an act number, a date or an amount, not a phone.
    static func phone(in text: String) -> PersonalDataFinding? {
        let characters = Array(text)
        let indices = Array(text.indices) + [text.endIndex]
        let isDigit = { (c: Character) in c.isASCII && c.isNumber }
        var position = 0
        while position < characters.count {
            let begin = position
            var hasPrefix = false
            var cursor = position
            if characters[cursor] == "+" {
                guard cursor + 2 < characters.count, characters[cursor + 1] == "3", characters[cursor + 2] == "9" else {
                    position += 1
                    continue
                }
                hasPrefix = true
                cursor += 3
                while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
            }
            guard cursor < characters.count, isDigit(characters[cursor]),
                  begin == 0 || !(characters[begin - 1].isLetter || characters[begin - 1].isNumber || "/,".contains(characters[begin - 1]))
            else {
                position += 1
                continue
            }
            var digits: [Character] = []
            var end = cursor
            while end < characters.count {
                if isDigit(characters[end]) {
                    digits.append(characters[end])
                    end += 1
                } else if " .-".contains(characters[end]), end + 1 < characters.count, isDigit(characters[end + 1]), !digits.isEmpty {
                    end += 1
                } else {
                    break
                }
            }
            let next = end < characters.count ? characters[end] : " "
            let bounded = !(next.isLetter || next == "/" || (next == "," && end + 1 < characters.count && isDigit(characters[end + 1])))
            if !hasPrefix, digits.starts(with: "0039") {
                digits.removeFirst(4)
                hasPrefix = true
            }
            if bounded, isItalianPhone(digits.compactMap(\.asciiValue), afterPrefix: hasPrefix) {
                return PersonalDataFinding(kind: .phone, range: indices[begin]..<indices[end], in: text)
            }
            position = max(end, position + 1)
        }
        return nil
    }

    /// Whether ASCII digits make an Italian mobile or landline number.
    static func isItalianPhone(_ digits: [UInt8], afterPrefix: Bool) -> Bool {
        guard let first = digits.first else { return false }
        switch first {
        case UInt8(ascii: "3"): return (9...10).contains(digits.count)
        case UInt8(ascii: "0"):
            return digits.count > 1 && digits[1] != UInt8(ascii: "0") && (afterPrefix ? 6...11 : 9...11).contains(digits.count)
        default: return false
        }
    }

    /// The ranges of the maximal runs of characters that satisfy `belongs`.
    private static func tokens(in text: String, where belongs: (Character) -> Bool) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        for index in text.indices {
            if belongs(text[index]) {
                if start == nil { start = index }
            } else if let begin = start {
                ranges.append(begin..<index)
                start = nil
            }
        }
        if let start { ranges.append(start..<text.endIndex) }
        return ranges
    }
}
