import Foundation
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusStore

/// A streamed file's rows of `records`, bound from the bytes the reading thread packed
/// (``PackedRecord``), against the reference: the same rows recorded whole, bound from each
/// ``EncodedRecord`` (``StatementBinder``).
@Suite("Rows of records bound from packed bytes")
struct PackedRecordTests {
    /// Texts a sheet's cells may hold once decoded: none, accents, what Windows-1252 gives beyond
    /// Latin-1, scripts and emoji, a zero byte, the two spellings of an accented letter, and one
    /// longer than a packing chunk.
    static let texts = [
        "", "x", "Attività per anziani — àèìòù ÀÈÌÒÙ", "€ ‘virgolette’ “doppie” – … Œ š ž Ÿ", "Servizio 咖啡",
        "famiglia 👩‍👩‍👧", "a\u{0}b", "caffe\u{301}", "caffé", "  spazi  ", "punto;e virgola, \"citato\"",
        String(repeating: "Comunità ", count: 9_000),
    ]

    /// Cents from none to the largest a plan states, signs and edges.
    static func cents(_ random: inout SplitMix64) -> Int64 {
        switch random.next() % 6 {
        case 0: 0
        case 1: -Int64(random.next() % 1_000_000)
        case 2: 999_999_999_999_999
        case 3: -999_999_999_999_999
        default: Int64(random.next() % 100_000_000_000)
        }
    }

    /// A plan table of `rows` services with hostile cells: every text of ``texts`` in every text
    /// column, empty optional cells, every funding source stated or not, managements by the
    /// Ambito or a Comune, plan statements, and some rows citing another row (kept as JSON).
    static func hostilePlan(seed: UInt64, rows: Int) -> ImportResult {
        var random = SplitMix64(seed: seed)
        func text() -> String { texts[Int(random.next() % UInt64(texts.count))] }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { random.next() % 3 == 0 ? nil : value() }
        var result = Fixtures.services((0..<rows).map { ("S\($0)", Int64($0)) })
        for index in result.records.indices {
            guard case .service(var service) = result.records[index].record else { continue }
            service.code = random.next() % 4 == 0 ? text() : "S\(index % 37)"
            service.name = text()
            service.area = text()
            service.kind = [.sociale, .sanitario, .socioSanitario][Int(random.next() % 3)]
            service.management = random.next() % 2 == 0 ? .associata : .comune(istatCode: "0950\(18 + random.next() % 20)")
            service.location = maybe(text())
            service.totalCost = Money(cents: cents(&random))
            service.funding = [:]
            for source in FundingSource.allCases where random.next() % 2 == 0 {
                service.funding[source] = Money(cents: cents(&random))
            }
            service.sharingCriterion = maybe([.perResident, .equalParts, .fixedQuota, .percentages][Int(random.next() % 4)])
            service.plan = maybe(PlanStatement(
                type: maybe([.plus, .pianoDiZona, .programmaAttuativo, .pianoNonAutosufficienza][Int(random.next() % 4)]),
                trienniumStart: maybe(2015 + Int(random.next() % 10)), version: maybe(1 + Int(random.next() % 999)),
                approvedBy: maybe(text())))
            service.copaymentRule = maybe(text())
            if random.next() % 11 == 0 { service.provenance = Provenance(file: "altro.csv", sha256: "", line: index) }
            result.records[index].record = .service(service)
        }
        return result
    }

    @Test("a streamed plan table's rows of records are the bytes of the rows recorded whole",
          arguments: [(1, 1), (2, 63), (3, 64), (4, 65), (5, 700), (6, 2_500), (7, 1_031), (8, 333)])
    func packedRowsAreTheEncodedRows(seed: UInt64, rows: Int) throws {
        let result = Self.hostilePlan(seed: seed, rows: rows)
        let (whole, kept, streamed, outcome) = try StreamingTests.storedBothWays(result)
        #expect(outcome.submission.recordCount == rows)
        let reference = try whole.recordRowBytes()
        let packed = try streamed.recordRowBytes()
        #expect(packed.count == reference.count)
        for (index, (mine, theirs)) in zip(packed, reference).enumerated() where mine != theirs {
            Issue.record("row \(index + 1) of \(rows): \(mine.prefix(300)) against \(theirs.prefix(300))")
            break
        }
        #expect(try streamed.records(submission: outcome.submission.id) == whole.records(submission: kept.submission.id))
    }

    /// The values a row writes, in order.
    private struct RecordedColumns: ColumnWriter {
        enum Value: Equatable { case integer(Int64?), text(String?) }
        var values: [Value] = []
        mutating func bind(_ value: Int64?) { values.append(.integer(value)) }
        mutating func bind(_ value: String?) { values.append(.text(value)) }
    }

    @Test("a streamed service is written from itself exactly when its columns give it back, as its encoding writes it",
          arguments: [11, 12, 13] as [UInt64], [nil, 2019] as [Int?])
    func serviceColumnsAreTheEncodedColumns(seed: UInt64, year: Int?) throws {
        let result = Self.hostilePlan(seed: seed, rows: 400)
        var fromItself = 0
        for (index, imported) in result.records.enumerated() {
            guard case .service(var service) = imported.record else { continue }
            // As the importer builds them: citing the row they were read from, or (every third) another line of it.
            if service.provenance == nil {
                service.provenance = index % 3 == 0 ? Provenance(file: result.file, sha256: result.sha256, line: 1) : imported.provenance
            }
            let record = ImportedRecord(record: .service(service), provenance: imported.provenance)
            let source = Provenance(file: result.file, sha256: result.sha256)
            let holds = ServiceColumns.holds(service, importedWith: imported.provenance)
            #expect(holds == (PlanColumns(record.record, citing: imported.provenance) != nil), "row \(index)")
            guard holds else { continue }
            fromItself += 1
            var encoded = try EncodedRecord(record, source: source)
            #expect(encoded.payload.isEmpty)
            encoded.year = year
            var reference = RecordedColumns()
            encoded.writeColumns(to: &reference)
            var written = RecordedColumns()
            ServiceColumns(service: service, year: year, provenance: imported.provenance).writeColumns(to: &written)
            #expect(written.values == reference.values, "row \(index)")
        }
        // Most rows go this way; those citing another row or stating an empty plan do not.
        #expect(fromItself > 150 && fromItself < 400)
    }
}
