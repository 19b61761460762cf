import PlusModel

/// What an Ambito's page shows of its services, gathered batch by batch: the first ones by code,
/// the totals, how many there are, and the names of those findings name.
///
/// A plan of millions of services is never held: the page keeps `shown` services and the sums.
/// It reads the batches alongside the validation (``ServicesReadAlongside``), so that the plan is
/// read once for both; the names are asked of the source once the findings are known.
///
/// ```swift
/// let summary = ServiceSummary(shown: 500)
/// let report = try validator.validate(year, services: ServicesReadAlongside(services, by: summary))
/// try summary.complete(from: services, naming: Set(report.findings.compactMap(\.service)))
/// summary.firstByCode.count   // at most 500
/// ```
final class ServiceSummary: ServiceBatchReader {
    let shown: Int
    private(set) var firstByCode: [PlannedService] = []
    private(set) var count = 0
    private(set) var totalCost = Money.zero
    /// The regional fund the services plan to use.
    private(set) var fundPlanned = Money.zero
    /// The names of the services asked for, by code (the first service of a code names it).
    private(set) var names: [String: String] = [:]
    /// Whether the totals did not fit in 64 bits: amounts no plan reaches (`R404`), added before
    /// the validation has said so. The totals are then zero and not to be shown.
    private(set) var outOfRange = false

    init(shown: Int) {
        self.shown = shown
    }

    /// The summary of `source` from a pass of its own.
    convenience init<Source: ServiceSource>(
        _ source: Source, shown: Int, naming codes: Set<String>, batchSize: Int = 5_000
    ) throws(Source.Failure) {
        self.init(shown: shown)
        try source.forEachBatch(of: batchSize) { read($0) }
        try name(codes, from: source)
    }

    func read(_ batch: [PlannedService]) {
        count += batch.count
        if !outOfRange {
            // Checked: a sheet's amounts are read here before any rule has bounded them.
            if let cost = batch.map(\.totalCost).checkedSum().flatMap(totalCost.adding),
               let fund = batch.map({ $0.funding(.fondoRegionale) }).checkedSum().flatMap(fundPlanned.adding)
            {
                (totalCost, fundPlanned) = (cost, fund)
            } else {
                (totalCost, fundPlanned, outOfRange) = (.zero, .zero, true)
            }
        }
        Self.keepFirstByCode(batch, in: &firstByCode, count: shown)
    }

    /// Completes a summary that read alongside another reader: a pass of its own if it was given
    /// none (a validation that read no services), then the names of `codes`.
    func complete<Source: ServiceSource>(from source: Source, naming codes: Set<String>) throws(Source.Failure) {
        if count != source.serviceCount {
            (firstByCode, count, totalCost, fundPlanned, outOfRange) = ([], 0, .zero, .zero, false)
            try source.forEachBatch(of: 5_000) { read($0) }
        }
        try name(codes, from: source)
    }

    /// Names the services of `codes` by the first service of each code.
    private func name<Source: ServiceSource>(_ codes: Set<String>, from source: Source) throws(Source.Failure) {
        for service in try source.firstServices(coded: codes) { names[service.code] = service.name }
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
