import Foundation
import PlusExport
import PlusModel
import PlusPipeline

/// The region's roll-up for a year: one line per Ambito, the region's totals, and the
/// deliberation's findings once. `plus status --region` prints it as text, JSON or CSV.
///
/// Drawn from the region's ``ReportModel``, so the roll-up and the HTML report never disagree.
///
/// ```swift
/// let rollup = RegionalRollup(model: try builder.region(year: 2019)!)
/// print(rollup.text(language: .it))
/// ```
public struct RegionalRollup: Codable, Sendable, Equatable {
    /// One Ambito's line.
    public struct Line: Codable, Sendable, Equatable {
        public var ambito: String
        public var name: String
        public var entiExpected: Int
        public var entiSubmitted: Int
        /// Who has submitted and when.
        public var submitted: [EnteSubmission]
        /// The names of the members that have not.
        public var missing: [String]
        public var lastReceivedAt: Date?
        /// Whether the Ambito-year passes validation, the deliberation's findings included.
        public var validates: Bool
        /// Errors and warnings about the Ambito itself; the deliberation's are counted once, apart.
        public var errors: Int
        public var warnings: Int
        public var totalCost: Money
        public var fundAllocated: Money?
        public var fundPlanned: Money
        /// `true` when the Ambito's amounts are beyond any plan (``AmbitoSection/amountsOutOfRange``):
        /// its three amounts were not added up, are zero here, and the text and the CSV say
        /// "fuori scala" rather than a total of nothing. `nil` otherwise.
        public var amountsOutOfRange: Bool?
    }

    public var year: Int
    public var generatedAt: Date
    public var deliberation: DeliberationSummary?
    public var lines: [Line]
    public var totals: Totals
    public var deliberationFindings: [ReportFinding]

    public init(model: ReportModel) {
        year = model.year
        generatedAt = model.generatedAt
        deliberation = model.deliberation
        deliberationFindings = model.deliberationFindings
        totals = model.totals
        lines = model.ambiti.map { ambito in
            let submitted = ambito.enti.filter { $0.file != nil }
            return Line(
                ambito: ambito.code, name: ambito.name, entiExpected: ambito.enti.count, entiSubmitted: submitted.count,
                submitted: submitted, missing: ambito.missing.map(\.name), lastReceivedAt: submitted.compactMap(\.receivedAt).max(),
                validates: ambito.validates, errors: ambito.ownCount(.error), warnings: ambito.ownCount(.warning),
                totalCost: ambito.totalCost, fundAllocated: ambito.fundAllocated, fundPlanned: ambito.fundPlanned,
                amountsOutOfRange: ambito.amountsOutOfRange)
        }
    }

    /// What a line says about the Ambito's state, in words: never "in regola" without a sheet.
    public func status(of line: Line, language: Language) -> String {
        let words = ReportWords(language)
        let state = line.entiSubmitted == 0 ? words.noSubmissions
            : line.validates ? words.validates
            : line.errors > 0 ? words.errors(line.errors) : words.deliberationErrorsOnly
        // The CSV's amounts are empty then: its status says why, so no one reads them as nothing.
        return line.amountsOutOfRange == true ? "\(state), \(words.amountsOutOfRangeShort)" : state
    }

    /// An amount as the roll-up writes it: "fuori scala" where it was not added up, "—" where there is none.
    private static func amount(_ money: Money?, outOfRange: Bool?, in language: Language) -> String {
        outOfRange == true ? ReportWords(language).outOfRange : money.map { ReportFormat.amount($0, in: language) } ?? "—"
    }

