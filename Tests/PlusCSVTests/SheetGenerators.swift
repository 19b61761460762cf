import Foundation
import PlusModel
import PropertyBased
@testable import PlusCSV

/// A generator whose shrinker is erased: sheets are drawn from fixed seeds and never shrunk, so
/// generators of different shapes can be chosen between (`Gen.frequency`) and listed together.
typealias Draw<Value> = Generator<Value, AnySequence<Any>>

/// One of `values`, each as likely (never empty here, so never `nil`).
func anyOf<Value: Sendable>(_ values: [Value]) -> Draw<Value> {
    Gen<Value?>.element(of: values).map { $0! }.eraseToAny()
}

/// How a spreadsheet program may save a sheet: delimiter, quoting, encoding, decimal convention, line ends.
struct SheetDialect: Sendable, CustomStringConvertible {
    var delimiter: UInt8 = UInt8(ascii: ";")
    var quotesEveryCell = false
    var encoding: SourceEncoding = .utf8
    var decimal: DecimalConvention = .comma
    var lineEnd = "\n"

    /// Every dialect: `;` `,` or tab; quoted or bare; UTF-8, UTF-8 with BOM, Windows-1252 or
    /// Latin-1; Italian or dot decimals; CRLF or LF.
    static let any: Draw<SheetDialect> = zip(
        anyOf([UInt8(ascii: ";"), UInt8(ascii: ","), 0x09]),
        Gen.bool,
        anyOf([SourceEncoding.utf8, .utf8BOM, .windows1252, .iso88591]),
        anyOf([DecimalConvention.comma, .dot]),
        anyOf(["\n", "\r\n"])
    ).map { SheetDialect(delimiter: $0, quotesEveryCell: $1, encoding: $2, decimal: $3, lineEnd: $4) }.eraseToAny()

    /// The mapping as this dialect's sheets would be described.
    func applied(to mapping: CSVMapping) -> CSVMapping {
        var mapping = mapping
        mapping.format.decimal = decimal
        return mapping
    }

    var description: String {
        "delimiter \(delimiter), quoted \(quotesEveryCell), \(encoding.rawValue), decimal \(decimal), \(lineEnd == "\n" ? "LF" : "CRLF")"
    }
}

/// A sheet drawn for a mapping: its dialect and its bytes, as a spreadsheet program would save them.
struct GeneratedSheet: Sendable, CustomStringConvertible {
    let dialect: SheetDialect
    let bytes: [UInt8]

    var description: String { "\(dialect), \(bytes.count) bytes" }

    /// Sheets for `mapping` in every dialect, of up to `rows` rows of plain and hostile cells.
    static func drawn(for mapping: CSVMapping, rows: ClosedRange<Int> = 40...60) -> Draw<GeneratedSheet> {
        Generator(run: { random in
            let dialect = SheetDialect.any.run(using: &random)
            let sheet = HostileSheet(mapping: mapping, dialect: dialect)
            return GeneratedSheet(dialect: dialect, bytes: sheet.rows(rows).run(using: &random))
        }).eraseToAny()
    }
}

/// A sheet for a mapping: its header, and rows of plain or hostile cells per field type.
struct HostileSheet: Sendable {
    let mapping: CSVMapping
    let dialect: SheetDialect
    /// The bound fields, in column order.
    let fields: [String]

    init(mapping: CSVMapping, dialect: SheetDialect) {
        self.mapping = mapping
        self.dialect = dialect
        let byColumn = mapping.fields.filter { $0.value.column != nil && $0.value.headers.isEmpty }.sorted { $0.value.column! < $1.value.column! }
        fields = byColumn.isEmpty
            ? mapping.fields.filter { !$0.value.headers.isEmpty }.map(\.key).sorted()
            : byColumn.map(\.key)
    }

    var header: [String] {
        fields.map { mapping.fields[$0]?.headers.first ?? $0 }
    }

    private func kind(_ field: String) -> CanonicalField.Kind {
        mapping.target.fields.first { $0.name == field }?.kind ?? .text
    }

    private func amount(_ cents: Int64) -> String {
        let money = Money(cents: cents)
        switch dialect.decimal {
        case .dot: return money.formatted(.plain)
        case .comma, .auto: return money.formatted(.italian)
        }
    }

    /// A cell the field's rule accepts as it is, in ASCII with no blank at either end: one the byte
    /// plan reads itself.
    func plainCell(_ field: String) -> Draw<String> {
        switch kind(field) {
        // The plan's type and triennium are text with a shape of their own.
        case .text where field == "tipo_piano": return anyOf(["PLUS", "Piano di zona", "programma attuativo"])
        // Blank here: `2018-2020` is eight digits joined by a dash, which the byte plan's
        // personal-data filter leaves to the general path (a phone number could look so).
        // The list of plans needs one: a single year, `2018`, which no filter mistakes.
        case .text where field == "triennio": return anyOf([mapping.target == .piani ? "2018" : ""])
        case .integer where field == "versione_piano": return Gen.int(in: 1...9).map(String.init).eraseToAny()
        // A fund statement names its fund by a funding line.
        case .text where field == "fondo": return anyOf(["FRNA", "frna"])
        case .text where ["ambito", "servizio", "codice"].contains(field): return Gen.int(in: 0...8).map { "S\($0)" }.eraseToAny()
        case .text: return Gen.int(in: 0...99).map { "Testo \($0)" }.eraseToAny()
        case .money: return Gen.int64(in: 0...9_999_999).map(amount).eraseToAny()
        case .integer: return Gen.int(in: 0...99_999).map(String.init).eraseToAny()
        case .year: return anyOf(["2019"])
        case .istat: return Gen.int(in: 10...89).map { "0950\($0)" }.eraseToAny()
        case .ente: return anyOf(["095018", "asl:ASL5", "provincia:OR"])
        case .percentage: return anyOf([dialect.decimal == .dot ? "41.27" : "41,27"])
        case .decimal: return anyOf([dialect.decimal == .dot ? "12.5" : "12,5"])
        case .boolean: return anyOf(["si", "no", "x", "0"])
        case .date: return anyOf(["06/10/2019"])
        case .serviceKind: return anyOf(["sociale", "Socio-sanitario", "sanitario"])
        case .management: return anyOf(["associata", "ambito", "comune:095018"])
        case .sharingCriterion: return anyOf(["per residenti", "quote uguali"])
        }
    }

