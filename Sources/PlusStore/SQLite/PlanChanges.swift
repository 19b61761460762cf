import GRDB
import PlusModel

extension SQLiteStore {
    /// The services of an Ambito-year to read in batches, found without assembling the rest of the
    /// year: whether a year has a plan at all, and the names of a few services by code.
    public func services(ambito: String, year: Int) throws -> StoredServices {
        StoredServices(store: self, location: try read { db in try ServiceLocation(ambito: ambito, year: year, in: db, streamed: streamedServices.all) })
    }

    /// Hands `body` each amount of the Ambito's plan that differs between `previousYear` and `year`,
    /// by service then ente, a service's total cost before its shares: what
    /// ``AmbitoYearAssembly`` would give for each year, summed by key in SQL. An amount whose
    /// entries add up past what ``Money`` holds, in either year, goes to `overflowing` instead (`CMP001`).
    ///
    /// Both years' services and cost shares (in `records` and `cost_shares`) are grouped by SQLite's sorter, which spills to a
    /// temporary file past its cache: a plan of any size is compared without holding either year.
    /// The closures run inside the read and must not use the store.
    public func forEachPlanChange(
        ambito: String, from previousYear: Int, to year: Int, overflowing: (PlanSumOverflow) throws -> Void,
        _ body: (PlanChange) throws -> Void
    ) throws {
        // SQLite's sum() stops the whole query with an error on an overflow: each amount is summed
        // as its high and low 32 bits instead, sums that cannot overflow, and joined here, where a
        // total past Int64 is told for its own key. A missing side sums no amount: NULL, told apart
        // from zero by `IS NOT`; two different pairs of parts can still make the same total.
        let sql = """
            SELECT service, ente,
                sum(CASE WHEN year = ? THEN amount_cents >> 32 END) AS before_high,
                sum(CASE WHEN year = ? THEN amount_cents & 4294967295 END) AS before_low,
                sum(CASE WHEN year = ? THEN amount_cents >> 32 END) AS after_high,
                sum(CASE WHEN year = ? THEN amount_cents & 4294967295 END) AS after_low
            FROM (
                SELECT r.service AS service, CASE WHEN +r.kind = 'service' THEN NULL ELSE r.ente END AS ente,
                    r.year AS year, r.amount_cents AS amount_cents
                FROM submissions s CROSS JOIN records r ON r.submission_id = s.id
                WHERE s.ambito = ? AND s.status = 'accepted' AND +r.kind IN ('service', 'cost_share') AND +r.year IN (?, ?)
                UNION ALL
                SELECT c.service, \(StoredEnte.text(of: "c")), c.year, c.amount_cents
                FROM submissions s CROSS JOIN cost_shares c ON c.submission_id = s.id
                WHERE s.ambito = ? AND s.status = 'accepted' AND +c.year IN (?, ?)
            )
            GROUP BY service, ente HAVING before_high IS NOT after_high OR before_low IS NOT after_low
            ORDER BY service, ente
            """
        try read { db in
            try StatementColumns.forEachRow(
                db, sql: sql, arguments: [previousYear, previousYear, year, year, ambito, previousYear, year, ambito, previousYear, year]
            ) { columns in
                guard let service = columns.text(at: 0) else { throw StoreError.corruptRecord(kind: "service") }
                var ente: EnteRef?
                if let text = columns.text(at: 1) {
                    guard let parsed = EnteRef(parsing: text) else { throw StoreError.corruptRecord(kind: "cost_share") }
                    ente = parsed
                }
                let before = PlanSum(high: columns.int64(at: 2), low: columns.int64(at: 3))
                let after = PlanSum(high: columns.int64(at: 4), low: columns.int64(at: 5))
                let overflowed = [(previousYear, before), (year, after)].filter { $0.1 == .overflow }.map(\.0)
                let previous = before.money, current = after.money
                guard overflowed.isEmpty, (current?.cents ?? 0).subtractingReportingOverflow(previous?.cents ?? 0).overflow == false else {
                    return try overflowing(PlanSumOverflow(service: service, ente: ente, years: overflowed))
                }
                if previous != current {
                    try body(PlanChange(service: service, ente: ente, previous: previous, current: current))
                }
            }
        }
    }
}

/// One year's sum of an amount's entries, as SQL added their high and low 32 bits apart.
enum PlanSum: Equatable {
    case missing
    case total(Money)
    case overflow

    /// The sum of `high · 2³² + low` over the entries: `low` is never negative, each entry's low
    /// bits being below 2³², and the total fits in Int64 only when the carried high part fits in 32 bits.
    init(high: Int64?, low: Int64?) {
        guard let high, let low else { self = .missing; return }
        let (carried, overflow) = high.addingReportingOverflow(low >> 32)
        guard !overflow, carried >= Int64(Int32.min), carried <= Int64(Int32.max) else { self = .overflow; return }
        self = .total(Money(cents: carried << 32 | (low & 0xFFFF_FFFF)))
    }

    var money: Money? {
        if case .total(let money) = self { return money }
        return nil
    }
}
