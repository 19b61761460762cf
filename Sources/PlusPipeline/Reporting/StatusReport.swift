import Foundation
import PlusModel
import PlusStore
import PlusValidation

/// Per Ambito and year: which enti have submitted, when, and whether the Ambito validates.
public struct StatusReport: Codable, Sendable {
    public struct EnteStatus: Codable, Sendable {
        public var ente: String
        public var name: String
        /// The current submission's file, or `nil` when the ente has not submitted.
        public var file: String?
        public var receivedAt: Date?
    }

    public var ambito: String
    public var name: String
    public var year: Int
    public var enti: [EnteStatus]
    public var errors: Int
    public var warnings: Int
    public var validates: Bool

    public static func build(store: any PlanStore, validator: Validator, ambito: String?, year: Int?) throws -> [StatusReport] {
        let references = try store.ambitoYears().filter { (ambito == nil || $0.ambito == ambito) && (year == nil || $0.year == year) }
        return try references.sorted().compactMap { reference in
            guard let ambitoYear = try store.ambitoYear(ambito: reference.ambito, year: reference.year) else { return nil }
            let submissions = try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false).filter(\.isCurrent)
            let names = Dictionary(uniqueKeysWithValues: ambitoYear.ambito.comuni.map { ($0.ente, $0.name) }
                + [ambitoYear.ambito.asl, ambitoYear.ambito.provincia].compactMap { $0 }.map { ($0.ente, $0.name) })
            let enti = ambitoYear.ambito.members.map { ente in
                let latest = submissions.filter { $0.subject.ente == ente }.max { $0.receivedAt < $1.receivedAt }
                return EnteStatus(ente: ente.description, name: names[ente] ?? ente.code, file: latest?.file, receivedAt: latest?.receivedAt)
            }
            let report = validator.validate(ambitoYear)
            return StatusReport(
                ambito: reference.ambito, name: ambitoYear.ambito.name, year: reference.year, enti: enti,
                errors: report.counts.errors, warnings: report.counts.warnings, validates: !report.hasErrors)
        }
    }

    public static func render(_ reports: [StatusReport], language: Language) -> String {
        guard !reports.isEmpty else { return language == .it ? "Nessun dato nel registro." : "No data in the store." }
        let formatter = ISO8601DateFormatter()
        return reports.map { report in
            let submitted = report.enti.filter { $0.file != nil }.count
            let verdict = report.validates
                ? (language == .it ? "in regola" : "validates")
                : (language == .it ? "\(report.errors) errori" : "\(report.errors) errors")
            var lines = ["\(report.ambito) \(report.name) \(report.year): \(submitted)/\(report.enti.count) "
                + (language == .it ? "enti hanno inviato; " : "enti submitted; ") + verdict
                + (report.warnings > 0 ? (language == .it ? ", \(report.warnings) avvisi" : ", \(report.warnings) warnings") : "")]
            for ente in report.enti {
                let when = ente.receivedAt.map { formatter.string(from: $0) } ?? ""
                let file = ente.file ?? (language == .it ? "— non ancora inviato" : "— not yet submitted")
                lines.append("  \(ente.ente.padding(toLength: 18, withPad: " ", startingAt: 0)) \(ente.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(file) \(when)")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
