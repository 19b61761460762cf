import BenchmarkInputs
import Foundation
import PlusModel

/// A large Ambito-year built through the model's public initialisers, every amount consistent,
/// so that the Validator runs every rule to the end and finds nothing.
///
/// The members are the first Comuni of the Sardinian reference data; the Ambito keeps the
/// template's code, signatories and deliberation, so the fund checks have an allocation to
/// compare with. Services rotate through the sharing criteria as `generate.py` does (three
/// per resident, then equal parts, fixed quota, percentages); every third has an ASL line,
/// every fifth a Provincia line. Each share is declared by its ente in a sheet of its own.
enum SyntheticYear {
    static func make(services serviceCount: Int, comuni comuneCount: Int, like template: AmbitoYear) -> AmbitoYear {
        let members = Array(SardinianComuni.all.prefix(comuneCount).map(\.comune))
        precondition(members.count == comuneCount, "only \(members.count) Comuni in the reference data")
        guard let deliberation = template.deliberation, let asl = template.ambito.asl?.ente,
              let provincia = template.ambito.provincia?.ente,
              let allocation = deliberation.allocation(for: template.ambito.code)
        else { fatalError("the template needs a deliberation, an ASL and a Provincia") }

        var ambito = template.ambito
        ambito.name = "Sintetico (\(comuneCount) Comuni)"
        ambito.comuni = members
        ambito.capofila = members.max { $0.population < $1.population }!.istatCode
        // Shares follow the ISTAT-code order, the order the rules split cents in.
        let byCode = members.sorted { $0.istatCode < $1.istatCode }
        let populations = byCode.map { Int64($0.population) }
        let percentages = Money(cents: 10_000).split(weights: populations)!.map(\.cents)
        let criteria: [SharingCriterion] = [.perResident, .perResident, .perResident, .equalParts, .fixedQuota, .percentages]
        let fondoPerService = Money(cents: allocation.total.cents / Int64(serviceCount))
        let serviziFile = source("capofila-servizi-\(template.year).csv")
        let ripartoFile = source("capofila-riparto-\(template.year).csv")

        var random = SplitMix64(seed: UInt64(template.year))
        var services: [PlannedService] = []
        var shares: [CostShare] = []
        for index in 0..<serviceCount {
            let code = "S" + String(format: "%03d", index + 1)
            let criterion = criteria[index % criteria.count]
            var funding: [FundingSource: Money] = [
                .fondoRegionale: fondoPerService, .comuni: Money(cents: .random(in: 100_000...5_000_000, using: &random)),
            ]
            if index % 3 == 0 { funding[.asl] = Money(cents: .random(in: 50_000...2_000_000, using: &random)) }
            if index % 5 == 0 { funding[.provincia] = Money(cents: .random(in: 10_000...500_000, using: &random)) }
            services.append(PlannedService(
                code: code, name: ComuneSheet.serviceNames[index % ComuneSheet.serviceNames.count],
                totalCost: funding.values.sum(), funding: funding, sharingCriterion: criterion,
                provenance: at(serviziFile, line: index + 2)))

            let weights: [Int64] = switch criterion {
            case .perResident, .fixedQuota: populations
            case .equalParts: Array(repeating: 1, count: byCode.count)
            case .percentages: percentages
            }
            for (position, amount) in funding[.comuni]!.split(weights: weights)!.enumerated() {
                shares.append(CostShare(
                    service: code, ente: byCode[position].ente, amount: amount,
                    basisPoints: criterion == .percentages ? percentages[position] : nil,
                    provenance: at(ripartoFile, line: shares.count + 2)))
            }
            for (source, ente) in [(FundingSource.asl, asl), (.provincia, provincia)] {
                guard let line = funding[source] else { continue }
                shares.append(CostShare(service: code, ente: ente, amount: line, provenance: at(ripartoFile, line: shares.count + 2)))
            }
        }

        var sheets: [EnteRef: (file: Provenance, lines: Int)] = [:]
        let declarations = shares.map { share in
            var sheet = sheets[share.ente] ?? (source("scheda-\(share.ente.code)-\(template.year).csv"), 1)
            sheet.lines += 1
            sheets[share.ente] = sheet
            return Declaration(
                ente: share.ente, year: template.year, service: share.service, amount: share.amount,
                provenance: at(sheet.file, line: sheet.lines))
        }
        return AmbitoYear(
            ambito: ambito, year: template.year, plan: template.plan, services: services, costShares: shares,
            declarations: declarations, submitters: byCode.map(\.ente) + [asl, provincia], deliberation: deliberation)
    }

    /// A file's provenance without a line: its name and the SHA-256 of the name (a stand-in for its bytes).
    private static func source(_ file: String) -> Provenance {
        Provenance(file: file, sha256: Checksum.sha256(Data(file.utf8)))
    }

    private static func at(_ file: Provenance, line: Int) -> Provenance {
        var provenance = file
        provenance.line = line
        return provenance
    }
}
