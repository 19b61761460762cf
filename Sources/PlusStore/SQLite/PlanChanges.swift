import GRDB
import PlusModel

extension SQLiteStore {
    /// The services of an Ambito-year to read in batches, found without assembling the rest of the
    /// year: whether a year has a plan at all, and the names of a few services by code.
    public func services(ambito: String, year: Int) throws -> StoredServices {
        StoredServices(store: self, location: try read { db in try ServiceLocation(ambito: ambito, year: year, in: db) })
    }

    /// Hands `body` each amount of the Ambito's plan that differs between `previousYear` and `year`,
    /// by service then ente, a service's total cost before its shares: what
    /// ``AmbitoYearAssembly`` would give for each year, summed by key in SQL.
    ///
    /// Both years' services and cost shares are grouped by SQLite's sorter, which spills to a
    /// temporary file past its cache: a plan of any size is compared without holding either year.
    /// `body` runs inside the read and must not use the store.
    public func forEachPlanChange(ambito: String, from previousYear: Int, to year: Int, _ body: (PlanChange) throws -> Void) throws {
        // A missing side sums no amount: NULL, told apart from zero by `IS NOT`.
        let sql = """
            SELECT service, ente, sum(CASE WHEN year = ? THEN amount_cents END) AS before_cents,
                sum(CASE WHEN year = ? THEN amount_cents END) AS after_cents
            FROM (
                SELECT r.service AS service, CASE WHEN +r.kind = 'service' THEN NULL ELSE r.ente END AS ente,
                    r.year AS year, r.amount_cents AS amount_cents
                FROM submissions s CROSS JOIN records r ON r.submission_id = s.id
                WHERE s.ambito = ? AND s.status = 'accepted' AND +r.kind IN ('service', 'cost_share') AND +r.year IN (?, ?)
            )
            GROUP BY service, ente HAVING before_cents IS NOT after_cents
            ORDER BY service, ente
            """
        try read { db in
            try StatementColumns.forEachRow(
                db, sql: sql, arguments: [previousYear, year, ambito, previousYear, year]
            ) { columns in
                guard let service = columns.text(at: 0) else { throw StoreError.corruptRecord(kind: "service") }
                var ente: EnteRef?
                if let text = columns.text(at: 1) {
                    guard let parsed = EnteRef(parsing: text) else { throw StoreError.corruptRecord(kind: "cost_share") }
                    ente = parsed
                }
                try body(PlanChange(
                    service: service, ente: ente, previous: columns.int64(at: 2).map(Money.init(cents:)),
                    current: columns.int64(at: 3).map(Money.init(cents:))))
            }
        }
    }
}