    /// Cells that one path or the other could read differently: blanks and padding, years written
    /// `2.020`, bad and huge numbers, formula-like cells, personal data, a lone CR, bytes of
    /// another encoding, separators and quotes inside.
    static let hostileCells = [
        "", " ", "2.020", "2.019", "95038", "0950381", "100.000.000.000.000.000", "9223372036854775807",
        "-9223372036854775808", "-1,00", "+5", "1.234.56", "1,234", "12,345", "1e3", "0x1F", "١٢",
        "=SOMMA(A1:A9)", "=1+1", "+39 070 1234567", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://x\")",
        "RSSMRA80A01H501U", "mario.rossi@example.it", "IT60X0542811101000000123456", "333 1234567",
        "prot. n. 1234 del 12/03", "nota; con \"virgolette\"", "a capo\nsu due righe", "ritorno\rsolo",
        "\r", "€ 12,00", "città", "sì", "singola", "31/02/2019", "2019-10-06", "asl:", "forse", "000000", "\u{FEFF}x",
    ]

    func hostileCell(_ field: String) -> Draw<String> {
        let plain = plainCell(field)
        let padded = Generator(run: { random in
            let cell = plain.run(using: &random)
            return anyOf([" \(cell) ", "\u{00A0}\(cell)", "\(cell)\t", "\"\(cell)"]).run(using: &random)
        }).eraseToAny()
        // Whole numbers far beyond 64 bits, grouped by thousands as an Italian sheet writes them.
        let huge = zip(Gen.number.string(of: 19...40), Gen.int(in: 0...99)).map { digits, cents in
            let grouped = digits.reversed().enumerated().reduce(into: "") { text, pair in
                text = String(pair.element) + (pair.offset > 0 && pair.offset % 3 == 0 ? "." : "") + text
            }
            return "\(grouped),\(cents < 10 ? "0" : "")\(cents)"
        }.eraseToAny()
        return Gen.frequency([
            (weight: 3, gen: anyOf(Self.hostileCells)),
            (weight: 1, gen: padded), (weight: 1, gen: huge),
        ]).eraseToAny()
    }

    /// The whole sheet as the dialect writes it: about a quarter of rows have a hostile cell, some
    /// a second; a few are short or blank; now and then a sheet has a NUL (binary: rejected
    /// whole), a lone CR or, in UTF-8, a single-byte character (mixed encoding).
    func rows(_ count: ClosedRange<Int>) -> Draw<[UInt8]> {
        let plain = fields.map(plainCell)
        let hostile = fields.map(hostileCell)
        return Generator(run: { random in
            var lines = [row(header)]
            for _ in 0..<Gen.int(in: count).run(using: &random) {
                var cells = plain.map { $0.run(using: &random) }
                if !cells.isEmpty, Gen.int(in: 0...3).run(using: &random) == 0 {
                    for _ in 0..<Gen.int(in: 1...2).run(using: &random) {
                        let index = Gen.int(in: 0..<cells.count).run(using: &random)
                        cells[index] = hostile[index].run(using: &random)
                    }
                }
                switch Gen.int(in: 0...39).run(using: &random) {
                case 0: lines.append("")
                case 1: lines.append(row(Array(cells.dropLast())))
                default: lines.append(row(cells))
                }
            }
            var bytes = encoded(lines.joined(separator: dialect.lineEnd) + dialect.lineEnd)
            switch Gen.int(in: 0...23).run(using: &random) {
            case 0: bytes.insert(0, at: Gen.int(in: 0...bytes.count).run(using: &random))
            // A lone CR anywhere, most often outside quotes, where it ends a line mid-row.
            case 9: bytes.insert(0x0D, at: Gen.int(in: 0...bytes.count).run(using: &random))
            case 1...8 where dialect.encoding == .utf8:
                if let at = bytes.lastIndex(of: UInt8(ascii: "S")) ?? bytes.lastIndex(of: UInt8(ascii: "0")) { bytes[at] = 0xE0 }
            default: break
            }
            return bytes
        }).eraseToAny()
    }

    private func encoded(_ text: String) -> [UInt8] {
        switch dialect.encoding {
        case .windows1252, .iso88591:
            return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : (dialect.encoding == .windows1252 && $0 == "€" ? 0x80 : UInt8(ascii: "?")) }
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        default: return Array(text.utf8)
        }
    }

    private func row(_ cells: [String]) -> String {
        let delimiter = String(UnicodeScalar(dialect.delimiter))
        return cells.map { cell in
            let needsQuotes = dialect.quotesEveryCell || cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
            return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: delimiter)
    }
}

extension Xoshiro {
    /// The generator of case `number` of a property over `subject`: the same pair, the same draws,
    /// so a failure names the case that reproduces it.
    init(case number: Int, of subject: String) {
        // FNV-1a of the subject, so each mapping gets its own sheets.
        let hash = subject.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        self.init(seed: (UInt64(number) &+ 1, hash, 0x9E37_79B9_7F4A_7C15, hash ^ UInt64(number)))
    }
}
