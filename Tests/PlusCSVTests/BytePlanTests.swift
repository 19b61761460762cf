import Foundation
import Testing
import PlusModel
@testable import PlusCSV

/// The byte plan (cells read straight from bytes, for every target) and the general path
/// (`RowReader`) give the same records, diagnostics and counts, on every shipped mapping and on
/// seeded random sheets in every dialect with hostile cells.
///
/// The sheets come from a seeded generator of our own (``SheetDialect``, ``HostileSheet``) rather
/// than x-sheep/swift-property-based: one more package to build on a machine shared by many was
/// not worth it, and a failing seed here is reproduced by its number.
@Suite("The byte plan and the general path agree on every target and dialect")
struct BytePlanTests {
    /// The CSV mappings in `Mappings/` (XML deliberation mappings are read by PlusXML).
    static let shippedMappings: [String] = {
        let folder = Support.repository.appendingPathComponent("Mappings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
            .filter { (try? Support.mapping($0)) != nil }.sorted()
    }()

    /// Imports `bytes` both ways (and each both sequentially and in small parallel blocks); all four must agree.
    static func bothWays(
        _ bytes: [UInt8], mapping: CSVMapping, encoding: SourceEncoding? = nil, delimiter: UInt8? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> (plan: ImportResult, general: ImportResult) {
        let url = try TemporaryFile.write(bytes)
        var results: [ImportResult] = []
        for usesPlan in [true, false] {
            for (threads, block) in [(1, 1 << 19), (2, 64)] {
                var importer = CSVImporter(mapping: mapping, delimiter: delimiter, encoding: encoding)
                importer.usesBytePlan = usesPlan
                importer.parallelism = threads
                importer.blockSize = block
                results.append(try importer.importFile(at: url))
            }
        }
        #expect(results[1] == results[0], "plan, parallel", sourceLocation: sourceLocation)
        #expect(results[3] == results[2], "general, parallel", sourceLocation: sourceLocation)
        return (results[0], results[2])
    }

    @Test(arguments: shippedMappings)
    func everyShippedMappingReadsTheSameBothWays(name: String) throws {
        let mapping = try Support.mapping(name)
        for seed in 1...12 {
            var generator = SplitMix64(seed: UInt64(seed) &* 7_919 &+ UInt64(name.utf8.count))
            let dialect = SheetDialect.random(&generator)
            let sheet = HostileSheet(mapping: mapping, dialect: dialect)
            let bytes = sheet.bytes(rows: 60, &generator)
            let (plan, general) = try Self.bothWays(
                bytes, mapping: dialect.applied(to: mapping), encoding: dialect.encoding, delimiter: dialect.delimiter)
            #expect(plan == general, "\(name), seed \(seed), \(dialect)")
            #expect(plan.rowsRead > 0, "\(name), seed \(seed): the sheet has data rows; \(plan.diagnostics.prefix(4).map(\.message.en))")
        }
    }

    @Test(arguments: CheckingTests.fixtures)
    func everyFixtureReadsTheSameBothWays(file: String) throws {
        let mapping = try file == "title-rows.csv" ? Support.comuneMapping(headerRow: 3) : Support.mapping("comune-scheda")
        let (plan, general) = try Self.bothWays(Array(try Data(contentsOf: Support.fixture(file))), mapping: mapping)
        #expect(plan == general, "\(file)")
    }

    /// A plain row of each shipped mapping's target is read by the plan itself, into the record
    /// the general path builds: the plan covers every target, not one.
    @Test(arguments: shippedMappings)
    func thePlanReadsAPlainRowOfEveryTarget(name: String) throws {
        let mapping = try Support.mapping(name)
        let sheet = HostileSheet(mapping: mapping, dialect: SheetDialect(decimal: mapping.format.decimal == .dot ? .dot : .comma))
        var generator = SplitMix64(seed: 1)
        let header = sheet.header
        let cells = sheet.fields.map { sheet.plainCell($0, &generator) }
        var collector = DiagnosticCollector(limitPerCode: 10)
        let binding = ColumnBinding(mapping: mapping, header: header, file: "t.csv", line: 1, diagnostics: &collector)
        #expect(!collector.hasErrors, "\(name): \(collector.kept.map(\.code))")
        let planned = Self.planned(mapping: mapping, binding: binding, cells: cells)
        let read = try #require(planned, "\(name): \(zip(header, cells).map { "\($0)=\($1)" })")
        let expected = try Self.generalRecord(mapping: mapping, header: header, cells: cells)
        #expect(read.record == expected, "\(name)")
    }

    /// Free text the byte pre-scan cannot clear (six digits in a row, an `@` in no address) but
    /// the general path finds no personal data in stays on the plan, with the general path's
    /// record: a plan table numbering its services past 99,999 used to send every row to the
    /// general path. Text with personal data still goes there, which reports it.
    @Test(arguments: [
        ("Servizio n. 123456 per la comunità", true), ("Sportello @ Oristano, prot. 2019/123456", true),
        ("Assistenza, tel. 333 123 4567", false), ("Rimborso a RSSMRA80A01H501U", false),
    ])
    func freeTextWithDigitsStaysOnThePlanUnlessItHoldsPersonalData(text: String, staysOnPlan: Bool) throws {
        let mapping = try Support.mapping("capofila-servizi")
        let header = ["Anno", "Codice servizio", "Denominazione servizio", "Costo totale"]
        let cells = ["2019", "S123456", text, "1.234,56"]
        var collector = DiagnosticCollector(limitPerCode: 10)
        let binding = ColumnBinding(mapping: mapping, header: header, file: "t.csv", line: 1, diagnostics: &collector)
        let planned = Self.planned(mapping: mapping, binding: binding, cells: cells)
        #expect((planned != nil) == staysOnPlan, "\(text)")
        if let planned {
            #expect(planned.record == (try Self.generalRecord(mapping: mapping, header: header, cells: cells)))
        }
    }

    /// A word ending or starting with an accented letter (`comunità`, `È`) is not a blank to
    /// trim: its row stays on the plan, in UTF-8 and in Windows-1252, with the general path's
    /// record; a non-breaking space at either end is trimmed, so that row goes to the general path.
    @Test(arguments: [SourceEncoding.utf8, .windows1252])
    func accentedLettersAtACellsEdgeStayOnThePlan(encoding: SourceEncoding) throws {
        let mapping = try Support.mapping("capofila-servizi")
        let header = ["Anno", "Codice servizio", "Denominazione servizio", "Costo totale"]
        var collector = DiagnosticCollector(limitPerCode: 10)
        let binding = ColumnBinding(mapping: mapping, header: header, file: "t.csv", line: 1, diagnostics: &collector)
        for (name, staysOnPlan) in [("Servizio per la comunità", true), ("È più", true), ("Servizio\u{00A0}", false), ("\u{00A0}Servizio", false)] {
            let cells = ["2019", "S1", name, "1.234,56"]
            let planned = Self.planned(mapping: mapping, binding: binding, cells: cells, encoding: encoding)
            #expect((planned != nil) == staysOnPlan, "\(name), \(encoding)")
            if let planned {
                #expect(planned.record == (try Self.generalRecord(mapping: mapping, header: header, cells: cells)), "\(name), \(encoding)")
            }
        }
    }

    /// What the plan reads of one row of cells (written in `encoding`: UTF-8, or a single-byte
    /// one for Latin-1 text), or `nil` when it leaves the row to the general path.
    static func planned(
        mapping: CSVMapping, binding: ColumnBinding, cells: [String], encoding: SourceEncoding = .utf8
    ) -> BytePlan.Planned? {
        let plan = BytePlan(mapping: mapping, binding: binding)
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        for cell in cells {
            bounds.append(bytes.count)
            bytes += encoding.fieldsAreUTF8 ? Array(cell.utf8) : cell.unicodeScalars.map { UInt8($0.value) }
            bounds.append(bytes.count)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in
                plan.record(CSVRow(line: 2, bytes: bytes, bounds: bounds), decoder: CellDecoder(encoding: encoding), provenance: planProvenance)
            }
        }
    }

    static let planProvenance = Provenance(file: "t.csv", sha256: "", line: 2)

    /// The record the general path builds of the same row, citing what ``planned`` cites.
    static func generalRecord(mapping: CSVMapping, header: [String], cells: [String]) throws -> CanonicalRecord {
        let text = (header.joined(separator: ";") + "\n" + cells.joined(separator: ";") + "\n")
        var general = CSVImporter(mapping: mapping, delimiter: UInt8(ascii: ";"), encoding: .utf8)
        general.usesBytePlan = false
        let result = try general.importFile(at: try TemporaryFile.write(Array(text.utf8)))
        let record = try #require(result.records.first?.record, "\(mapping.name): \(result.diagnostics.map(\.code))")
        return record.citing(planProvenance)
    }
}

extension CanonicalRecord {
    /// The record with another provenance, to compare what two reads built from the same cells.
    func citing(_ provenance: Provenance) -> CanonicalRecord {
        switch self {
        case .service(var service): service.provenance = provenance; return .service(service)
        case .costShare(var share): share.provenance = provenance; return .costShare(share)
        case .declaration(var declaration): declaration.provenance = provenance; return .declaration(declaration)
        default: return self
        }
    }
}

/// How a spreadsheet program may save a sheet: delimiter, quoting, encoding, decimal convention, line ends.
struct SheetDialect: CustomStringConvertible {
    var delimiter: UInt8 = UInt8(ascii: ";")
    var quotesEveryCell = false
    var encoding: SourceEncoding = .utf8
    var decimal: DecimalConvention = .comma
    var lineEnd = "\n"

