import Foundation
import GRDB
import PlusModel

/// Builds one ``AmbitoYear`` from the current submissions and the reference data.
///
/// - The Ambito is the reference one; current membership records for it replace its Comuni.
/// - Services and cost shares come from the current submissions filed for the Ambito. The
///   services are left out of the year assembled: they are read in batches (``StoredServices``)
///   or added whole by ``SQLiteStore/ambitoYear(ambito:year:)``.
/// - Declarations are those of the year filed for the Ambito, or by a member or signatory when
///   the submission names no Ambito (an ASL serving several Ambiti files one sheet for each).
/// - The listed plans are the reference list's for the Ambito, whatever their years.
/// - Indicators are those of the current submissions for the Ambito-year (their own table).
/// - The deliberation is the year's current one, region-wide, with its allocations.
struct AmbitoYearAssembly {
    let db: Database
    let deliberations: DeliberationCache
    /// Whether SQLite sorts the cost shares and declarations into file order (`ORDER BY sid, ord`),
    /// as before, rather than ``RecordQuery/inFileOrder(_:sql:arguments:keeping:)``. Off unless
    /// `PLUS_ASSEMBLY_ORDER=sql` is set; the tests compare both.
    var ordersInSQL = Self.ordersInSQLByEnvironment

    static let ordersInSQLByEnvironment = ProcessInfo.processInfo.environment["PLUS_ASSEMBLY_ORDER"]?.lowercased() == "sql"
    /// The services of submissions streamed by this process, counted as they went in.
    var streamed: [Int64: StreamedServices] = [:]
    /// The most cost shares, declarations, fund statements and indicators one Ambito-year may hold
    /// (see ``RowLimitExceeded``); ``SQLiteStore/ambitoYearRowLimit``.
    var rowLimit = Self.defaultRowLimit

    /// 50,000 rows, some 70 MB in memory while the year is validated and exported (1.4 KB a row,
    /// measured): fifteen times the largest Ambito-year of a generated Italy
    /// (3,339 cost shares); `PLUS_AMBITO_YEAR_ROWS` sets another.
    static let defaultRowLimit: Int = {
        guard let text = ProcessInfo.processInfo.environment["PLUS_AMBITO_YEAR_ROWS"], let limit = Int(text), limit > 0 else {
            return 50_000
        }
        return limit
    }()

    /// Counts the rows the assembly holds and stops it past the limit: a file of millions of cost
    /// shares for one Ambito-year is not read whole only to be refused.
    private struct HeldRows {
        let limit: Int
        var count = 0

        /// Thrown from a reading callback, ending the query.
        struct LimitPassed: Error {}

        mutating func take() throws {
            count += 1
            if count > limit { throw LimitPassed() }
        }
    }

