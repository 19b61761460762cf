import PlusModel

/// The one reading of each numeric cell type a sheet states, from its UTF-8 bytes.
///
/// The byte plan and ``RowReader`` both call these (the reader through the text's UTF-8), so a
/// cell means the same whichever path reads its row. Amounts have theirs in
/// ``PlusModel/MoneyParser/parse(utf8:)``; dates in ``PlusModel/CivilDate/init(sheet:)``.
///
/// ```swift
/// CellParsers.wholeNumber(Array("1.234".utf8))   // 1234
/// CellParsers.year(Array("2.019".utf8))          // 2019
/// CellParsers.istat(Array("95038".utf8))         // ("095038", padded: true)
/// CellParsers.ente("ASL : ASL5")                 // (asl:ASL5, padded: false)
/// ```
enum CellParsers {
    /// The years a sheet may state.
    static let years = 2000...2100

    /// A whole number as sheets write it (`1.234`, `1 234`, `1234`, `-5`) within `range`, else
    /// `nil`: dots and spaces are grouping, a `+` or any other character refuses the cell, and a
    /// value beyond `Int` is refused, never wrapped.
    static func wholeNumber<Bytes: Collection<UInt8>>(_ bytes: Bytes, in range: ClosedRange<Int> = 0...Int.max) -> Int? {
        var value = 0
        var negative = false
        var digits = 0
        for byte in bytes {
            switch byte {
            case 0x2E, 0x20: continue
            case 0x2D where digits == 0 && !negative: negative = true
            case 0x30...0x39:
                let digit = Int(byte - 0x30)
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflowTimes, !overflowSum else { return nil }
                value = sum
                digits += 1
            default: return nil
            }
        }
        guard digits > 0, range.contains(value) else { return nil }
        return value
    }

    /// A year within ``years`` (a spreadsheet may write `2.019`).
    static func year<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        wholeNumber(bytes, in: years)
    }

    /// A six-digit ISTAT code; four or five ASCII digits are padded (spreadsheets drop leading
    /// zeros), and `padded` says so, for the warning. Anything else is `nil`.
    static func istat<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (code: String, padded: Bool)? {
        guard let padded = istatPadding(bytes) else { return nil }
        let code = String(repeating: "0", count: 6 - bytes.count) + String(decoding: bytes, as: UTF8.self)
        return (code, padded)
    }

    /// Whether the bytes are an ISTAT code that ``istat(_:)`` pads (`true`) or takes as it is
    /// (`false`); `nil` when they are none: the check, without making the code's text.
    static func istatPadding<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool? {
        guard (4...6).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return bytes.count != 6
    }

    /// An ente as a sheet names it: `tipo:codice` (`asl:ASL5`, `provincia:OR`), a Comune's ISTAT
    /// code alone (`095038`) or after `comune:`; `nil` for anything else.
    ///
    /// Blanks around the colon and its two sides are not part of the reference (a person types
    /// `ASL: ASL5`), and the kind is read in any case. A Comune's code is read as ``istat(_:)``
    /// reads it, padded and said so when it lost its leading zeros; `comune:Cabras` names no
    /// Comune and is refused here rather than stored as a code that matches none.
    static func ente(_ text: String) -> (ente: EnteRef, padded: Bool)? {
        // The colon found among the bytes, as the byte plan asks this of every split row: no walk
        // through the text's characters.
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            return istat(text.utf8).map { (EnteRef(comune: $0.code), $0.padded) }
        }
        let kindText = String(text[..<colon].trimmingBlanks())
        let code = text[text.utf8.index(after: colon)...].trimmingBlanks()
        // The kind is nearly always written as stored, in lower case: no lower-cased copy then.
        guard !code.isEmpty, let kind = EnteKind(rawValue: kindText) ?? EnteKind(rawValue: kindText.lowercased()) else { return nil }
        guard kind == .comune else { return (EnteRef(kind: kind, code: String(code)), false) }
        return istat(code.utf8).map { (EnteRef(comune: $0.code), $0.padded) }
    }
}