    static func random(_ generator: inout SplitMix64) -> SheetDialect {
        SheetDialect(
            delimiter: [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09][Int(generator.next() % 3)],
            quotesEveryCell: generator.next() % 2 == 0,
            encoding: [.utf8, .windows1252, .iso88591, .utf8BOM][Int(generator.next() % 4)],
            decimal: [.comma, .dot][Int(generator.next() % 2)],
            lineEnd: generator.next() % 2 == 0 ? "\r\n" : "\n")
    }

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

/// A sheet for a mapping: its header, and rows of plain or hostile cells per field type.
struct HostileSheet {
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

    /// A cell the field's rule accepts as it is.
    func plainCell(_ field: String, _ generator: inout SplitMix64) -> String {
        switch kind(field) {
        // The plan's type and triennium are text with a shape of their own.
        case .text where field == "tipo_piano": return ["PLUS", "Piano di zona", "programma attuativo"][Int(generator.next() % 3)]
        // Blank here: `2018-2020` is eight digits joined by a dash, which the byte plan's
        // personal-data filter leaves to the general path (a phone number could look so).
        case .text where field == "triennio": return ""
        case .integer where field == "versione_piano": return String(1 + generator.next() % 9)
        case .text: return field == "ambito" || field == "servizio" || field == "codice" ? "S\(generator.next() % 9)" : "Testo \(generator.next() % 100)"
        case .money: return amount(Int64(generator.next() % 10_000_000))
        case .integer: return String(generator.next() % 100_000)
        case .year: return "2019"
        case .istat: return "0950\(10 + generator.next() % 80)"
        case .ente: return ["095018", "asl:ASL5", "provincia:OR"][Int(generator.next() % 3)]
        case .percentage: return dialect.decimal == .dot ? "41.27" : "41,27"
        case .boolean: return ["sì", "no", "x", "0"][Int(generator.next() % 4)]
        case .date: return "06/10/2019"
        case .serviceKind: return ["sociale", "Socio-sanitario", "sanitario"][Int(generator.next() % 3)]
        case .management: return ["associata", "singola"][Int(generator.next() % 2)]
        case .sharingCriterion: return ["per residenti", "quote uguali"][Int(generator.next() % 2)]
        }
    }