    /// The Ambito-year without its services, and where they are; `nil` when nothing is known of it.
    func assemble(ambito code: String, year: Int) throws -> (year: AmbitoYear, services: ServiceLocation)? {
        let reference = try ReferenceRows.ambito(code: code, in: db)
        let members = try RecordQuery.imported(
            db, where: "r.kind = 'comune' AND \(RecordQuery.indexedKinds) AND r.ambito = ?", arguments: [code], currentOnly: true
        ).compactMap { imported -> MemberComune? in
            if case .comune(let comune, _) = imported.record { return comune }
            return nil
        }
        // A placeholder when only submissions name the Ambito: validation reports what is missing.
        var ambito = reference ?? Ambito(code: code, name: code, capofila: "", comuni: [])
        if !members.isEmpty { ambito.comuni = members }

        // Sorted into their own arrays as they are read.
        let services = try ServiceLocation(ambito: code, year: year, in: db, streamed: streamed)
        var costShares: [CostShare] = []
        var fundStatements: [FundStatement] = []
        var declarations: [Declaration] = []
        var indicators: [Indicator] = []
        var hasPlanRecords = services.count > 0
        var held = HeldRows(limit: rowLimit)
        var rowLimitExceeded: RowLimitExceeded?
        let enti = ambito.members.map(\.description)
        let placeholders = databaseQuestionMarks(count: enti.count)
        do {
            // A plan table's submission has no other records: not read through to find none.
            let notPlanTables = services.notHoldingOnlyServices
            // Cost shares are in their own table (``CostShareRows``) but those with a JSON payload.
            let planRecords = try inFileOrder(
                sql: RecordQuery.filedForAmbito(
                    where: "+r.kind IN ('cost_share', 'fund_statement') AND +r.year = ? AND \(notPlanTables.sql)") + """

                    UNION ALL
                    SELECT \(CostShareRows.columns) FROM submissions s CROSS JOIN cost_shares c ON c.submission_id = s.id
                    WHERE s.ambito = ? AND s.status = 'accepted' AND +c.year = ? AND \(notPlanTables.sql)
                    """,
                arguments: [code, year, notPlanTables.argument, code, year, notPlanTables.argument]
            ) { imported -> CanonicalRecord? in
                hasPlanRecords = true
                try held.take()
                return imported.record
            }
            for record in planRecords {
                switch record {
                case .costShare(let share): costShares.append(share)
                case .fundStatement(let statement) where statement.ambito == code && statement.year == year:
                    fundStatements.append(statement)
                default: break
                }
            }
            // Sheets filed for the Ambito, then those filed for no Ambito by one of its members: two
            // queries each driven by its own index, where one with an OR would scan the whole year.
            // Declarations are in their own table (``DeclarationRows``) but those with a JSON payload.
            var declarationsSQL = RecordQuery.filedForAmbito(where: "+r.kind = 'declaration' AND +r.year = ? AND \(notPlanTables.sql)") + """

                UNION ALL
                SELECT \(DeclarationRows.columns) FROM submissions s CROSS JOIN declarations d ON d.submission_id = s.id
                WHERE s.ambito = ? AND s.status = 'accepted' AND +d.year = ?
                """
            var declarationArguments: [any DatabaseValueConvertible] = [code, year, notPlanTables.argument, code, year]
            if !enti.isEmpty {
                declarationsSQL += """

                    UNION ALL
                    SELECT \(RecordQuery.columns) FROM records r JOIN submissions s ON s.id = r.submission_id
                    WHERE r.kind = 'declaration' AND \(RecordQuery.indexedKinds) AND r.year = ? AND r.ente IN (\(placeholders))
                    AND s.ambito IS NULL AND s.status = 'accepted'
                    UNION ALL
                    SELECT \(DeclarationRows.columns) FROM declarations d JOIN submissions s ON s.id = d.submission_id
                    WHERE d.year = ? AND d.ente IN (\(placeholders))
                    AND s.ambito IS NULL AND s.status = 'accepted'
                    """
                declarationArguments += [year] as [any DatabaseValueConvertible] + enti
                declarationArguments += [year] as [any DatabaseValueConvertible] + enti.map { StoredEnte.value(text: $0) }
            }
            declarations = try inFileOrder(sql: declarationsSQL, arguments: StatementArguments(declarationArguments)) { imported -> Declaration? in
                guard case .declaration(let declaration) = imported.record else { return nil }
                try held.take()
                return declaration
            }
            indicators = try IndicatorRows.current(ambito: code, year: year, in: db) { try held.take() }
        } catch is HeldRows.LimitPassed {
            // What was read is let go: the year is named as too large, not validated on a part of it.
            (costShares, fundStatements, declarations, indicators) = ([], [], [], [])
            hasPlanRecords = true
            let largest = try largestSubmission(ambito: code, year: year)
            rowLimitExceeded = RowLimitExceeded(limit: rowLimit, largestFile: largest?.file, rowsOfLargestFile: largest?.rows ?? 0)
        }
        let submitters = try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT DISTINCT ente FROM submissions WHERE status = 'accepted' AND year = ? AND ente IS NOT NULL"
                    + " AND (ambito = ?" + (enti.isEmpty ? ")" : " OR (ambito IS NULL AND ente IN (\(placeholders))))")
                    + " ORDER BY ente"),
            arguments: StatementArguments([year, code] as [any DatabaseValueConvertible] + enti)
        ).compactMap { EnteRef(parsing: $0) }
        var deliberation = try self.deliberation(year: year)
        // A regional act is the year's for the Ambiti of its own region only.
        if let act = deliberation, act.allocation(for: code) == nil,
           try Membership.ambitiOfOtherRegions(than: act.allocations.map(\.ambito), in: db).contains(code) {
            deliberation = nil
        }
        let isClosed = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT closed FROM plan_closures WHERE ambito = ? AND year = ?"), arguments: [code, year]) ?? false

        let listedPlans = try PlanListRows.plans(ambito: code, in: db)
        if reference == nil && members.isEmpty && !hasPlanRecords && declarations.isEmpty
            && deliberation?.allocation(for: code) == nil && indicators.isEmpty
        {
            return nil
        }
        var assembled = AmbitoYear(
            ambito: ambito, year: year, plan: try services.planIdentity(ambito: code, in: db), costShares: costShares,
            declarations: declarations, submitters: submitters, deliberation: deliberation, isClosed: isClosed,
            incompleteSubmissions: try incompleteSubmissions(ambito: code, year: year),
            fundStatements: fundStatements,
            indicators: indicators)
        assembled.populationsByVintage = try ComuneReference.populations(of: ambito.comuni.map(\.istatCode), in: db)
        assembled.listedPlans = listedPlans
        assembled.rowLimitExceeded = rowLimitExceeded
        return (assembled, services)
    }

    /// The current submission in scope of the Ambito-year with the most cost shares, declarations
    /// and indicators of the year, and how many: where an Ambito-year over the limit got its rows.
    /// Counted only once the limit is passed, each through its table's key by submission.
    private func largestSubmission(ambito code: String, year: Int) throws -> (file: Provenance, rows: Int)? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT s.file, s.sha256,
                    (SELECT count(*) FROM cost_shares c WHERE c.submission_id = s.id AND c.year = :year)
                    + (SELECT count(*) FROM declarations d WHERE d.submission_id = s.id AND d.year = :year)
                    + (SELECT count(*) FROM indicators i WHERE i.submission_id = s.id AND i.year = :year)
                    + (SELECT count(*) FROM records r WHERE r.submission_id = s.id AND r.year = :year
                       AND r.kind IN ('cost_share', 'declaration', 'fund_statement')) AS rows
                FROM submissions s
                WHERE s.status = 'accepted'
                AND s.id IN (SELECT sc.submission_id FROM submission_scopes sc WHERE sc.ambito = :ambito AND sc.year = :year)
                ORDER BY rows DESC, s.id LIMIT 1
                """,
            arguments: ["ambito": code, "year": year])
        return row.map { (Provenance(file: $0["file"], sha256: $0["sha256"]), $0["rows"]) }
    }

    /// What `keep` returns of each record of `sql` (a query selecting ``RecordQuery/columns``,
    /// without an order), in submission then file order: sorted by SQLite, or here (see ``ordersInSQL``).
    private func inFileOrder<Kept>(
        sql: String, arguments: StatementArguments, keeping keep: (ImportedRecord) throws -> Kept?
    ) throws -> [Kept] {
        guard ordersInSQL else { return try RecordQuery.inFileOrder(db, sql: sql, arguments: arguments, keeping: keep) }
        var kept: [Kept] = []
        try RecordQuery.forEach(db, sql: sql + " ORDER BY sid, ord", arguments: arguments) { imported in
            if let value = try keep(imported) { kept.append(value) }
        }
        return kept
    }

    /// The current submissions that changed this Ambito-year and had rows rejected.
    ///
    /// The Ambito-year's scopes are found through their index by Ambito-year (schema v15), where
    /// each Ambito-year read every scope of the store (0.45 s for Italy's 601, growing with the
    /// square of the years kept); an `EXISTS` per submission before that scanned every
    /// submission's wide row (with its details), a millisecond each.
    static let incompleteSubmissionsSQL = """
        SELECT s.ente, s.file, s.sha256, s.rows_read, s.rows_rejected FROM submissions s
        WHERE s.rows_rejected > 0 AND s.status = 'accepted'
        AND s.id IN (SELECT sc.submission_id FROM submission_scopes sc WHERE sc.ambito = ? AND sc.year = ?)
        ORDER BY s.id
        """

    private func incompleteSubmissions(ambito code: String, year: Int) throws -> [IncompleteSubmission] {
        try Row.fetchAll(db.cachedStatement(sql: Self.incompleteSubmissionsSQL), arguments: [code, year]
        ).map { row in
            IncompleteSubmission(
                ente: (row["ente"] as String?).flatMap { EnteRef(parsing: $0) }, file: row["file"], sha256: row["sha256"],
                rowsRead: row["rows_read"], rowsRejected: row["rows_rejected"])
        }
    }

    /// The year's current deliberation; allocations stored as separate records are folded in.
    private func deliberation(year: Int) throws -> Deliberation? {
        guard let submission = try Int64.fetchOne(
            db.cachedStatement(sql: """
                SELECT s.id FROM submissions s JOIN records r ON r.submission_id = s.id
                WHERE s.status = 'accepted' AND r.kind = 'deliberation' AND \(RecordQuery.indexedKinds) AND r.year = ?
                ORDER BY s.id DESC LIMIT 1
                """),
            arguments: [year])
        else { return nil }
        return try deliberations.deliberation(submission: submission, year: year) {
            try read(submission: submission, year: year)
        }
    }

    private func read(submission: Int64, year: Int) throws -> Deliberation? {
        var deliberation: Deliberation?
        var allocations: [RegionalAllocation] = []
        for imported in try RecordQuery.imported(
            db, where: "s.id = ? AND r.kind IN ('deliberation', 'allocation')", arguments: [submission],
            currentOnly: true)
        {
            switch imported.record {
            case .deliberation(let act) where act.year == year && deliberation == nil: deliberation = act
            case .allocation(let allocation): allocations.append(allocation)
            default: break
            }
        }
        for allocation in allocations where deliberation?.allocation(for: allocation.ambito) == nil {
            deliberation?.allocations.append(allocation)
        }
        return deliberation
    }
}
