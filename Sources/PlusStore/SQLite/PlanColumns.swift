import GRDB
import PlusModel

/// What a declaration, cost share or service says beyond the columns every record has, in typed
/// columns of `records` (schema v5): money in integer cents, one column per funding source, codes
/// and dates as text. The plan's millions of rows are kept without JSON, and a Swift property
/// renamed tomorrow cannot make them unreadable.
///
/// ```swift
/// let columns = PlanColumns(.service(sad))      // name, area, kind, funding cents...
/// columns?.record(kind: "service", ...)         // the service back
/// ```
struct PlanColumns: Sendable, Equatable {
    var note: String?
    var approvedOn: String?
    var basisPoints: Int64?
    var name: String?
    var area: String?
    var serviceKind: String?
    var management: String?
    var location: String?
    var sharing: String?
    /// Cents per funding source, in ``FundingSource/allCases`` order; `nil` where the plan states none.
    var funding: [Int64?] = Array(repeating: nil, count: Self.fundingCount)
    var planType: String?
    var trienniumStart: Int64?
    var planVersion: Int64?
    var approvedBy: String?
    /// The users' co-payment rule a service records (Emilia-Romagna, R123).
    var copaymentRule: String?

    /// The column names, in the order ``values`` and ``init(row:at:)`` use.
    static let names = ["note", "approved_on", "basis_points", "name", "area", "service_kind", "management", "location", "sharing"]
        + FundingSource.allCases.map { "fund_" + $0.rawValue }
        + ["plan_type", "triennium_start", "plan_version", "approved_by", "copayment_rule"]

    /// The funding sources, one column each.
    static let fundingCount = FundingSource.allCases.count

    init() {}

    /// The columns of a record without a provenance of its own, or `nil` when the columns could
    /// not give it back exactly (it keeps its JSON payload then). A record citing exactly `row`,
    /// the row it is stored as, has none of its own either (``CanonicalRecord/uncited(_:)``):
    /// checked here rather than on a copy of the record without it, one per row of a plan table.
    init?(_ record: CanonicalRecord, citing row: Provenance? = nil) {
        func isOwn(_ provenance: Provenance?) -> Bool { provenance != nil && provenance != row }
        switch record {
        case .declaration(let declaration):
            guard !isOwn(declaration.provenance) else { return nil }
            note = declaration.note
            approvedOn = declaration.approvedOn?.description
            if let approvedOn = declaration.approvedOn, CivilDate(iso: approvedOn.description) != approvedOn { return nil }
        case .costShare(let share):
            guard !isOwn(share.provenance) else { return nil }
            basisPoints = share.basisPoints
        case .service(let service):
            // The one decision, which a streamed service is packed by as well.
            guard ServiceColumns.holds(service, importedWith: row) else { return nil }
            name = service.name
            area = service.area
            serviceKind = service.kind.rawValue
            management = service.management.text
            location = service.location
            sharing = service.sharingCriterion?.rawValue
            copaymentRule = service.copaymentRule
            for (source, amount) in service.funding { funding[source.position] = amount.cents }
            if let plan = service.plan {
                planType = plan.type?.rawValue
                trienniumStart = plan.trienniumStart.map(Int64.init)
                planVersion = plan.version.map(Int64.init)
                approvedBy = plan.approvedBy
            }
        default:
            return nil
        }
    }

    /// Whether the text kept for `management` reads back as it: always for the Ambito's joint
    /// management (parsed again for every row of a plan table, it was a fifth of this encoding).
    static func readsBack(_ management: Management) -> Bool {
        management == .associata || Management(text: management.text) == management
    }

    /// The management a row's text names: the Ambito's joint management, which a plan table
    /// names on every row, compared as written (``readsBack(_:)`` stores no other spelling of
    /// it) rather than parsed again, a twentieth of decoding a service.
    static func management(_ text: String) -> Management? {
        text == Management.associata.text ? .associata : Management(text: text)
    }

    /// Reads the columns from `row`, the first at `start`.
    init(row: some StoredColumns, at start: Int) {
        var index = start
        func text() -> String? {
            defer { index += 1 }
            return row.text(at: index)
        }
        func integer() -> Int64? {
            defer { index += 1 }
            return row.int64(at: index)
        }
        note = text()
        approvedOn = text()
        basisPoints = integer()
        name = text()
        area = text()
        serviceKind = text()
        management = text()
        location = text()
        sharing = text()
        for source in funding.indices { funding[source] = integer() }
        planType = text()
        trienniumStart = integer()
        planVersion = integer()
        approvedBy = text()
        copaymentRule = text()
    }

