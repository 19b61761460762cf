import Foundation
import GRDB
import PlusModel
import PlusTestSupport
@testable import PlusStore

/// Small, hand-made imports of the Oristano Ambito, 2019.
enum Fixtures {
    static let cabras = OristanoAmbito.cabras
    static let oristano = OristanoAmbito.oristano
    static let asl = OristanoAmbito.asl

    /// The shared test Ambito, signed by the Provincia too.
    static let ambito = {
        var ambito = OristanoAmbito.ambito
        ambito.provincia = OristanoAmbito.provincia
        return ambito
    }()

    /// A Comune's sheet: one declaration per `(service, cents)`, one row per line from line 2.
    static func sheet(
        _ amounts: [(String, Int64)], by ente: EnteRef = cabras, year: Int = 2019, file: String = "cabras.csv",
        mapping: String = "comune-scheda", mappingVersion: Int = 1,
        status: ImportStatus = .accepted
    ) -> ImportResult {
        let text = "\(ente);\(year);" + amounts.map { "\($0.0)=\($0.1)" }.joined(separator: ";")
        let sha = Checksum.sha256(Data(text.utf8))
        let records = amounts.enumerated().map { index, entry in
            ImportedRecord(
                record: .declaration(Declaration(ente: ente, year: year, service: entry.0, amount: Money(cents: entry.1))),
                provenance: Provenance(file: file, sha256: sha, line: index + 2))
        }
        return ImportResult(
            file: file, sha256: sha, byteCount: text.utf8.count, mapping: mapping, mappingVersion: mappingVersion,
            status: status, subject: SubmissionSubject(ente: ente, year: year), rowsRead: records.count,
            records: status == .accepted ? records : [],
            diagnostics: [warning(file: file)], details: ["encoding": "windows-1252", "delimiter": ";", "target": "dichiarazione"])
    }

    /// A sheet the importer refused as a whole.
    static func refusedSheet(_ ente: EnteRef = cabras, year: Int = 2019, file: String = "cabras-rotto.csv") -> ImportResult {
        var result = sheet([("SAD", 1)], by: ente, year: year, file: file, status: .rejected)
        result.rejectedRows = [
            RejectedRow(line: 2, cells: ["095018", "2019", "SAD", "1.2.3"], reasons: [warning(file: file)])
        ]
        result.diagnostics = [
            Diagnostic(
                code: "CSV001", severity: .error, location: SourceLocation(file: file, line: 3),
                found: "\"", expected: "chiusura delle virgolette",
                message: LocalizedText(it: "Virgolette non chiuse.", en: "Unterminated quote."))
        ]
        return result
    }

    /// The capofila's plan table.
    static func services(year: Int = 2019, file: String = "servizi.csv", _ costs: [(String, Int64)]) -> ImportResult {
        let text = "servizi;\(year);" + costs.map { "\($0.0)=\($0.1)" }.joined(separator: ";")
        let sha = Checksum.sha256(Data(text.utf8))
        let records = costs.enumerated().map { index, entry in
            ImportedRecord(
                record: .service(PlannedService(
                    code: entry.0, name: "Servizio \(entry.0)", totalCost: Money(cents: entry.1),
                    funding: [.fondoRegionale: Money(cents: entry.1)], sharingCriterion: .perResident)),
                provenance: Provenance(file: file, sha256: sha, line: index + 2))
        }
        return ImportResult(
            file: file, sha256: sha, byteCount: text.utf8.count, mapping: "capofila-servizi", mappingVersion: 1,
            status: .accepted, subject: SubmissionSubject(ente: oristano, year: year), rowsRead: records.count,
            records: records)
    }

    /// The capofila's cost split.
    static func split(year: Int = 2019, file: String = "riparto.csv", _ shares: [(String, EnteRef, Int64)]) -> ImportResult {
        let text = "riparto;\(year);" + shares.map { "\($0.0)/\($0.1)=\($0.2)" }.joined(separator: ";")
        let sha = Checksum.sha256(Data(text.utf8))
        let records = shares.enumerated().map { index, entry in
            ImportedRecord(
                record: .costShare(CostShare(service: entry.0, ente: entry.1, amount: Money(cents: entry.2))),
                provenance: Provenance(file: file, sha256: sha, line: index + 2))
        }
        return ImportResult(
            file: file, sha256: sha, byteCount: text.utf8.count, mapping: "capofila-riparto", mappingVersion: 1,
            status: .accepted, subject: SubmissionSubject(ente: oristano, year: year), rowsRead: records.count,
            records: records)
    }

