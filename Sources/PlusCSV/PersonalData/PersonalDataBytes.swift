/// The personal-data scan on a cell's UTF-8 bytes: the same findings as the `Character` scan,
/// without walking grapheme clusters.
///
/// Most cells the byte pre-scan cannot clear (`Servizio n. 123456 per la comunità`) are ASCII
/// or Latin text. Below U+0300 every scalar is a `Character` of its own (the one exception,
/// CR LF, is neither letter, digit, blank nor punctuation the scan looks at), and every
/// non-ASCII scalar is two bytes; so the scan can step through bytes and still ask, at a word's
/// edge, whether the neighbouring character is a letter or a number exactly as `Character`
/// does. Text with any scalar from U+0300 up (a combining accent could join an ASCII letter)
/// is left to the `Character` scan.
///
/// ```swift
/// var text = "cell 3331234567"
/// text.withUTF8 { PersonalDataBytes(validUTF8: $0)?.firstFinding() }  // (.phone, 5..<15)
/// ```
struct PersonalDataBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    /// A scan of valid UTF-8, or `nil` when a scalar from U+0300 up asks for the `Character` scan.
    init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        // In valid UTF-8 a lead byte from 0xCC up starts a scalar from U+0300 up.
        guard !bytes.contains(where: { $0 >= 0xCC }) else { return nil }
        self.bytes = bytes
    }

    /// The first finding and its byte range, in the order codice fiscale, IBAN, e-mail, phone.
    func firstFinding() -> (kind: PersonalDataFinding.Kind, range: Range<Int>)? {
        if let range = codiceFiscale() { return (.codiceFiscale, range) }
        if let range = iban() { return (.iban, range) }
        if let range = email() { return (.email, range) }
        if let range = phone() { return (.phone, range) }
        return nil
    }

    // MARK: Characters at a byte offset

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isASCIILetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isASCIILetter(byte) }

    /// `Character.isLetter` and `isNumber` of U+0080…U+02FF, by scalar value less 0x80.
    private static let latin: [(letter: Bool, number: Bool)] = (0x80..<0x300).map { value in
        let character = Character(Unicode.Scalar(UInt32(value))!)
        return (character.isLetter, character.isNumber)
    }

    /// The scalar of the two-byte sequence starting at `lead`.
    private func latinScalar(at lead: Int) -> Int {
        Int(bytes[lead] & 0x1F) << 6 | Int(bytes[lead + 1] & 0x3F)
    }

    /// Whether the character starting at `offset` is a letter (any script, as `Character.isLetter`).
    private func isLetter(at offset: Int) -> Bool {
        let byte = bytes[offset]
        return byte < 0x80 ? Self.isASCIILetter(byte) : Self.latin[latinScalar(at: offset) - 0x80].letter
    }

    /// Whether the character starting at `offset` is a letter or a number.
    private func isLetterOrNumber(at offset: Int) -> Bool {
        let byte = bytes[offset]
        guard byte >= 0x80 else { return Self.isASCIIAlphanumeric(byte) }
        let properties = Self.latin[latinScalar(at: offset) - 0x80]
        return properties.letter || properties.number
    }

    /// The offset of the character that ends right before `offset`.
    private func characterStart(before offset: Int) -> Int {
        bytes[offset - 1] < 0x80 ? offset - 1 : offset - 2
    }

    // MARK: Codice fiscale

    private func codiceFiscale() -> Range<Int>? {
        var start = 0
        while start < bytes.count {
            guard Self.isASCIIAlphanumeric(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, Self.isASCIIAlphanumeric(bytes[end]) { end += 1 }
            if end - start == 16, PersonalDataScanner.isCodiceFiscale(bytes[start..<end].map { $0 & ~(Self.isASCIILetter($0) ? 0x20 : 0) }) {
                return start..<end
            }
            start = end
        }
        return nil
    }

    // MARK: IBAN

    private func iban() -> Range<Int>? {
        let count = bytes.count
        for start in 0..<count {
            // Country and check digits written together (`IT60`), after no letter or digit.
            guard start + 3 < count, Self.isASCIILetter(bytes[start]), Self.isASCIILetter(bytes[start + 1]),
                  Self.isDigit(bytes[start + 2]), Self.isDigit(bytes[start + 3]),
                  start == 0 || !isLetterOrNumber(at: characterStart(before: start)) else { continue }
            // The candidate's letters and digits, upper-cased, with the offset after each.
            var compact: [UInt8] = []
            var ends: [Int] = []
            var position = start
            while position < count, compact.count < 34 {
                let byte = bytes[position]
                if Self.isASCIIAlphanumeric(byte) {
                    compact.append(Self.isASCIILetter(byte) ? byte & ~0x20 : byte)
                    ends.append(position + 1)
                } else if byte != 0x20 || position + 1 >= count || bytes[position + 1] == 0x20 {
                    break
                }
                position += 1
            }
            guard compact.count >= 15, ends[3] == start + 4, Self.isASCIILetter(compact[1]), Self.isDigit(compact[2]), Self.isDigit(compact[3])
            else { continue }
            let isItalian = (compact[0] == 0x49 && compact[1] == 0x54) || (compact[0] == 0x53 && compact[1] == 0x4D)
            let lengths = isItalian ? [27] : Array((15...compact.count).reversed())
            for length in lengths where length <= compact.count {
                let candidate = compact.prefix(length)
                let end = ends[length - 1]
                guard end == count || !isLetterOrNumber(at: end) else { continue }
                if candidate.filter(Self.isDigit).count >= 6, PersonalDataScanner.passesMod97(ascii: Array(candidate)) {
                    return start..<end
                }
            }
        }
        return nil
    }

    // MARK: E-mail

    private func email() -> Range<Int>? {
        let isLocal = { (byte: UInt8) in Self.isASCIIAlphanumeric(byte) || "._%+-".utf8.contains(byte) }
        let isDomain = { (byte: UInt8) in Self.isASCIIAlphanumeric(byte) || byte == 0x2E || byte == 0x2D }
        let count = bytes.count
        for at in 0..<count where bytes[at] == 0x40 {
            var start = at
            while start > 0, isLocal(bytes[start - 1]) { start -= 1 }
            var end = at + 1
            while end < count, isDomain(bytes[end]) { end += 1 }
            while end > at + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            let labels = bytes[(at + 1)..<end].split(separator: 0x2E, omittingEmptySubsequences: false)
            if start < at, labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
               let top = labels.last, top.count >= 2, top.allSatisfy(Self.isASCIILetter) {
                return start..<end
            }
        }
        return nil
    }

    // MARK: Phone

    private func phone() -> Range<Int>? {
        let count = bytes.count
        var position = 0
        while position < count {
            let begin = position
            var hasPrefix = false
            var cursor = position
            if bytes[cursor] == 0x2B {
                guard cursor + 2 < count, bytes[cursor + 1] == 0x33, bytes[cursor + 2] == 0x39 else {
                    position += 1
                    continue
                }
                hasPrefix = true
                cursor += 3
                while cursor < count, bytes[cursor] == 0x20 { cursor += 1 }
            }
            guard cursor < count, Self.isDigit(bytes[cursor]),
                  begin == 0 || !(isLetterOrNumber(at: characterStart(before: begin)) || bytes[begin - 1] == 0x2F || bytes[begin - 1] == 0x2C)
            else {
                position += 1
                continue
            }
            var digits: [UInt8] = []
            var end = cursor
            while end < count {
                if Self.isDigit(bytes[end]) {
                    digits.append(bytes[end])
                    end += 1
                } else if bytes[end] == 0x20 || bytes[end] == 0x2E || bytes[end] == 0x2D, end + 1 < count, Self.isDigit(bytes[end + 1]), !digits.isEmpty {
                    end += 1
                } else {
                    break
                }
            }
            let bounded = end >= count
                || !(isLetter(at: end) || bytes[end] == 0x2F || (bytes[end] == 0x2C && end + 1 < count && Self.isDigit(bytes[end + 1])))
            if !hasPrefix, digits.starts(with: "0039".utf8) {
                digits.removeFirst(4)
                hasPrefix = true
            }
            if bounded, PersonalDataScanner.isItalianPhone(digits, afterPrefix: hasPrefix) {
                return begin..<end
            }
            position = max(end, position + 1)
        }
        return nil
    }
}
