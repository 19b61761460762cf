import Foundation
import PlusModel

/// Builds every consolidated dataset from the Ambito-years of an export, in one place.
///
/// Rows come out sorted by primary key, so input order never changes the output.
/// Duplicate rows under one key are folded (cost shares and declarations are summed),
/// because the export is a consolidation, not a copy of the submissions.
///
/// The services are read from a ``ServiceSource`` a batch at a time and their rows sorted in
/// bounded memory (``SortedDataset``): a plan of millions of services is never held whole, and
/// a plan of a few hundred goes the same way without touching the disk.
///
/// ```swift
/// let builder = DatasetBuilder(recomputer: AllocationRecomputer { _ in nil })
/// let datasets = try builder.datasets(from: [oristano2019])
/// ```
public struct DatasetBuilder: Sendable {
    public var recomputer: (any AllocationRecomputing)?
    /// How many services are read from a source at a time.
    public var serviceBatchSize = 5_000
    /// How many rows of a dataset wait in memory before they are sorted and written out as a run.
    public var rowsPerRun = SortedDataset.defaultRowsPerRun
    /// Where sorted runs go (the system's temporary folder when `nil`); their file is unlinked at once.
    public var workingDirectory: URL?

    public init(recomputer: (any AllocationRecomputing)? = nil) {
        self.recomputer = recomputer
    }

    /// All datasets of ``DatasetCatalog/all``, filled from `ambitoYears` (their services in hand) and sorted.
    public func datasets(from ambitoYears: [AmbitoYear]) throws -> [ExportDataset] {
        try tables(from: ambitoYears.map { ($0, $0.services) }).map { table in
            var dataset = table.definition
            try table.forEachRow { dataset.rows.append($0) }
            return dataset
        }
    }

    /// All datasets of ``DatasetCatalog/all``, sorted: each Ambito-year's services are read from
    /// its source (the year's own `services` are not read), the rest from the year.
    public func tables<Services: ServiceSource>(from years: [(year: AmbitoYear, services: Services)]) throws -> [SortedDataset] {
        let all = DatasetCatalog.all.map { SortedDataset($0, rowsPerRun: rowsPerRun, directory: workingDirectory) }
        let table = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        func add(_ rows: [[ExportCell]], to dataset: ExportDataset) throws {
            for row in rows { try table[dataset.name]!.append(row) }
        }
        for (ambitoYear, services) in years {
            try add([ambitoRow(ambitoYear)], to: DatasetCatalog.ambiti)
            try add(memberRows(ambitoYear), to: DatasetCatalog.membri)
            try addServices(of: ambitoYear, from: services, servizi: table[DatasetCatalog.servizi.name]!,
                            finanziamento: table[DatasetCatalog.finanziamento.name]!)
            try add(costShareRows(ambitoYear), to: DatasetCatalog.riparto)
            try add(comparisonRows(ambitoYear), to: DatasetCatalog.dichiaratoVsPianificato)
            try add([allocationRow(ambitoYear)], to: DatasetCatalog.allocazioneRegionale)
            try add(indicatorRows(ambitoYear), to: DatasetCatalog.indicatori)
            try add(fundStatementRows(ambitoYear), to: DatasetCatalog.rendicontiFondi)
        }
        for dataset in all { dataset.finish() }
        return all
    }