    /// The values to bind, in the order of ``names``.
    var values: [DatabaseValueConvertible?] {
        [note, approvedOn, basisPoints, name, area, serviceKind, management, location, sharing] + funding
            + [planType, trienniumStart, planVersion, approvedBy, copaymentRule]
    }

    /// The declaration, cost share or service of a row stored with an empty payload, with `provenance`.
    func record(
        kind: String, ente: EnteRef?, year: Int?, service: String?, amountCents: Int64?, provenance: Provenance? = nil
    ) throws -> CanonicalRecord {
        guard let service, let amountCents else { throw StoreError.corruptRecord(kind: kind) }
        let amount = Money(cents: amountCents)
        if let charged = try Self.charged(
            kind: kind, ente: ente, year: year, service: service, amount: amount, note: note, approvedOn: approvedOn,
            basisPoints: basisPoints, provenance: provenance) {
            return charged
        }
        switch kind {
        case "service":
            guard let name, let area, let kindText = serviceKind, let serviceKind = ServiceKind(rawValue: kindText),
                  let managementText = management, let management = Self.management(managementText)
            else { throw StoreError.corruptRecord(kind: kind) }
            // Sized once for the sources stated: grown source by source, it was rehashed on the way.
            var funds = [FundingSource: Money](minimumCapacity: funding.count { $0 != nil })
            for (index, source) in FundingSource.allCases.enumerated() {
                if let cents = funding[index] { funds[source] = Money(cents: cents) }
            }
            let sharingCriterion = try sharing.map { text in
                guard let criterion = SharingCriterion(rawValue: text) else { throw StoreError.corruptRecord(kind: kind) }
                return criterion
            }
            var plan: PlanStatement?
            if planType != nil || trienniumStart != nil || planVersion != nil || approvedBy != nil {
                plan = PlanStatement(
                    type: try planType.map { text in
                        guard let type = PlanType(rawValue: text) else { throw StoreError.corruptRecord(kind: kind) }
                        return type
                    },
                    trienniumStart: trienniumStart.map { Int($0) }, version: planVersion.map { Int($0) }, approvedBy: approvedBy)
            }
            return .service(PlannedService(
                code: service, name: name, area: area, kind: serviceKind, management: management, location: location,
                totalCost: amount, funding: funds, sharingCriterion: sharingCriterion, plan: plan, copaymentRule: copaymentRule,
                provenance: provenance))
        default:
            throw StoreError.corruptRecord(kind: kind)
        }
    }

    /// The declaration or cost share of its columns, `nil` for a record of another kind: the one
    /// reading of both, from a ``PlanColumns``' fields or straight from a row's first three
    /// columns (``RecordQuery/stored(_:citing:)``), which need no ``PlanColumns`` and its twelve
    /// funding slots, allocated and freed for each of an Ambito-year's thousands of rows.
    static func charged(
        kind: String, ente: EnteRef?, year: Int?, service: String, amount: Money, note: String?, approvedOn: String?,
        basisPoints: Int64?, provenance: Provenance?
    ) throws -> CanonicalRecord? {
        switch kind {
        case "declaration":
            guard let ente, let year else { throw StoreError.corruptRecord(kind: kind) }
            let approved = try approvedOn.map { text in
                guard let date = CivilDate(iso: text) else { throw StoreError.corruptRecord(kind: kind) }
                return date
            }
            return .declaration(Declaration(
                ente: ente, year: year, service: service, amount: amount, note: note, approvedOn: approved, provenance: provenance))
        case "cost_share":
            guard let ente else { throw StoreError.corruptRecord(kind: kind) }
            return .costShare(CostShare(service: service, ente: ente, amount: amount, basisPoints: basisPoints, provenance: provenance))
        default:
            return nil
        }
    }
}

extension PlanColumns {
    /// Moves the declarations, cost shares and services a store kept as JSON into the columns,
    /// a thousand rows at a time (schema v5); those the columns cannot give back keep their JSON.
    static func convertPayloads(in db: Database) throws {
        let update = try db.makeStatement(sql: """
            UPDATE records SET payload = '', \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, payload FROM records
                    WHERE kind IN ('declaration', 'cost_share', 'service') AND payload != '' AND id > ?
                    ORDER BY id LIMIT 1000
                    """,
                arguments: [after])
            guard let last = rows.last else { return }
            after = last["id"]
            for row in rows {
                guard let columns = PlanColumns(try RecordCoding.decode(row["payload"])) else { continue }
                let id: Int64 = row["id"]
                try update.execute(arguments: StatementArguments(columns.values + [id]))
            }
        }
    }
}
