import GRDB
import PlusModel

/// Reads stored records back as canonical records with their provenance.
enum RecordQuery {
    /// The columns every query selects, read by position; `sid` and `ord` order the records.
    static let columns = """
        r.payload, r.line, r.xpath, \(citedFile) AS file, s.sha256, s.id AS sid, r.ordinal AS ord, \
        r.kind, r.ente, r.year, r.service, r.amount_cents
        """ + PlanColumns.names.map { ", r." + $0 }.joined()

    /// The file a submission's rows cite: its own, or the sheet of a workbook it was read from
    /// (`submissions.cited_file`, schema v13).
    static let citedFile = "coalesce(s.cited_file, s.file)"

    /// The condition of the records' index by kind, year and ente (schema v10): a query of
    /// records by kind says it word for word, with the kind it wants, or SQLite does not use
    /// that index and reads every record.
    ///
    /// ```swift
    /// "WHERE r.kind = 'comune' AND \(RecordQuery.indexedKinds) AND r.ente = ?"
    /// ```
    static let indexedKinds = "r.kind NOT IN ('cost_share', 'service')"

    /// How many columns ``columns`` selects: a query may select more after them.
    static let columnCount = 12 + PlanColumns.names.count

    /// Records matching `condition` (SQL over `r`, the record, and `s`, its submission), in
    /// submission then file order. With `currentOnly`, only accepted submissions count.
    static func imported(
        _ db: Database, where condition: String, arguments: StatementArguments, currentOnly: Bool
    ) throws -> [ImportedRecord] {
        let current = currentOnly ? "s.status = 'accepted' AND " : ""
        return try imported(
            db,
            sql: """
                SELECT \(columns) FROM records r JOIN submissions s ON s.id = r.submission_id
                WHERE \(current)(\(condition))
                ORDER BY sid, ord
                """,
            arguments: arguments)
    }

    /// A query of the current records, matching `condition`, of the submissions filed for the
    /// Ambito given as its first argument. `CROSS JOIN` makes SQLite start from the submissions'
    /// Ambito index, then read each submission's records by its own index: the cost is the
    /// Ambito's own records, however many other Ambiti the store holds. The condition must keep
    /// SQLite off the records' kind index, with a unary `+` (`+r.kind = 'declaration'`), or it
    /// would scan every Ambito's records of that kind once per submission.
    static func filedForAmbito(where condition: String) -> String {
        """
        SELECT \(columns) FROM submissions s CROSS JOIN records r ON r.submission_id = s.id
        WHERE s.ambito = ? AND s.status = 'accepted' AND (\(condition))
        """
    }

    /// Records of a full query that selects ``columns``.
    static func imported(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ImportedRecord] {
        var records: [ImportedRecord] = []
        try forEach(db, sql: sql, arguments: arguments) { records.append($0) }
        return records
    }

