/// Which kind of body an ente is.
public enum EnteKind: String, Sendable, Codable, CaseIterable {
    case comune
    /// Unione dei Comuni, Comunità Montana or another association acting as one ente.
    case unione
    case asl
    case provincia
    /// Another signatory of the programme agreement (art. 21 c.4 L.R. 23/2005).
    case altro
}

/// A reference to one ente: a Comune by ISTAT code, the ASL, the Provincia, or another signatory.
///
/// Written as `KIND:CODE`, e.g. `comune:095038`, `asl:ASL5`, `provincia:OR`.
///
/// ```swift
/// let cabras = EnteRef(comune: "095018")
/// EnteRef(parsing: "asl:ASL5")?.kind   // .asl
/// ```
public struct EnteRef: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var kind: EnteKind
    public var code: String

    public init(kind: EnteKind, code: String) {
        self.kind = kind
        self.code = code
    }

    public init(comune istatCode: String) {
        self.init(kind: .comune, code: istatCode)
    }

    /// Reads `KIND:CODE`.
    public init?(parsing text: some StringProtocol) {
        self.init(parsing: String(text))
    }

    /// Reads `KIND:CODE` from a `String`, as every record read back from the store names its
    /// ente: the generic form, not specialized outside this module, walked the text through
    /// `Collection`'s witnesses, some 8,000 instructions for a Comune's ten bytes.
    public init?(parsing text: String) {
        // No array of parts. In ASCII text each byte is a character of its own (but CR LF, which
        // holds no colon): the colon is found among the bytes. Elsewhere a colon followed by a
        // combining mark is no colon, as a `Character`.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        guard let colon = isASCII ? text.utf8.firstIndex(of: UInt8(ascii: ":")) : text.firstIndex(of: ":") else { return nil }
        let kindText = text[..<colon], code = text[text.index(after: colon)...]
        guard !code.isEmpty else { return nil }
        // The kind is nearly always written as stored, in lower case: no lower-casing copy then.
        guard let kind = EnteKind(rawValue: String(kindText)) ?? EnteKind(rawValue: kindText.lowercased()) else { return nil }
        self.init(kind: kind, code: String(code))
    }

    public var description: String { "\(kind.rawValue):\(code)" }

    /// The order of the written forms (`KIND:CODE`), without writing them: no kind's name
    /// begins another's, so the kind decides first and the code after.
    public static func < (lhs: EnteRef, rhs: EnteRef) -> Bool {
        lhs.kind == rhs.kind ? lhs.code < rhs.code : lhs.kind.rawValue < rhs.kind.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = EnteRef(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ente reference: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
