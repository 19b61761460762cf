import GRDB
import PlusModel

/// Reads stored records back as canonical records with their provenance.
enum RecordQuery {
    /// Records matching `condition` (SQL over `r`, the record, and `s`, its submission), in
    /// submission then file order. With `currentOnly`, only accepted submissions count.
    static func imported(
        _ db: Database, where condition: String, arguments: StatementArguments, currentOnly: Bool
    ) throws -> [ImportedRecord] {
        let current = currentOnly ? "s.status = 'accepted' AND " : ""
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.payload, r.line, r.xpath, s.file, s.sha256
                FROM records r JOIN submissions s ON s.id = r.submission_id
                WHERE \(current)(\(condition))
                ORDER BY s.id, r.ordinal
                """,
            arguments: arguments)
        return try rows.map { row in
            let provenance = Provenance(file: row["file"], sha256: row["sha256"], line: row["line"], xpath: row["xpath"])
            return ImportedRecord(record: try RecordCoding.decode(row["payload"]).citing(provenance), provenance: provenance)
        }
    }
}

extension CanonicalRecord {
    /// The record with `provenance` filled in where it states none, so a report built from the
    /// assembled plan can still say which file and row a number came from.
    func citing(_ provenance: Provenance) -> CanonicalRecord {
        switch self {
        case .service(var service):
            service.provenance = service.provenance ?? provenance
            return .service(service)
        case .costShare(var share):
            share.provenance = share.provenance ?? provenance
            return .costShare(share)
        case .declaration(var declaration):
            declaration.provenance = declaration.provenance ?? provenance
            return .declaration(declaration)
        case .allocation(var allocation):
            allocation.provenance = allocation.provenance ?? provenance
            return .allocation(allocation)
        case .deliberation(var deliberation):
            deliberation.provenance = deliberation.provenance ?? provenance
            return .deliberation(deliberation)
        case .comune, .ambitoMember, .ambitoSignatories:
            return self
        }
    }
}
