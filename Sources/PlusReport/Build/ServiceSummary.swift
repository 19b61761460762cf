import PlusModel

/// What an Ambito's page shows of its services, gathered in one pass over them batch by batch:
/// the first ones by code, the totals, how many there are, and the names of those findings name.
///
/// A plan of millions of services is never held: the page keeps `shown` services and the sums.
///
/// ```swift
/// let summary = try ServiceSummary(services, shown: 500, naming: ["SAD"])
/// summary.firstByCode.count   // at most 500
/// ```
struct ServiceSummary {
    private(set) var firstByCode: [PlannedService] = []
    private(set) var count = 0
    private(set) var totalCost = Money.zero
    /// The regional fund the services plan to use.
    private(set) var fundPlanned = Money.zero
    /// The names of the services asked for, by code (the first service of a code names it).
    private(set) var names: [String: String] = [:]

    init<Source: ServiceSource>(_ source: Source, shown: Int, naming codes: Set<String>, batchSize: Int = 5_000) throws(Source.Failure) {
        try source.forEachBatch(of: batchSize) { batch in
            count += batch.count
            totalCost += batch.map(\.totalCost).sum()
            fundPlanned += batch.map { $0.funding(.fondoRegionale) }.sum()
            for service in batch where codes.contains(service.code) && names[service.code] == nil { names[service.code] = service.name }
            Self.keepFirstByCode(batch, in: &firstByCode, count: shown)
        }
    }

    /// Adds `services` to `kept`, the first `count` services by code seen so far (ties in the
    /// plan's order, as a stable sort gives them), holding no more than `count` at a time.
    static func keepFirstByCode(_ services: [PlannedService], in kept: inout [PlannedService], count: Int) {
        for service in services {
            if kept.count == count, !(kept.last.map { service.code < $0.code } ?? false) { continue }
            // After every kept service of the same or a smaller code: the order a stable sort gives.
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if service.code < kept[middle].code { high = middle } else { low = middle + 1 }
            }
            kept.insert(service, at: low)
            if kept.count > count { kept.removeLast() }
        }
    }
}