    /// Hands each record of a full query that selects ``columns`` to `body` as it is read, so a
    /// caller that sorts records into its own arrays never holds a second copy of them all.
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments, _ body: (ImportedRecord) throws -> Void
    ) throws {
        try forEach(db, sql: sql, arguments: arguments) { record, _ in try body(record) }
    }

    /// Hands each record to `body` with its row's columns, for those a query selects after
    /// ``columns`` (where a batched read resumes). The row is read with SQLite's own calls
    /// (``StatementColumns``): no `Row` and no generic decoding per cell.
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments, _ body: (ImportedRecord, StatementColumns) throws -> Void
    ) throws {
        // One submission's rows come together: its file name and checksum are read once.
        var source: (submission: Int64, file: String, sha256: String)?
        try StatementColumns.forEachRow(db, sql: sql, arguments: arguments) { columns in
            guard let submission = columns.int64(at: 5) else { throw StoreError.corruptRecord(kind: columns.text(at: 7) ?? "") }
            if source?.submission != submission {
                guard let file = columns.text(at: 3), let sha256 = columns.text(at: 4) else {
                    throw StoreError.corruptRecord(kind: columns.text(at: 7) ?? "")
                }
                source = (submission, file, sha256)
            }
            let provenance = Provenance(
                file: source!.file, sha256: source!.sha256, line: columns.int64(at: 1).map { Int($0) }, xpath: columns.text(at: 2))
            try body(ImportedRecord(record: try stored(columns, citing: provenance), provenance: provenance), columns)
        }
    }

    /// What `keep` returns of each record of a query that selects ``columns``, in submission then
    /// file order (`sid`, `ord`), sorted here by those two integers alone: SQLite's `ORDER BY sid,
    /// ord` copied every row's 38 columns into its sorter and out again (7.5 % of a region-year's
    /// consolidation). A submission's ordinals are unique across `records` and `declarations` (one
    /// numbering of its rows), so the order is the same whichever sorts. Rows that come in order
    /// (one branch of a query) are not sorted; else what is kept is held twice while it is.
    static func inFileOrder<Kept>(
        _ db: Database, sql: String, arguments: StatementArguments, keeping keep: (ImportedRecord) throws -> Kept?
    ) throws -> [Kept] {
        var keys: [(submission: Int64, ordinal: Int64)] = []
        var kept: [Kept] = []
        try forEach(db, sql: sql, arguments: arguments) { record, columns in
            guard let value = try keep(record) else { return }
            keys.append((columns.int64(at: 5) ?? 0, columns.int64(at: 6) ?? 0))
            kept.append(value)
        }
        guard zip(keys, keys.dropFirst()).contains(where: { $0 > $1 }) else { return kept }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { kept[$0] }
    }

    /// The record of a row that selects ``columns``, as stored: without the citation of its own
    /// row, or ``CanonicalRecord/citing(_:)`` `provenance` when one is given.
    static func stored(_ row: some StoredColumns, citing provenance: Provenance? = nil) throws -> CanonicalRecord {
        guard let payload = row.text(at: 0), let kind = row.text(at: 7) else {
            throw StoreError.corruptRecord(kind: row.text(at: 7) ?? "")
        }
        guard payload.isEmpty else {
            let record = try RecordCoding.decode(payload)
            return provenance.map(record.citing) ?? record
        }
        // Kept in columns only without a provenance of its own: citing is giving it `provenance`,
        // as it is built rather than in a copy of it. A declaration or cost share is read from
        // its three columns after the common ones (note, date, basis points), NULL in a service's
        // row, and only they name an ente; a service from all of ``PlanColumns``.
        if kind == "declaration" || kind == "cost_share" {
            guard let service = row.text(at: 10), let cents = row.int64(at: 11),
                  let record = try PlanColumns.charged(
                    kind: kind, ente: row.ente(at: 8), year: row.int64(at: 9).map { Int($0) }, service: service,
                    amount: Money(cents: cents), note: row.text(at: 12), approvedOn: row.text(at: 13), basisPoints: row.int64(at: 14),
                    provenance: provenance)
            else { throw StoreError.corruptRecord(kind: kind) }
            return record
        }
        return try PlanColumns(row: row, at: 12).record(
            kind: kind, ente: nil, year: row.int64(at: 9).map { Int($0) }, service: row.text(at: 10),
            amountCents: row.int64(at: 11), provenance: provenance)
    }
}

extension CanonicalRecord {
    /// The record without its provenance when it is exactly `provenance`, the one ``citing(_:)``
    /// puts back from the row: the store keeps the file name and checksum once per submission,
    /// not once per record.
    func uncited(_ provenance: Provenance) -> CanonicalRecord {
        replacingProvenance { $0 == provenance ? nil : $0 }
    }

    /// The record with `provenance` filled in where it states none, so a report built from the
    /// assembled plan can still say which file and row a number came from.
    func citing(_ provenance: Provenance) -> CanonicalRecord {
        replacingProvenance { $0 ?? provenance }
    }

    /// The record with its own provenance (reference records have none) replaced by `change` of it.
    private func replacingProvenance(_ change: (Provenance?) -> Provenance?) -> CanonicalRecord {
        switch self {
        case .service(var service):
            service.provenance = change(service.provenance)
            return .service(service)
        case .costShare(var share):
            share.provenance = change(share.provenance)
            return .costShare(share)
        case .declaration(var declaration):
            declaration.provenance = change(declaration.provenance)
            return .declaration(declaration)
        case .allocation(var allocation):
            allocation.provenance = change(allocation.provenance)
            return .allocation(allocation)
        case .deliberation(var deliberation):
            deliberation.provenance = change(deliberation.provenance)
            return .deliberation(deliberation)
        case .fundStatement(var statement):
            statement.provenance = change(statement.provenance)
            return .fundStatement(statement)
        case .indicator(var indicator):
            indicator.provenance = change(indicator.provenance)
            return .indicator(indicator)
        case .comune, .ambitoMember, .ambitoSignatories, .ambitoPlan:
            return self
        }
    }
}