    /// One line per Ambito, then the region's totals, then the deliberation's findings.
    public func text(language: Language) -> String {
        let words = ReportWords(language)
        var out = ["\(words.regionTitle) — \(words.year) \(year)"]
        if let deliberation {
            out.append("\(words.deliberation) \(deliberation.number) (\(deliberation.date)) — \(words.fund) \(ReportFormat.amount(deliberation.fundTotal, in: language))")
        }
        out.append("")
        let nameWidth = lines.map { $0.ambito.count + 1 + $0.name.count }.max() ?? 0
        for line in lines {
            let title = "\(line.ambito) \(line.name)"
            var parts = ["\(line.entiSubmitted)/\(line.entiExpected) \(words.entiSubmitted)"]
            if let last = line.lastReceivedAt { parts[0] += " (\(words.lastReceived) \(ReportFormat.time(last)))" }
            parts.append(status(of: line, language: language))
            if line.warnings > 0 { parts.append(words.warnings(line.warnings)) }
            let amount = { (money: Money?) in Self.amount(money, outOfRange: line.amountsOutOfRange, in: language) }
            parts.append("\(words.totalCost.lowercased()) \(amount(line.totalCost))")
            parts.append("\(words.allocated.lowercased()) \(amount(line.fundAllocated))")
            parts.append("\(words.fundPlanned.lowercased()) \(amount(line.fundPlanned))")
            out.append(title.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + parts.joined(separator: "; "))
            if !line.missing.isEmpty && line.entiSubmitted > 0 {
                out.append(String(repeating: " ", count: nameWidth + 2) + "\(words.missingShort): " + line.missing.joined(separator: ", "))
            }
        }
        out.append("")
        let total = { (money: Money) in Self.amount(money, outOfRange: totals.amountsOutOfRange, in: language) }
        out.append("\(words.total): \(totals.ambiti) \(words.ambiti.lowercased()); \(totals.entiSubmitted)/\(totals.entiExpected) \(words.entiSubmitted); "
            + "\(words.errors(totals.errors)), \(words.warnings(totals.warnings)); \(words.totalCost.lowercased()) \(total(totals.totalCost)); "
            + "\(words.allocated.lowercased()) \(total(totals.fundAllocated)); \(words.fundPlanned.lowercased()) \(total(totals.fundPlanned))")
        if totals.amountsOutOfRange == true { out.append(words.amountsOutOfRange) }
        if !deliberationFindings.isEmpty {
            out.append("")
            out.append("\(words.deliberationFindings) (\(deliberationFindings.count)):")
            for finding in deliberationFindings {
                let place = finding.line.map { "\(finding.file):\($0)" } ?? finding.file
                out.append("  \(place) \(finding.severity.label(language)) \(finding.code): \(finding.message)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// The lines as a table for a spreadsheet, written by the exports' own CSV writer.
    public func dataset(language: Language) -> ExportDataset {
        let text = { (name: String, it: String, en: String) in ExportColumn(name, .string, description: .init(it: it, en: en)) }
        let count = { (name: String, it: String, en: String) in ExportColumn(name, .integer, description: .init(it: it, en: en)) }
        let amount = { (name: String, it: String, en: String) in ExportColumn(name, .number, description: .init(it: it, en: en)) }
        let columns = [
            text("ambito", "Codice dell'Ambito", "Ambito code"), text("nome_ambito", "Nome dell'Ambito", "Ambito name"),
            count("enti_attesi", "Enti membri", "Member enti"), count("enti_inviato", "Enti che hanno inviato", "Enti that submitted"),
            text("ultimo_invio", "Ultimo invio (ora italiana)", "Last submission (Italian time)"),
            text("stato", "Stato", "Status"), count("errori", "Errori dell'Ambito", "The Ambito's errors"),
            count("avvisi", "Avvisi dell'Ambito", "The Ambito's warnings"), amount("costo_totale", "Costo totale", "Total cost"),
            amount("fondo_assegnato", "Fondo assegnato dalla deliberazione", "Fund allocated by the deliberation"),
            amount("fondo_nel_piano", "Fondo regionale nel piano", "Regional fund in the plan"),
            text("enti_mancanti", "Enti che non hanno inviato", "Enti that have not submitted"),
        ]
        let rows: [[ExportCell]] = lines.map { line in
            // Amounts not added up are empty cells, not zeros; the status column says why.
            let amount = { (money: Money?) in ExportCell.money(line.amountsOutOfRange == true ? nil : money) }
            return [
                .text(line.ambito), .text(line.name), .integer(Int64(line.entiExpected)), .integer(Int64(line.entiSubmitted)),
                .text(line.lastReceivedAt.map(ReportFormat.time)), .text(status(of: line, language: language)),
                .integer(Int64(line.errors)), .integer(Int64(line.warnings)), amount(line.totalCost), amount(line.fundAllocated),
                amount(line.fundPlanned), .text(line.missing.joined(separator: ", ")),
            ]
        }
        return ExportDataset(
            name: "regione-\(year)", title: .init(it: "Riepilogo regionale \(year)", en: "Regional roll-up \(year)"),
            columns: columns, primaryKey: ["ambito"], rows: rows)
    }
}

extension RegionalRollup {
    /// The roll-up as JSON, in the report model's style: sorted keys, ISO 8601 times, amounts in cents,
    /// with the `schemaVersion` of every JSON document the CLI prints.
    public func jsonData() throws -> Data {
        try ReportJSON.writer.data(JSONOutput.Versioned(value: self))
    }

    /// Reads what ``jsonData()`` wrote.
    public static func decode(_ data: Data) throws -> RegionalRollup {
        try ReportJSON.decoder.decode(RegionalRollup.self, from: data)
    }
}
