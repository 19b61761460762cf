import Foundation
import GRDB
import PlusModel

/// The services of one Ambito-year as the store keeps them, read a batch at a time in the plan's
/// order (submission, then row) with keyset pagination: a plan of millions of services is never
/// held whole.
///
/// A batch resumes after the record id of the one before, through the records' index by
/// submission (which holds the id): a submission's records are written in one transaction in row
/// order, so their ids follow their ordinals. Resuming by ordinal, which no index holds, sorted the
/// submission's records again for every batch.
///
/// Each batch is its own read: the services are those of the submissions current when the
/// Ambito-year was assembled, which a run does not change while it consolidates.
///
/// ```swift
/// if let (year, services) = try store.ambitoYearInBatches(ambito: "OR", year: 2019) {
///     let report = try validator.validate(year, services: services)
/// }
/// ```
public struct StoredServices: ServiceSource, Sendable {
    public typealias Failure = any Error

    let store: SQLiteStore
    let location: ServiceLocation

    public var serviceCount: Int { location.count }

    /// A plan of more than one batch is read ahead on two threads of their own (``HandOver``), each
    /// reading every other stretch of record ids, side by side on connections of their own when the
    /// store can lend them (``SQLiteStore/readingSideBySide(_:)``): decoding the services was the
    /// validation's critical path, one thread decoding while the rules waited. The batches are
    /// handed to `body` in the plan's order, whichever thread read them.
    public func forEachBatch(of size: Int, _ body: ([PlannedService]) -> Void) throws {
        let size = max(size, 1)
        guard serviceCount > size else { return try readBatches(of: size, body) }
        let stretches = try store.read { db in try location.stretches(of: size, in: db) }
        // Every other stretch on each thread: at most one batch waits on each, and one is being read.
        func produce(_ lane: Int) -> (HandOver<[PlannedService]>) throws -> Void {
            { handOver in
                for stretch in stretches.indices where stretch % 2 == lane {
                    let read = { (db: Database) in try location.services(in: db, stretch: stretches[stretch]) }
                    try handOver.put(store.read(read))
                }
            }
        }
        try store.readingSideBySide {
            try HandOver<[PlannedService]>.run(capacity: 1, threadName: "plus-read-ahead", produce: produce(0)) { even in
                try HandOver<[PlannedService]>.run(capacity: 1, threadName: "plus-read-ahead-2", produce: produce(1)) { odd in
                    for stretch in stretches.indices {
                        guard let batch = try (stretch % 2 == 0 ? even : odd).take() else { throw ReadAheadEndedEarly() }
                        if !batch.isEmpty { body(batch) }
                    }
                }
            }
        }
    }

    /// A read-ahead thread ended before handing over every stretch it was given: cannot happen
    /// but by a fault in the hand-over, and must not pass for the plan's end.
    struct ReadAheadEndedEarly: Error {}

    /// Reads the batches in turn, handing each to `body`.
    private func readBatches(of size: Int, _ body: ([PlannedService]) throws -> Void) throws {
        for submission in location.submissions {
            var after = Int64.min
            while true {
                let batch = try store.read { db in
                    try location.services(in: db, submission: submission, after: after, limit: size)
                }
                guard let last = batch.lastID else { break }
                try body(batch.services)
                after = last
                if batch.services.count < size { break }
            }
        }
    }

    /// The first service of each code in `codes`, found by a query that decodes only those: the
    /// services a report's findings name, once the validation has read the plan.
    public func firstServices(coded codes: Set<String>) throws -> [PlannedService] {
        guard !codes.isEmpty else { return [] }
        // One parameter for any number of codes: the codes as a JSON array, read by `json_each`.
        let list = try RecordCoding.writer.string(codes.sorted())
        var seen = Set<String>()
        var found: [PlannedService] = []
        for submission in location.submissions {
            let first = try store.read { db in
                try location.services(
                    in: db, submission: submission, after: .min, limit: -1,
                    condition: """
                        r.id IN (SELECT min(id) FROM records WHERE submission_id = ? AND +kind = 'service' AND +year = ?
                        AND service IN (SELECT value FROM json_each(?)) GROUP BY service)
                        """, arguments: [submission, location.year, list])
            }
            for service in first.services where seen.insert(service.code).inserted { found.append(service) }
        }
        return found
    }
}

/// Where an Ambito-year's services are stored: the current submissions filed for the Ambito that
/// have services of the year, in order, and how many services they have in all.
struct ServiceLocation: Sendable {
    let year: Int
    let submissions: [Int64]
    let count: Int
    /// The submissions whose records are all services of the year (a plan table): the queries for
    /// the year's other records leave them out rather than read every service to find none.
    let holdingOnlyServices: [Int64]

    /// The submissions among ``submissions`` whose services this process counted as they were
    /// streamed and found stating no plan (``StreamedServices/mayStatePlan``).
    let statingNoPlan: Set<Int64>

