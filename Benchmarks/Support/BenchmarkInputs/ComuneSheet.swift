import PlusModel

/// A Comune sheet in the `comune-scheda` shape, generated in memory, byte for byte the same on every run.
///
/// The shape of `generate.py sheet`: the header `Cod. ISTAT Comune;Esercizio;Codice servizio;
/// Servizio;Importo a carico del Comune;Note`, Windows-1252, CRLF, amounts such as `1.234,56`
/// up to 250.000,00, notes quoted where Excel quotes them (`;`, `"`, line breaks), 15 % of
/// them over several lines. The draws come from ``SplitMix64``, not Python's generator, so the
/// bytes differ from `generate.py`'s; the shape and the sizes are the same.
///
/// ```swift
/// let sheet = ComuneSheet(size: .bytes(4_000_000), comuni: SardinianComuni.all.map(\.comune))
/// sheet.rows          // data rows, header excluded
/// sheet.amountTotal   // the sum of the amount column
/// ```
public struct ComuneSheet: Sendable {
    /// How much to write: at least this many bytes, or exactly this many data rows.
    public enum Size: Sendable {
        case bytes(Int)
        case rows(Int)
    }

    public static let header = [
        "Cod. ISTAT Comune", "Esercizio", "Codice servizio", "Servizio", "Importo a carico del Comune", "Note",
    ]

    public private(set) var bytes: [UInt8] = []
    public private(set) var rows = 0
    public private(set) var amountTotal = Money.zero
    /// How many notes span more than one line.
    public private(set) var multiLineNotes = 0

    /// Rows go to the Comuni in turn; the year cycles through `years`; services through `S001`…`S150`.
    public init(size: Size, comuni: [MemberComune], years: ClosedRange<Int> = 2015...2019, seed: UInt64 = 7) {
        precondition(!comuni.isEmpty, "a sheet needs at least one Comune")
        var random = SplitMix64(seed: seed)
        bytes.reserveCapacity(Self.estimatedBytes(size))
        append(row: Self.header)
        while !isComplete(size) {
            let comune = comuni[rows % comuni.count]
            let amount = Money(cents: Int64.random(in: 0...25_000_000, using: &random))
            let serviceNumber = rows % 150 + 1
            let note = note(using: &random)
            append(row: [
                comune.istatCode, String(years.lowerBound + rows % years.count),
                "S" + String(repeating: "0", count: 3 - String(serviceNumber).count) + String(serviceNumber),
                Self.serviceNames[rows % Self.serviceNames.count], amount.formatted(.italian), note,
            ])
            amountTotal = amountTotal + amount
            rows += 1
        }
    }

    /// One line for the benchmark's output: what was measured.
    public var summary: String {
        "\(bytes.count) bytes, \(rows) rows, \(multiLineNotes) multi-line notes, amounts \(amountTotal.formatted(.italian))"
    }

    private func isComplete(_ size: Size) -> Bool {
        switch size {
        case .bytes(let count): bytes.count >= count
        case .rows(let count): rows >= count
        }
    }

    private static func estimatedBytes(_ size: Size) -> Int {
        switch size {
        case .bytes(let count): count + 256
        case .rows(let count): (count + 1) * 80
        }
    }

    /// 55 % none, 30 % one fragment, 15 % two or three fragments on separate lines.
    private mutating func note(using random: inout SplitMix64) -> String {
        let draw = Double.random(in: 0..<1, using: &random)
        if draw < 0.55 { return "" }
        if draw < 0.85 { return Self.noteFragments.randomElement(using: &random)! }
        multiLineNotes += 1
        let count = Int.random(in: 2...3, using: &random)
        return Self.noteFragments.shuffled(using: &random).prefix(count).joined(separator: "\n")
    }

    /// One record as Excel writes it: `;` between cells, quotes only where needed, CRLF.
    private mutating func append(row cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            let needsQuotes = cell.contains { $0 == ";" || $0 == "\"" || $0.isNewline }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            for scalar in cell.unicodeScalars {
                if scalar == "\"" { bytes.append(UInt8(ascii: "\"")) }
                bytes.append(Self.windows1252(scalar))
            }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// The Windows-1252 byte of a character of the fixed texts below (Latin-1 letters, `€`).
    private static func windows1252(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xFF: UInt8(scalar.value)
        case 0x20AC: 0x80
        default: fatalError("no Windows-1252 byte for U+\(String(scalar.value, radix: 16))")
        }
    }

    /// Services as Comuni name them: `SERVICE_NAMES` of `generate.py`, in its order.
    public static let serviceNames = [
        "Assistenza domiciliare", "Servizio educativo territoriale", "Centro diurno",
        "Comunità alloggio", "Inserimento lavorativo", "Trasporto disabili", "Segretariato sociale",
        "Sportello immigrati", "Affido familiare", "Centro per la famiglia", "Ludoteca",
        "Mediazione familiare", "Pronto intervento sociale", "Assistenza scolastica specialistica",
        "Residenza sanitaria assistenziale", "Servizio di sollievo", "Spazio neutro",
        "Centro antiviolenza", "Unità di strada", "Punto unico di accesso", "Telesoccorso",
        "Pasti a domicilio", "Borse lavoro", "Ritornare a casa", "Home care premium",
    ]

    /// The notes of `generate.py` (`NOTE_FRAGMENTS`): a `;` or doubled quotes in some, to be quoted.
    static let noteFragments = [
        "Importo confermato dalla Giunta",
        "Quota provvisoria; in attesa della delibera",
        "Vedi nota prot. n. 1234 del 12/03 \"servizi sociali\"",
        "Comprende l'IVA al 5%",
        "Spesa impegnata; liquidazione entro dicembre",
        "Servizio \"a domanda individuale\"",
        "Da verificare con l'Ufficio di Piano",
    ]
}
