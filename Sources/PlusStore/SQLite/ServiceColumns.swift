import PlusModel

/// A service's row of `records` written from the service itself: the values
/// ``EncodedRecord/init(_:source:)`` followed by ``EncodedRecord/writeColumns(to:)`` would write,
/// without building either.
///
/// A plan table is a million services. Encoding each one first copied it out of its record
/// several times (each of the record's properties switched over it again), filled a
/// ``PlanColumns`` with copies of its texts and a new array of funding cents, and packed that:
/// a tenth of a 250 MB plan table's `plus run`, on the thread that takes the rows in file order.
/// Written from the service, the texts go straight into the packed row.
///
/// Only a service whole in columns goes this way (``holds(_:importedWith:)``); any other keeps
/// its JSON payload through ``EncodedRecord``. `PackedRecordTests` writes services both ways and
/// compares the values, and a streamed plan table's rows with the same rows recorded whole.
///
/// ```swift
/// if ServiceColumns.holds(service, importedWith: imported.provenance) {
///     let row = packer.pack(ServiceColumns(service: service, year: 2019, provenance: imported.provenance))
/// }
/// ```
struct ServiceColumns: RecordColumns {
    let service: PlannedService
    /// The year the row goes in with: a service has none of its own, the submission's is given it.
    let year: Int?
    let line: Int?
    let xpath: String?

    init(service: PlannedService, year: Int?, provenance: borrowing Provenance) {
        self.service = service
        self.year = year
        line = provenance.line
        xpath = provenance.xpath
    }

    /// Whether `service`, imported with `provenance`, is kept whole in columns: it cites no row but
    /// its own, its management reads back as it, and a plan it states states something (a statement
    /// of nothing would read back as none). The one test, for ``PlanColumns`` as well.
    static func holds(_ service: borrowing PlannedService, importedWith provenance: Provenance?) -> Bool {
        // Unwrapped before comparing: `Optional == Provenance` copies both into a pair first.
        if let own = service.provenance {
            guard let provenance, own == provenance else { return false }
        }
        if let plan = service.plan, plan.type == nil, plan.trienniumStart == nil, plan.version == nil, plan.approvedBy == nil {
            return false
        }
        return PlanColumns.readsBack(service.management)
    }

    /// The columns in ``EncodedRecord/writeColumns(to:)``'s order.
    func writeColumns(to writer: inout some ColumnWriter) {
        writer.bind("service")
        writer.bind(nil as String?)  // ente
        writer.bind(nil as String?)  // ambito
        writer.bind(year.map(Int64.init))
        writer.bind(service.code)
        writer.bind(service.totalCost.cents)
        writer.bind(line.map(Int64.init))
        writer.bind(xpath)
        writer.bind("")  // payload
        writer.bind(nil as String?)  // note
        writer.bind(nil as String?)  // approved_on
        writer.bind(nil as Int64?)  // basis_points
        writer.bind(service.name)
        writer.bind(service.area)
        writer.bind(service.kind.rawValue)
        writer.bind(service.management.text)
        writer.bind(service.location)
        writer.bind(service.sharingCriterion?.rawValue)
        // In source order without a lookup per source: the dictionary's few entries put in place.
        withUnsafeTemporaryAllocation(of: Int64?.self, capacity: PlanColumns.fundingCount) { funding in
            funding.initialize(repeating: nil)
            for (source, amount) in service.funding { funding[source.position] = amount.cents }
            for cents in funding { writer.bind(cents) }
        }
        let plan = service.plan
        writer.bind(plan?.type?.rawValue)
        writer.bind(plan?.trienniumStart.map(Int64.init))
        writer.bind(plan?.version.map(Int64.init))
        writer.bind(plan?.approvedBy)
        writer.bind(service.copaymentRule)
    }
}
