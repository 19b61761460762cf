import Foundation
import PlusModel

/// Personal data found in a cell: what it looks like, where it sits, and how to show it masked.
///
/// Plan data is aggregate: a codice fiscale, an IBAN, an e-mail address or a phone number in a
/// sheet is a slip that must not reach the store, the log or the receipt. ``PersonalDataScanner``
/// finds it; the finding carries only the masked form out of the row.
///
/// ```swift
/// let finding = PersonalDataScanner.scan("pagato a RSSMRA80A01H501U")
/// finding?.kind     // .codiceFiscale
/// finding?.masked   // "RSS************U"
/// ```
struct PersonalDataFinding: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case codiceFiscale, iban, email, phone
    }

    var kind: Kind
    /// Where the value sits in the scanned text.
    var range: Range<String.Index>
    /// The value with all but its first three and last character hidden.
    var masked: String

    init(kind: Kind, range: Range<String.Index>, in text: String) {
        self.kind = kind
        self.range = range
        self.masked = Self.mask(text[range])
    }

    /// `RSSMRA80A01H501U` → `RSS************U`: enough to find the cell again, not to read the value.
    static func mask(_ value: Substring) -> String {
        let characters = Array(value)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 4) + String(characters.last!)
    }
}

extension Diagnostic {
    /// The diagnostic with any personal data in the value it quotes masked, in `found` and in
    /// the message: a bad amount cell holding an e-mail address is reported, not echoed.
    var maskingPersonalData: Diagnostic {
        guard let found, PersonalDataScanner.scan(found) != nil else { return self }
        let hidden = found.maskingPersonalData
        var masked = self
        masked.found = hidden
        masked.message = LocalizedText(
            it: message.it.replacingOccurrences(of: found, with: hidden), en: message.en.replacingOccurrences(of: found, with: hidden))
        return masked
    }
}

extension String {
    /// The text with every piece of personal data the scanner finds replaced by its mask.
    var maskingPersonalData: String {
        var text = self
        // Each pass masks one finding; a mask keeps at most four characters of the value, never
        // enough to be found again. The bound is only a guard.
        for _ in 0..<32 {
            guard let finding = PersonalDataScanner.scan(text) else { break }
            text.replaceSubrange(finding.range, with: finding.masked)
        }
        return text
    }
}