    /// A regional deliberation with Oristano's allocation as a separate record.
    static func deliberation(year: Int = 2019, number: String = "40/32", total: Int64 = 1_861_000_000) -> ImportResult {
        let file = "dgr-\(number.replacingOccurrences(of: "/", with: "-")).xml"
        let sha = Checksum.sha256(Data("\(number) \(year) \(total)".utf8))
        let act = Deliberation(
            number: number, date: CivilDate(year: year, month: 10, day: 6)!, body: "Giunta Regionale",
            year: year, fundTotal: Money(cents: total))
        let allocation = RegionalAllocation(
            year: year, ambito: "OR", population: 40_221, equalShare: Money(euros: 297_760),
            populationShare: Money(euros: 400_000), udpShare: Money(euros: 76_000), total: Money(euros: 773_760))
        return ImportResult(
            file: file, sha256: sha, byteCount: 100, mapping: "dgr-riparto", mappingVersion: 1, status: .accepted,
            rowsRead: 1,
            records: [
                ImportedRecord(record: .deliberation(act), provenance: Provenance(file: file, sha256: sha, xpath: "/delibera")),
                ImportedRecord(
                    record: .allocation(allocation),
                    provenance: Provenance(file: file, sha256: sha, xpath: "/delibera/ambito[1]")),
            ])
    }

    /// A list of an Ambito's member Comuni, a membership record each.
    static func members(_ comuni: [MemberComune], ambito: String = "OR") -> ImportResult {
        let sha = Checksum.sha256(Data("membri".utf8))
        return ImportResult(
            file: "ambiti-membri.csv", sha256: sha, byteCount: 6, mapping: "ambiti-membri", mappingVersion: 1,
            status: .accepted, rowsRead: comuni.count,
            records: comuni.enumerated().map { index, comune in
                ImportedRecord(record: .comune(comune, ambito: ambito), provenance: Provenance(file: "ambiti-membri.csv", sha256: sha, line: index + 2))
            })
    }

    static func warning(file: String) -> Diagnostic {
        Diagnostic(
            code: "CSV010", severity: .warning, location: SourceLocation(file: file, line: 5, column: "Note"),
            message: LocalizedText(it: "Riga vuota ignorata.", en: "Empty row skipped."))
    }

    /// Inserts an accepted submission as every release since the first wrote its row, into a
    /// store of an older schema: for the tests of what opening it migrates. `nil` is SQL's NULL.
    static func insertReleasedSubmission(
        _ db: Database, id: Int = 1, file: String, sha256: String = "aaaa", mapping: String, ente: String?, ambito: String?,
        year: Int?, key: (kind: String, scope: String)?, rows: Int
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO submissions (id, file, sha256, byte_count, mapping, mapping_version, status, ente, ambito,
                    year, key_kind, key_scope, key_year, received_at, stored_at, rows_read, rows_accepted, rows_rejected,
                    record_count, details)
                VALUES (?, ?, ?, 10, ?, 1, 'accepted', ?, ?, ?, ?, ?, ?, '2019-03-01 10:00:00.000', '2019-03-01 10:00:00.000',
                    ?, ?, 0, ?, '{}')
                """,
            arguments: [id, file, sha256, mapping, ente, ambito, year, key?.kind, key?.scope, key == nil ? nil : year, rows, rows, rows])
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("plus-store-\(UUID().uuidString).sqlite").path
    }

    /// The SQLite type of each of `columns` in each row of `table`, in the submission's order, and
    /// the row's `ente` as stored (a narrow table's Comune code or text).
    static func storedTypes(
        of table: String, columns: [String], in store: SQLiteStore
    ) throws -> (types: [[String]], entes: [DatabaseValue]) {
        let rows = try store.dbQueue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(columns.map { "typeof(\($0))" }.joined(separator: ", ")), ente FROM \(table) ORDER BY ordinal")
        }
        return (rows.map { row in columns.indices.map { row[$0] as String } }, rows.map { $0[columns.count] as DatabaseValue })
    }

    /// Removes a store on disk with its write-ahead log and shared memory.
    static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A store on disk at `path` as the release of schema `version` created it, empty: for the
    /// tests of what opening it migrates.
    static func releasedStore(at path: String, upTo version: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: version)
        return queue
    }
}

/// An error thrown on purpose in the middle of an import.
struct InjectedFault: Error, Equatable {}

/// A clock the test moves by hand, so stored dates are apart by as much as the test says.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    @Sendable func now() -> Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