    /// A cell that one path or the other could read differently: blanks, padding, bad numbers,
    /// personal data, bytes of another encoding, separators and quotes inside.
    func hostileCell(_ field: String, _ generator: inout SplitMix64) -> String {
        let plain = plainCell(field, &generator)
        let hostile = [
            "", " ", " \(plain) ", "\u{00A0}\(plain)", "\(plain)\t", "2.020", "2.019", "95038", "0950381",
            "100.000.000.000.000.000", "9223372036854775807", "-1,00", "+5", "1.234.56", "1,234", "12,345",
            "RSSMRA80A01H501U", "mario.rossi@example.it", "IT60X0542811101000000123456", "prot. n. 1234 del 12/03",
            "nota; con \"virgolette\"", "a capo\nsu due righe", "€ 12,00", "città", "31/02/2019", "2019-10-06",
            "asl:", "forse", "000000", "\u{FEFF}x",
        ]
        return hostile[Int(generator.next() % UInt64(hostile.count))]
    }

    /// The whole sheet as the dialect writes it: a quarter of rows have a hostile cell, some a
    /// second; a few are short or blank.
    func bytes(rows: Int, _ generator: inout SplitMix64) -> [UInt8] {
        var lines = [row(header)]
        for _ in 0..<rows {
            var cells = fields.map { plainCell($0, &generator) }
            if !cells.isEmpty {
                for _ in 0..<Int(generator.next() % 4 == 0 ? 1 + generator.next() % 2 : 0) {
                    let index = Int(generator.next() % UInt64(cells.count))
                    cells[index] = hostileCell(fields[index], &generator)
                }
            }
            switch generator.next() % 40 {
            case 0: lines.append("")
            case 1: lines.append(row(Array(cells.dropLast())))
            default: lines.append(row(cells))
            }
        }
        let text = lines.joined(separator: dialect.lineEnd) + dialect.lineEnd
        switch dialect.encoding {
        case .windows1252, .iso88591:
            return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : (dialect.encoding == .windows1252 && $0 == "€" ? 0x80 : UInt8(ascii: "?")) }
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        default:
            // Now and then a single-byte character in a UTF-8 sheet: mixed encoding.
            var bytes = Array(text.utf8)
            if generator.next() % 3 == 0, let at = bytes.lastIndex(of: UInt8(ascii: "S")) { bytes[at] = 0xE0 }
            return bytes
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