    /// Finds the services of `year` in the submissions filed for `ambito`. The submissions in
    /// `streamed` are located from their counts (``StreamedServices``), not by reading their rows.
    init(ambito: String, year: Int, in db: Database, streamed: [Int64: StreamedServices] = [:]) throws {
        // A submission's records of every kind are counted from the index by submission alone.
        let notStreamed = streamed.isEmpty ? "" : " AND s.id NOT IN (SELECT value FROM json_each(?))"
        let streamedIDs = "[" + streamed.keys.sorted().map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.id, count(*),
                (SELECT count(*) FROM records a WHERE a.submission_id = s.id)
                + (SELECT count(*) FROM declarations d WHERE d.submission_id = s.id)
                + (SELECT count(*) FROM cost_shares c WHERE c.submission_id = s.id)
                FROM submissions s CROSS JOIN records r ON r.submission_id = s.id
                WHERE s.ambito = ? AND s.status = 'accepted' AND +r.kind = 'service' AND +r.year = ?\(notStreamed)
                GROUP BY s.id ORDER BY s.id
                """),
            arguments: streamed.isEmpty ? [ambito, year] : [ambito, year, streamedIDs])
        var located: [(id: Int64, services: Int, rows: Int)] = rows.map { ($0[0], $0[1], $0[2]) }
        var statingNoPlan = Set<Int64>()
        if !streamed.isEmpty {
            // Which of them are filed for the Ambito and current now: their status may have changed since.
            let current = try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM submissions WHERE ambito = ? AND status = 'accepted' AND id IN (SELECT value FROM json_each(?))
                    """),
                arguments: [ambito, streamedIDs])
            for id in current {
                guard let counted = streamed[id], let services = counted.byYear[year], services > 0 else { continue }
                located.append((id, services, counted.rows))
                if !counted.mayStatePlan { statingNoPlan.insert(id) }
            }
            located.sort { $0.id < $1.id }
        }
        self.year = year
        submissions = located.map(\.id)
        count = located.reduce(0) { $0 + $1.services }
        holdingOnlyServices = located.filter { $0.services == $0.rows }.map(\.id)
        self.statingNoPlan = statingNoPlan
    }

    /// A condition (SQL over `s`, a submission) that leaves out those ``holdingOnlyServices``,
    /// and its one argument: their ids as a JSON array.
    var notHoldingOnlyServices: (sql: String, argument: String) {
        ("s.id NOT IN (SELECT value FROM json_each(?))", "[" + holdingOnlyServices.map(String.init).joined(separator: ",") + "]")
    }

    /// Up to `limit` services of one submission after the record with id `after`, in row order,
    /// and the id of the last one's record (where the next batch resumes).
    func services(
        in db: Database, submission: Int64, after id: Int64, limit: Int, condition: String = "1",
        arguments conditionArguments: StatementArguments = []
    ) throws -> (services: [PlannedService], lastID: Int64?) {
        var services: [PlannedService] = []
        var lastID: Int64?
        if limit > 0 { services.reserveCapacity(limit) }
        try RecordQuery.forEach(
            db,
            sql: """
                SELECT \(RecordQuery.columns), r.id FROM submissions s CROSS JOIN records r ON r.submission_id = s.id
                WHERE s.id = ? AND r.submission_id = ? AND r.id > ? AND +r.kind = 'service' AND +r.year = ? AND (\(condition))
                ORDER BY r.id LIMIT ?
                """,
            arguments: [submission, submission, id, year] + conditionArguments + [limit]
        ) { imported, row in
            if case .service(let service) = imported.record, let id = row.int64(at: RecordQuery.columnCount) {
                services.append(service)
                lastID = id
            }
        }
        return (services, lastID)
    }

    /// A stretch of one submission's record ids: the services among them are one batch.
    struct Stretch: Sendable, Equatable {
        let submission: Int64
        let ids: ClosedRange<Int64>
    }

    /// The submissions' record ids cut into stretches of `size` ids, in the plan's order: every
    /// service is in one stretch, and a stretch holds at most `size` services (fewer, or none,
    /// where the submission has records of other kinds or years among them). Unlike resuming after
    /// the last service read, a stretch is known before the one before it is read: two threads
    /// can read them at once.
    func stretches(of size: Int, in db: Database) throws -> [Stretch] {
        var stretches: [Stretch] = []
        for submission in submissions {
            // Each bound from the records' index by submission, which holds the id.
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT min(id) FROM records WHERE submission_id = ?1),
                    (SELECT max(id) FROM records WHERE submission_id = ?1)
                    """,
                arguments: [submission])
            guard let first: Int64 = row?[0], let last: Int64 = row?[1] else { continue }
            var start = first
            while start <= last {
                let end = start + Int64(size) - 1
                stretches.append(Stretch(submission: submission, ids: start...min(end, last)))
                if end >= last { break }
                start = end + 1
            }
        }
        return stretches
    }

    /// The services of a stretch, in row order.
    func services(in db: Database, stretch: Stretch) throws -> [PlannedService] {
        try services(
            in: db, submission: stretch.submission, after: stretch.ids.lowerBound - 1, limit: -1, condition: "r.id <= ?",
            arguments: [stretch.ids.upperBound]
        ).services
    }

    /// Every service, in the plan's order: for an Ambito-year assembled whole.
    func allServices(in db: Database) throws -> [PlannedService] {
        var all: [PlannedService] = []
        all.reserveCapacity(count)
        for submission in submissions {
            all += try services(in: db, submission: submission, after: .min, limit: -1).services
        }
        return all
    }

    /// The plan the services state: the first statement of a triennium, as ``PlanIdentity`` takes
    /// it from a list of services, found without decoding the rows that state none.
    func planIdentity(ambito: String, in db: Database) throws -> PlanIdentity? {
        // A submission streamed by this process is known to state none, or read as any other.
        for submission in submissions where !statingNoPlan.contains(submission) {
            var after = Int64.min
            while true {
                let stating = try services(
                    in: db, submission: submission, after: after, limit: 1_000,
                    condition: "r.triennium_start IS NOT NULL OR r.payload != ''")
                if let identity = PlanIdentity(ambito: ambito, year: year, services: stating.services) { return identity }
                guard let last = stating.lastID, stating.services.count == 1_000 else { break }
                after = last
            }
        }
        return nil
    }
}

