import Foundation
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusExport

/// The check made while writing (``XMLSchemaConformance``) against libxml2's validation of the
/// file: it may vouch for a file only when libxml2 finds it valid, and on the values the
/// product writes (canonical forms) it gives libxml2's verdict exactly.
@Suite struct XMLSchemaConformanceTests {
    static let schema = XMLSchemaConformance.compiled(try! XMLSchemaValidator.bundled().schemaURL)

    /// Values in the forms the product writes, valid for some attribute types and not others.
    static let canonical: [String] = [
        "", "0", "1", "7", "05", "2019", "43064", "123456789012345678", "-5", "-1", "0.00", "100000.00", "-250.50", "12.5",
        "0.125", "123456789012345678.123456789012345678", "0.123456789012345678", "-12345678901234567.5", "true", "false", "2019-03-01", "2020-02-29", "2019-02-29", "2019-13-01", "2019-04-31", "0000-01-01",
        "2026-11-18T11:06:40Z", "2026-11-18T24:00:00Z", "2026-11-18T11:60:00", "095038", "09503", "0950381", "comune:095038",
        "comune:", "comune:a\nb", "comune:a\rb", "asl:ASL 5 Oristano", "provincia:Città 😀", "altro:\u{1}", "COMUNE:095038",
        "associata", "comune:cabras", "sociale", "socio_sanitario", "Sociale", "residenti", "fondo_regionale", "concorde",
        "valido", "non_valido", "K", "\u{212A}", String(repeating: "a", count: 64), String(repeating: "A", count: 64),
        "Oristano", "Sant’Antioco", "<&\"]]>", "a\tb", "\u{FFFE}", "e\u{301}",
    ]

    /// Values libxml2 may accept for some types that the check leaves to libxml2 (blanks
    /// around, signs, exponent-free decimals without digits on one side, very many digits).
    static let nonCanonical: [String] = [
        " 5", "5 ", "\t5\n", "+5", "-0", "5.", ".5", "+1.00", "1e3", " true", "1234567890123456789012345", "123456789012.123456789012", "-123456789012345678.5", String(repeating: "0", count: 63),
        "2019-03-01Z", "2019-03-01+01:00", "2026-11-18T11:06:40.5Z", "2026-11-18T11:06:40+01:00", "-2019-03-01",
    ]

    /// A valid export of the fixtures, as rows that can be damaged.
    static func baseExport() throws -> [ExportDataset] {
        let built = try DatasetBuilder(recomputer: Fixtures.recomputer).datasets(from: [Fixtures.oristano(), Fixtures.cagliari()])
        var datasets = try built.map { table in
            var dataset = DatasetCatalog.all.first { $0.name == table.name }!
            dataset.rows = []
            try table.forEachRow { dataset.rows.append($0) }
            return dataset
        }
        // The fixtures have no indicator: one, so that the `xs:decimal` attributes are written.
        let ambito = Array(datasets[0].rows[0].prefix(2))
        let index = datasets.firstIndex { $0.name == DatasetCatalog.indicatori.name }!
        datasets[index].rows = [ambito + [.text("SAD"), .text("utenti"), .text("Utenti serviti"), .text("persone"),
                                          .decimal(ExactDecimal("120.5")!), .decimal(ExactDecimal(units: 98)), .text("piano.csv")]]
        return datasets
    }

    /// Writes with the check and validates the file: (the check vouches, libxml2's violations).
    static func verdicts(_ datasets: [ExportDataset], metadata: ExportMetadata) throws -> (conforms: Bool, violations: [XMLSchemaValidator.Violation]) {
        let written = try written(datasets, metadata: metadata)
        return (written.conforms, written.violations)
    }

