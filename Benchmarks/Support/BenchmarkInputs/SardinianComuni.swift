import Foundation
import PlusModel

/// The 377 Sardinian Comuni of the shipped reference data, with their Ambito and 2011 population.
///
/// Read from `SampleData/riferimento/ambiti-sardegna.csv` (UTF-8, `;`, no quoting), so that
/// generated sheets carry real ISTAT codes and realistic weights.
public enum SardinianComuni {
    public struct Entry: Sendable {
        public var ambito: String
        public var comune: MemberComune
    }

    public static let all: [Entry] = {
        let url = Repository.url("SampleData/riferimento/ambiti-sardegna.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("reference data not found: \(url.path)")
        }
        // ambito;nome_ambito;codice_istat;denominazione;popolazione;sigla_provincia;capofila
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 6, let population = Int(cells[4]) else { return nil }
            return Entry(
                ambito: cells[0],
                comune: MemberComune(istatCode: cells[2], name: cells[3], population: population, province: cells[5]))
        }
    }()
}
