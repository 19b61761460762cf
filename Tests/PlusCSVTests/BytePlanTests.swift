import Foundation
import Testing
import PlusModel
import PropertyBased
@_spi(Testing) @testable import PlusCSV

/// The byte plan (cells read straight from bytes, for every target) and the general path
/// (`RowReader`) give the same records, diagnostics and counts, on every fixture, every shipped
/// mapping and, as a property, on sheets drawn in every dialect with hostile cells.
///
/// The sheets come from x-sheep/swift-property-based's generators (``GeneratedSheet``), run on
/// fixed seeds (``Xoshiro/init(case:of:)``) rather than through `propertyCheck`, which draws a new
/// seed on every run: CI sees the same cases each time, and a failure names the case number that
/// reproduces it.
@Suite("The byte plan and the general path agree on every target and dialect")
struct BytePlanTests {
    /// The CSV mappings in `Mappings/` (XML deliberation mappings are read by PlusXML).
    static let shippedMappings: [String] = {
        let folder = Support.repository.appendingPathComponent("Mappings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
            .filter { (try? Support.mapping($0)) != nil }.sorted()
    }()

    /// Imports `bytes` both ways (and each both sequentially and in small parallel blocks); all four
    /// must agree, and checking the file without building records must give the same verdict both ways.
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
        var verdict = results[0]
        verdict.records = []
        for usesPlan in [true, false] {
            var checker = CSVImporter(mapping: mapping, delimiter: delimiter, encoding: encoding)
            checker.usesBytePlan = usesPlan
            #expect(try CheckingTests.checked(checker, url) == verdict, "checked, plan \(usesPlan)", sourceLocation: sourceLocation)
        }
        return (results[0], results[2])
    }

    /// Cases drawn per shipped mapping: the whole suite takes about 12 s of CPU in a debug build.
    static let casesPerMapping = 12

    /// The property: whatever sheet a spreadsheet program could save for a mapping, the byte plan
    /// and the general path read it alike (and each alike sequentially and in parallel).
    @Test(arguments: shippedMappings)
    func everyShippedMappingReadsTheSameBothWays(name: String) throws {
        let mapping = try Support.mapping(name)
        var sheetsWithRows = 0
        for number in 1...Self.casesPerMapping {
            var random = Xoshiro(case: number, of: name)
            let sheet = GeneratedSheet.drawn(for: mapping).run(using: &random)
            let (plan, general) = try Self.bothWays(
                sheet.bytes, mapping: sheet.dialect.applied(to: mapping), encoding: sheet.dialect.encoding, delimiter: sheet.dialect.delimiter)
            #expect(plan == general, "\(name), case \(number): \(sheet)")
            if plan.rowsRead > 0 { sheetsWithRows += 1 }
        }
        // Most sheets are read row by row (a NUL rejects a sheet whole, before any row).
        #expect(sheetsWithRows >= Self.casesPerMapping / 2, "\(name): \(sheetsWithRows) sheets had rows")
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
        var random = Xoshiro(case: 1, of: name)
        let header = sheet.header
        let cells = sheet.fields.map { sheet.plainCell($0).run(using: &random) }
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
        case .fundStatement(var statement): statement.provenance = provenance; return .fundStatement(statement)
        case .indicator(var indicator): indicator.provenance = provenance; return .indicator(indicator)
        default: return self
        }
    }
}