    /// Writes with the check, amounts from their bytes or through their text, and validates the
    /// file: (the check vouches, libxml2's violations, the file's bytes).
    static func written(
        _ datasets: [ExportDataset], metadata: ExportMetadata, cellBytes: Bool = true
    ) throws -> (conforms: Bool, violations: [XMLSchemaValidator.Violation], bytes: Data) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("plus-export.xml")
        var writer = RegionalXMLWriter()
        writer.writesCellBytes = cellBytes
        let written = try writer.write(datasets, metadata: metadata, checkingAgainst: schema, to: url)
        return (written.conforms, try XMLSchemaValidator.bundled().validate(fileAt: url), try Data(contentsOf: url))
    }

    /// Amounts and percentages on every attribute, written from their bytes on the stack: the same
    /// file as through their text, and the check's verdict on it libxml2's (they are canonical).
    @Test func amountsWrittenFromTheirBytesAreTheirTextWithItsVerdict() throws {
        let base = try Self.baseExport()
        let values: [Int64] = [0, 5, -5, 100, -12_345, 10_000, Int64.max, Int64.min]
        var vouched = 0, refused = 0
        for (index, dataset) in base.enumerated() where !dataset.rows.isEmpty {
            for column in (index == 0 ? 0 : 2)..<dataset.columns.count {
                for value in values {
                    for cell in [ExportCell.money(Money(cents: value)), .basisPoints(value)] {
                        var datasets = base
                        datasets[index].rows[0][column] = cell
                        let name = "\(dataset.name).\(dataset.columns[column].name) = \(cell)"
                        let bytes = try Self.written(datasets, metadata: Fixtures.metadata)
                        let text = try Self.written(datasets, metadata: Fixtures.metadata, cellBytes: false)
                        #expect(bytes.bytes == text.bytes, "\(name)")
                        #expect(bytes.conforms == text.conforms, "\(name)")
                        #expect(bytes.conforms == bytes.violations.isEmpty, "\(name): \(bytes.violations)")
                        if bytes.conforms { vouched += 1 } else { refused += 1 }
                    }
                }
            }
        }
        // Amounts fit some attributes and not others: both verdicts are common.
        #expect(vouched > 100 && refused > 100, "\(vouched) vouched, \(refused) refused")
    }

    @Test func theBundledSchemaIsReadWholeSoThatTheCheckCanVouchForAnyElement() {
        let elements = ["esportazione", "regole", "invii", "invio", "ambito", "validazione"] + RegionalXMLWriter.elements.map(\.element)
        for element in elements {
            let index = try? #require(Self.schema.elementIndex[element], "\(element)")
            for attribute in index.map({ Self.schema.elements[$0].attributes }) ?? [] {
                if case .unsupported = attribute.type { Issue.record("\(element).\(attribute.name) has a type the check does not know") }
            }
        }
    }

    @Test func aValidExportIsVouchedForWithoutValidatingTheFile() throws {
        let result = try Self.verdicts(try Self.baseExport(), metadata: Fixtures.metadata)
        #expect(result.violations == [])
        #expect(result.conforms)
    }

    @Test(arguments: 0..<150)
    func damagedExportsGetLibXML2sVerdict(seed: UInt64) throws {
        var generator = SplitMix64(seed: 1_414 + seed)
        var datasets = try Self.baseExport()
        var metadata = Fixtures.metadata
        // A <validazione> in some Ambiti, with counts that may be negative.
        metadata.validations = [(2019, "CA"), (2019, "OR")].filter { _ in Bool.random(using: &generator) }.map { year, ambito in
            .init(year: year, ambito: ambito, errors: Int.random(in: -1...2, using: &generator),
                  warnings: Int.random(in: -1...2, using: &generator), ruleSet: metadata.ruleSet!)
        }
        var allCanonical = true
        func value() -> ExportCell {
            if Int.random(in: 0..<8, using: &generator) == 0 { return .null }
            if Int.random(in: 0..<5, using: &generator) == 0 {
                allCanonical = false
                return .text(Self.nonCanonical.randomElement(using: &generator)!)
            }
            return .text(Self.canonical.randomElement(using: &generator)!)
        }
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                if case .text(let text) = value() { metadata.submissions[0].sha256 = text }
            case 1:
                // A second row where the schema allows one (allocazione) or many.
                let index = Int.random(in: 1..<datasets.count, using: &generator)
                if let row = datasets[index].rows.first { datasets[index].rows.insert(row, at: 0) }
            default:
                let index = Int.random(in: 0..<datasets.count, using: &generator)
                guard !datasets[index].rows.isEmpty else { continue }
                let row = Int.random(in: 0..<datasets[index].rows.count, using: &generator)
                // Below <ambito> the first two columns are not written (they are the Ambito-year).
                let first = index == 0 ? 0 : 2
                let column = Int.random(in: first..<datasets[index].columns.count, using: &generator)
                datasets[index].rows[row][column] = value()
            }
        }
        let result = try Self.verdicts(datasets, metadata: metadata)
        if result.conforms { #expect(result.violations == [], "seed \(1_414 + seed): vouched for an invalid file") }
        if allCanonical { #expect(result.conforms == result.violations.isEmpty, "seed \(1_414 + seed): \(result.violations)") }
    }

    /// Each value on each attribute of the schema, alone: the check's verdict is libxml2's on
    /// canonical values and never more lenient on the others.
    @Test func everyValueOnEveryAttributeGetsLibXML2sVerdict() throws {
        let base = try Self.baseExport()
        var vouched = 0, refused = 0
        for (index, dataset) in base.enumerated() where !dataset.rows.isEmpty {
            for column in (index == 0 ? 0 : 2)..<dataset.columns.count {
                for (value, isCanonical) in Self.canonical.map({ ($0, true) }) + Self.nonCanonical.map({ ($0, false) }) {
                    var datasets = base
                    datasets[index].rows[0][column] = .text(value)
                    let result = try Self.verdicts(datasets, metadata: Fixtures.metadata)
                    let name = "\(dataset.name).\(dataset.columns[column].name) = \(value.debugDescription)"
                    if result.conforms { #expect(result.violations == [], "\(name): vouched for an invalid file") }
                    if isCanonical { #expect(result.conforms == result.violations.isEmpty, "\(name): \(result.violations)") }
                    if result.conforms { vouched += 1 } else if !result.violations.isEmpty { refused += 1 }
                }
            }
        }
        // Both verdicts are common: the comparison means something.
        #expect(vouched > 500 && refused > 500, "\(vouched) vouched, \(refused) refused")
    }

    @Test func aSchemaTheCheckCannotReadLeavesEveryFileToLibXML2() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("altro.xsd")
        var text = try String(contentsOf: try XMLSchemaValidator.bundled().schemaURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "<xs:pattern value=\"[0-9]{6}\"/>", with: "<xs:pattern value=\"[0-9]{5,6}\"/>")
        try text.write(to: schema, atomically: true, encoding: .utf8)
        let url = directory.appendingPathComponent("plus-export.xml")
        let written = try RegionalXMLWriter().write(
            try Self.baseExport(), metadata: Fixtures.metadata, checkingAgainst: .compiled(schema), to: url)
        #expect(!written.conforms)
    }

    /// A negative population passes the integrity checks: only the schema refuses it, with
    /// EXP004, whether libxml2 validates every file or only those the check cannot vouch for.
    @Test(arguments: [false, true])
    func anExportBreakingTheSchemaIsRefusedWithItsCode(validatingEveryFile: Bool) throws {
        let parent = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var exporter = Exporter(recomputer: Fixtures.recomputer)
        exporter.validatesEveryXMLFile = validatingEveryFile
        var broken = Fixtures.oristano()
        broken.ambito.comuni[1].population = -100_000
        let error = try #require(throws: ExportError.self) {
            try exporter.export([broken], format: .xml, metadata: Fixtures.metadata, to: parent.appendingPathComponent("out"))
        }
        #expect(error.diagnostic.code == "EXP004")
        #expect(error.diagnostic.location.line ?? 0 > 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
        let manifest = try exporter.export([Fixtures.oristano()], format: .xml, metadata: Fixtures.metadata, to: parent.appendingPathComponent("ok"))
        #expect(manifest.files.map(\.path) == ["plus-export.xml"])
    }

    /// One call a writer received, kept to be played again into another writer.
    enum Call {
        case start(String)
        case attribute(String, String)
        case end
    }

    /// Keeps the calls ``RegionalXMLWriter`` makes, so that a test can change the document's
    /// structure before the check sees it.
    final class RecordingWriter: XMLElementWriter {
        var calls: [Call] = []
        func startElement(_ name: String) throws { calls.append(.start(name)) }
        func attribute(_ name: String, _ value: String) throws { calls.append(.attribute(name, value)) }
        func endElement() throws { calls.append(.end) }
        func finish() throws -> FileDigest? { nil }
    }

    /// Where each element of `calls` starts and ends (the index of its `.end`).
    static func elements(_ calls: [Call]) -> [(start: Int, end: Int)] {
        var open: [Int] = [], found: [(start: Int, end: Int)] = []
        for (index, call) in calls.enumerated() {
            switch call {
            case .start: open.append(index)
            case .end: found.append((open.removeLast(), index))
            case .attribute: continue
            }
        }
        return found.sorted { $0.start < $1.start }
    }

    /// Elements taken out, repeated, moved, renamed, given an unknown name or put at the top: the
    /// check finds a child by its place in its parent's sequence, and on such documents (every
    /// value canonical) its verdict is libxml2's, never more lenient.
    @Test func documentsOfAnotherStructureGetLibXML2sVerdict() throws {
        var vouched = 0, refused = 0
        for seed in UInt64(0)..<200 {
            let conforms = try Self.checkAnotherStructure(seed: 7_700 + seed)
            if conforms { vouched += 1 } else { refused += 1 }
        }
        // Both verdicts are common: valid documents of another structure, and invalid ones.
        #expect(vouched > 20 && refused > 20, "\(vouched) vouched, \(refused) refused")
    }

    /// One document of another structure, made from `seed`: whether the check vouched for it.
    static func checkAnotherStructure(seed: UInt64) throws -> Bool {
        var generator = SplitMix64(seed: seed)
        let recording = RecordingWriter()
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("plus-export.xml")
        _ = try RegionalXMLWriter().write(try baseExport(), metadata: Fixtures.metadata, with: { _ in recording }, to: url)
        var calls = recording.calls
        let names = ["esportazione", "regole", "invii", "invio", "ambito", "validazione"] + RegionalXMLWriter.elements.map(\.element)
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            let elements = elements(calls)
            // Not the root: a document without it is not one.
            let (start, end) = elements[Int.random(in: 1..<elements.count, using: &generator)]
            let element = Array(calls[start...end])
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:
                calls.removeSubrange(start...end)
            case 1:
                calls.insert(contentsOf: element, at: end + 1)
            case 2:
                // Before another element, anywhere below the root.
                calls.removeSubrange(start...end)
                let others = Self.elements(calls).dropFirst()
                let target = others.isEmpty ? 1 : others.randomElement(using: &generator)!.start
                calls.insert(contentsOf: element, at: target)
            case 3:
                calls[start] = .start(names.randomElement(using: &generator)!)
            case 4:
                calls[start] = .start("sconosciuto")
            default:
                // A second child of the root's first child, or the last child of the root.
                calls.insert(contentsOf: element, at: calls.count - 1)
            }
        }
        let checking = SchemaCheckingWriter(try XMLFileWriter(url: url), schema: schema)
        for call in calls {
            switch call {
            case .start(let name): try checking.startElement(name)
            case .attribute(let name, let value): try checking.attribute(name, value)
            case .end: try checking.endElement()
            }
        }
        _ = try checking.finish()
        let violations = try XMLSchemaValidator.bundled().validate(fileAt: url)
        if checking.conforms { #expect(violations == [], "seed \(seed): vouched for an invalid file") }
        #expect(checking.conforms == violations.isEmpty, "seed \(seed): \(violations)")
        return checking.conforms
    }
}
