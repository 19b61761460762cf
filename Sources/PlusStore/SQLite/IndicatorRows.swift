import GRDB
import PlusModel

/// The `indicators` table: a submission's monitoring indicators, written and read as typed columns.
///
/// ```swift
/// try IndicatorRows.insert(result.records, submission: id, ambito: "OR", in: db)
/// let current = try IndicatorRows.current(ambito: "OR", year: 2019, in: db)
/// ```
enum IndicatorRows {
    /// Writes the indicators among `records`; an indicator naming no Ambito takes the submission's.
    static func insert(_ records: [ImportedRecord], submission: Int64, ambito: String?, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO indicators (submission_id, ordinal, ambito, year, service, code, description, unit, target, actual, line, xpath, source_file)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, imported) in records.enumerated() {
            guard case .indicator(let indicator) = imported.record else { continue }
            try statement.execute(arguments: [
                submission, ordinal, indicator.ambito ?? ambito, indicator.year, indicator.service, indicator.code,
                indicator.description, indicator.unit, indicator.target?.description, indicator.actual?.description,
                imported.provenance.line, imported.provenance.xpath,
                // The file the row was first read from, when it differs from the submitted one (an Ambito's export).
                indicator.provenance.map(\.file).flatMap { $0 == imported.provenance.file ? nil : $0 },
            ])
        }
    }

    /// The indicators of the Ambito-year from its accepted submissions, in submission then file order;
    /// `eachRow` is called before each is read, and ends the reading by throwing.
    static func current(ambito: String, year: Int, in db: Database, eachRow: () throws -> Void = {}) throws -> [Indicator] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT i.*, \(RecordQuery.citedFile) AS file, s.sha256 FROM indicators i JOIN submissions s ON s.id = i.submission_id
                WHERE i.ambito = ? AND i.year = ? AND s.status = 'accepted'
                ORDER BY i.submission_id, i.ordinal
                """),
            arguments: [ambito, year])
        var indicators: [Indicator] = []
        while let row = try rows.next() {
            try eachRow()
            indicators.append(Indicator(
                service: row["service"], code: row["code"], description: row["description"], unit: row["unit"],
                target: try decimal(row["target"]), actual: try decimal(row["actual"]), year: row["year"],
                ambito: row["ambito"],
                provenance: Provenance(file: row["source_file"] ?? row["file"], sha256: row["sha256"], line: row["line"], xpath: row["xpath"])))
        }
        return indicators
    }

    private static func decimal(_ text: String?) throws -> ExactDecimal? {
        guard let text else { return nil }
        guard let value = ExactDecimal(text) else { throw StoreError.corruptRecord(kind: "indicator") }
        return value
    }
}