    /// The rows of `servizi` and `finanziamento`, a batch of services at a time.
    private func addServices<Services: ServiceSource>(
        of ambitoYear: AmbitoYear, from services: Services, servizi: SortedDataset, finanziamento: SortedDataset
    ) throws {
        var failure: (any Error)?
        try services.forEachBatch(of: serviceBatchSize) { batch in
            guard failure == nil else { return }
            do {
                for service in batch {
                    try servizi.append(serviceRow(service, in: ambitoYear))
                    for row in fundingRows(service, in: ambitoYear) { try finanziamento.append(row) }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private func prefix(_ ambitoYear: AmbitoYear) -> [ExportCell] {
        [.integer(Int64(ambitoYear.year)), .text(ambitoYear.ambito.code)]
    }

    private func ambitoRow(_ ambitoYear: AmbitoYear) -> [ExportCell] {
        let ambito = ambitoYear.ambito
        let plan = ambitoYear.plan
        return prefix(ambitoYear) + [
            .text(ambito.name), .text(ambito.capofila), .integer(ambito.population), .integer(ambito.comuni.count),
            .text(ambito.asl?.ente.description), .text(ambito.provincia?.ente.description),
            .integer(plan?.trienniumStart), .integer(plan?.version), .text(plan?.type?.rawValue), .text(plan?.approvedBy),
            .bool(ambitoYear.isClosed),
        ]
    }

    /// One row per service and indicator code; a code sent twice keeps its last row (a later sheet corrects).
    private func indicatorRows(_ ambitoYear: AmbitoYear) -> [[ExportCell]] {
        var byKey: [[String]: [ExportCell]] = [:]
        for indicator in ambitoYear.indicators {
            byKey[[indicator.service, indicator.code]] = prefix(ambitoYear) + [
                .text(indicator.service), .text(indicator.code), .text(indicator.description), .text(indicator.unit),
                .decimal(indicator.target), .decimal(indicator.actual), .text(indicator.provenance?.file),
            ]
        }
        return Array(byKey.values)
    }

    /// One row per fund; a fund stated twice keeps its last statement (a later sheet corrects).
    private func fundStatementRows(_ ambitoYear: AmbitoYear) -> [[ExportCell]] {
        var byFund: [FundingSource: [ExportCell]] = [:]
        for statement in ambitoYear.fundStatements {
            byFund[statement.fund] = prefix(ambitoYear) + [
                .text(statement.fund.rawValue), .money(statement.assigned), .money(statement.carriedOver),
                .money(statement.used), .money(statement.residual), .text(statement.act), .text(statement.provenance?.file),
            ]
        }
        return Array(byFund.values)
    }

    private func memberRows(_ ambitoYear: AmbitoYear) -> [[ExportCell]] {
        let ambito = ambitoYear.ambito
        var byEnte: [EnteRef: [ExportCell]] = [:]
        for comune in ambito.comuni {
            byEnte[comune.ente] = [
                .text(comune.ente.description), .text(EnteKind.comune.rawValue), .text(comune.name),
                .integer(comune.population), .text(comune.province), .bool(comune.istatCode == ambito.capofila),
            ]
        }
        // The ente gestore, when an Unione di Comuni or a Comunità Montana, is the one marked as leading.
        for signatory in ambito.signatories where byEnte[signatory.ente] == nil {
            byEnte[signatory.ente] = [
                .text(signatory.ente.description), .text(signatory.ente.kind.rawValue), .text(signatory.name),
                .null, .null, .bool(signatory.ente == ambito.enteGestore?.ente),
            ]
        }
        return byEnte.values.map { prefix(ambitoYear) + $0 }
    }

    private func serviceRow(_ service: PlannedService, in ambitoYear: AmbitoYear) throws -> [ExportCell] {
        let sources = try CheckedMoney.sum(service.funding.values, in: "servizi")
        let gap = try CheckedMoney.subtract(service.totalCost, sources, in: "servizi")
        return prefix(ambitoYear) + [
            .text(service.code), .text(service.name), .text(service.area.isEmpty ? nil : service.area),
            .text(service.kind.rawValue), .text(service.management.text), .text(service.location),
            .money(service.totalCost), .money(sources), .money(gap),
            .text(service.sharingCriterion?.rawValue), .text(service.copaymentRule), .text(service.provenance?.file),
        ]
    }

    private func fundingRows(_ service: PlannedService, in ambitoYear: AmbitoYear) -> [[ExportCell]] {
        service.funding.map { source, amount in
            prefix(ambitoYear) + [.text(service.code), .text(source.rawValue), .money(amount)]
        }
    }

    private func costShareRows(_ ambitoYear: AmbitoYear) throws -> [[ExportCell]] {
        struct Key: Hashable { var service: String; var ente: EnteRef }
        var folded: [Key: (amount: Money, basisPoints: Int64?, count: Int)] = [:]
        // Room for every share at once: growing rehashed every key (two texts each) about ten times.
        folded.reserveCapacity(ambitoYear.costShares.count)
        for share in ambitoYear.costShares {
            // Changed in place: one lookup a share.
            try Self.fold(share, into: &folded[Key(service: share.service, ente: share.ente), default: (.zero, nil, 0)])
        }
        return folded.map { key, entry in
            prefix(ambitoYear) + [
                .text(key.service), .text(key.ente.description), .money(entry.amount),
                entry.basisPoints.map(ExportCell.basisPoints) ?? .null,
            ]
        }
    }

    private static func fold(_ share: CostShare, into entry: inout (amount: Money, basisPoints: Int64?, count: Int)) throws {
        entry.amount = try CheckedMoney.add(entry.amount, share.amount, in: "riparto")
        // A percentage survives folding only when exactly one row stated it.
        entry.basisPoints = entry.count == 0 ? share.basisPoints : nil
        entry.count += 1
    }

    private func comparisonRows(_ ambitoYear: AmbitoYear) throws -> [[ExportCell]] {
        struct Key: Hashable { var ente: EnteRef; var service: String }
        // Both sides in one table, each amount added in place: one lookup a share or declaration,
        // and no set of the keys of two tables.
        var amounts: [Key: (planned: Money?, declared: Money?)] = [:]
        amounts.reserveCapacity(ambitoYear.costShares.count + ambitoYear.declarations.count)
        func add(_ amount: Money, to total: inout Money?) throws {
            total = try CheckedMoney.add(total ?? .zero, amount, in: "dichiarato_vs_pianificato")
        }
        // By index, each field read in place: a loop over the rows copied each one whole.
        let shares = ambitoYear.costShares, declarations = ambitoYear.declarations
        for index in shares.indices {
            try add(shares[index].amount, to: &amounts[Key(ente: shares[index].ente, service: shares[index].service), default: (nil, nil)].planned)
        }
        for index in declarations.indices {
            try add(
                declarations[index].amount,
                to: &amounts[Key(ente: declarations[index].ente, service: declarations[index].service), default: (nil, nil)].declared)
        }
        return try amounts.map { key, entry in
            let (plan, declaration) = entry
            let difference = try CheckedMoney.subtract(declaration ?? .zero, plan ?? .zero, in: "dichiarato_vs_pianificato")
            let outcome: ComparisonOutcome = switch (plan, declaration) {
            case (nil, _): .nonPianificato
            case (_, nil): .nonDichiarato
            default: difference == .zero ? .concorde : .difforme
            }
            return prefix(ambitoYear) + [
                .text(key.ente.description), .text(key.service), .money(plan), .money(declaration),
                .money(difference), .text(outcome.rawValue),
            ]
        }
    }

    private func allocationRow(_ ambitoYear: AmbitoYear) throws -> [ExportCell] {
        let deliberation = ambitoYear.deliberation
        let deliberated = deliberation?.allocation(for: ambitoYear.ambito.code)
        let recomputed = try recomputer?.recomputedAllocation(for: ambitoYear)
        func parts(_ allocation: RegionalAllocation?) -> [ExportCell] {
            guard let allocation else { return Array(repeating: .null, count: 6) }
            return [
                .integer(allocation.population), .money(allocation.equalShare), .money(allocation.populationShare),
                .money(allocation.udpShare), .money(allocation.derogation), .money(allocation.total),
            ]
        }
        let difference: Money? = if let deliberated, let recomputed {
            try CheckedMoney.subtract(deliberated.total, recomputed.total, in: "allocazione_regionale")
        } else {
            nil
        }
        return prefix(ambitoYear) + [.text(deliberation?.number), deliberation.map { .date($0.date) } ?? .null]
            + parts(deliberated) + parts(recomputed) + [.money(difference)]
    }
}
