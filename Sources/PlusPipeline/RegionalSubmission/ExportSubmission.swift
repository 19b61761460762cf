import Foundation
import PlusExport
import PlusModel
import PlusStore

/// An Ambito's export received by the Region, read as one submission of that Ambito-year.
///
/// The export's plan (services and their funding, the cost split) and the declarations
/// (`dichiarato` of `dichiarato_vs_pianificato`) become the same records the Ambito's own
/// files gave; the Ambiti, members and allocation are the Region's own reference data and
/// deliberation, so they are not read from the export. The submission is filed for the
/// Ambito, by no ente (the capofila's plan tables are not a sheet of its own): a later export of the same Ambito-year supersedes it, the same bytes
/// again are a duplicate. Anything unreadable refuses the file whole (`EXP101`–`EXP104`): a
/// plan taken in part would be a wrong plan.
///
/// ```swift
/// let result = try ExportSubmission(form: .xml).importFile(at: url)
/// result.details["esito_dichiarato"]   // "valido"
/// ```
public struct ExportSubmission: Sendable {
    /// How the export came: the XML, or the Data Package zipped.
    public enum Form: String, Sendable {
        case xml = "esportazione-xml"
        case dataPackage = "esportazione-datapackage"
    }

    /// The mapping target every export is filed under (``SupersedeKey`` keys it by Ambito).
    static let target = SupersedeKey.exportTarget
    /// The largest export read: an Ambito's year is well under a megabyte.
    static let sizeLimit = 64 << 20

    public var form: Form

    public init(form: Form) {
        self.form = form
    }

    /// The form of export the file is, told by its head: an XML whose root is `<esportazione>`
    /// in the export's namespace, or a `.zip` (only a Data Package is expected zipped).
    static func form(of url: URL) -> Form? {
        guard let handle = try? SafeFile.handle(url) else { return nil }
        defer { try? handle.close() }
        return form(head: (try? handle.read(upToCount: headLength)) ?? Data(), url: url)
    }

    /// How much of a file's head ``form(of:)`` looks at.
    static let headLength = 1024

    /// ``form(of:)`` of a head read already, the first ``headLength`` bytes of the file at `url`
    /// (empty when it could not be read).
    static func form(head: Data, url: URL) -> Form? {
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return url.pathExtension.lowercased() == "zip" ? .dataPackage : nil
        }
        // Nearly every file of an inbox is a sheet: one without the root's bytes cannot hold it as
        // text either (decoding only repairs bytes into U+FFFD, and no text without those ASCII
        // bytes compares equal to them), so the text search, a quarter of a sheet's recognition, is
        // left to the few that have them.
        guard contains(head, Self.rootBytes) else { return nil }
        return isExportXML(head) ? .xml : nil
    }

    /// The root element's opening, as bytes: what ``form(of:)`` looks for before decoding the head.
    static let rootBytes = Array("<esportazione".utf8)

    /// Whether the head, decoded, names the export's root element and its namespace: the whole
    /// test of an XML export (``form(of:)`` asks it only of heads with the root's bytes).
    static func isExportXML(_ head: Data) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("<esportazione") && text.contains(RegionalXMLWriter.namespace)
    }

    /// Whether `bytes` occur in `head`, byte for byte.
    static func contains(_ head: Data, _ bytes: [UInt8]) -> Bool {
        ByteSearch.contains(bytes, in: head)
    }

    public func importFile(at url: URL) throws -> ImportResult {
        let handle = try SafeFile.handle(url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: Self.sizeLimit + 1) ?? Data()
        let fileName = url.lastPathComponent
        var result = ImportResult(
            file: fileName, sha256: Checksum.sha256(data), byteCount: data.count, mapping: form.rawValue, mappingVersion: 1,
            status: .rejected, details: [SupersedeKey.targetDetail: Self.target])
        guard data.count <= Self.sizeLimit else {
            result.diagnostics = [Problem.exportSubmissionPackage.at(
                SourceLocation(file: fileName), found: "\(data.count)+ byte", expected: "≤ \(Self.sizeLimit) byte")]
            return result
        }
        let read = switch form {
        case .xml: ExportXMLReader().read(data, fileName: fileName)
        case .dataPackage: ExportPackageReader().read(data, fileName: fileName)
        }
        switch read {
        case .failure(let refusal):
            result.diagnostics = refusal.diagnostics
        case .success(let tables):
            do {
                try fill(&result, from: tables)
                result.status = .accepted
            } catch let refusal as ExportRefusal {
                result.diagnostics = refusal.diagnostics
            }
        }
        result.countListedRows()
        return result
    }

    /// The records of the export's one Ambito-year, its subject and its claimed outcome.
    private func fill(_ result: inout ImportResult, from tables: ExportedTables) throws {
        let file = result.file
        let ambiti = tables.rows[DatasetCatalog.ambiti.name] ?? []
        guard ambiti.count == 1, let head = ambiti.first else {
            throw ExportRefusal(diagnostics: [Problem.exportSubmissionScope.at(
                SourceLocation(file: file), found: "\(ambiti.count) Ambiti-anno", expected: "1")])
        }
        var cells = CellReader(file: file, sha256: result.sha256)
        let year = cells.integer(head, "anno") ?? 0
        let ambito = head["ambito"] ?? ""
        // An export of an earlier release has no plan type or act: they stay unknown, as before.
        let plan = cells.integer(head, "piano_triennio_inizio").map {
            PlanStatement(
                type: cells.optional(head, "piano_tipo", PlanType.init(rawValue:)),
                trienniumStart: $0, version: cells.integer(head, "piano_versione"), approvedBy: head["piano_atto_approvazione"])
        }
        var funding: [String: [FundingSource: Money]] = [:]
        for row in tables.rows[DatasetCatalog.finanziamento.name] ?? [] {
            guard let service = row["servizio"], let source = cells.value(row, "fonte", FundingSource.init(rawValue:)),
                  let amount = cells.money(row, "importo") else { continue }
            funding[service, default: [:]][source] = amount
        }
        var records: [ImportedRecord] = []
        for row in tables.rows[DatasetCatalog.servizi.name] ?? [] {
            guard let code = cells.required(row, "servizio"), let kind = cells.value(row, "tipologia", ServiceKind.init(rawValue:)),
                  let management = cells.value(row, "gestione", { Management(text: $0) }), let cost = cells.money(row, "costo_totale")
            else { continue }
            // The file the Ambito read the service from, as its export names it: findings point there.
            let provenance = row["file_origine"].map { Provenance(file: $0, sha256: result.sha256) } ?? cells.provenance(row)
            let service = PlannedService(
                code: code, name: row["denominazione"] ?? "", area: row["area"] ?? "", kind: kind, management: management,
                location: row.cells["sede"], totalCost: cost, funding: funding[code] ?? [:],
                sharingCriterion: row["criterio_riparto"].flatMap { _ in cells.value(row, "criterio_riparto", SharingCriterion.init(rawValue:)) },
                plan: plan, copaymentRule: row["regola_compartecipazione"], provenance: provenance)
            records.append(ImportedRecord(record: .service(service), provenance: cells.provenance(row)))
        }
        for row in tables.rows[DatasetCatalog.riparto.name] ?? [] {
            guard let service = cells.required(row, "servizio"), let ente = cells.value(row, "ente", { EnteRef(parsing: $0) }),
                  let amount = cells.money(row, "importo") else { continue }
            let basisPoints = row["percentuale"].flatMap { _ in cells.money(row, "percentuale")?.cents }
            records.append(ImportedRecord(
                record: .costShare(CostShare(service: service, ente: ente, amount: amount, basisPoints: basisPoints, provenance: cells.provenance(row))),
                provenance: cells.provenance(row)))
        }
        for row in tables.rows[DatasetCatalog.dichiaratoVsPianificato.name] ?? [] where row["dichiarato"] != nil {
            guard let service = cells.required(row, "servizio"), let ente = cells.value(row, "ente", { EnteRef(parsing: $0) }),
                  let amount = cells.money(row, "dichiarato") else { continue }
            records.append(ImportedRecord(
                record: .declaration(Declaration(ente: ente, year: year, service: service, amount: amount, provenance: cells.provenance(row))),
                provenance: cells.provenance(row)))
        }
        for row in tables.rows[DatasetCatalog.indicatori.name] ?? [] {
            guard let service = cells.required(row, "servizio"), let code = cells.required(row, "indicatore") else { continue }
            // Exports write exact decimals with a dot (`12.5`).
            let target = row["obiettivo"].flatMap { _ in cells.value(row, "obiettivo") { ExactDecimal(parsing: $0, convention: .dot) } }
            let actual = row["valore"].flatMap { _ in cells.value(row, "valore") { ExactDecimal(parsing: $0, convention: .dot) } }
            let provenance = row["file_origine"].map { Provenance(file: $0, sha256: result.sha256) } ?? cells.provenance(row)
            records.append(ImportedRecord(
                record: .indicator(Indicator(
                    service: service, code: code, description: row["descrizione"], unit: row["unita"], target: target, actual: actual,
                    year: year, ambito: ambito, provenance: provenance)),
                provenance: cells.provenance(row)))
        }
        for row in tables.rows[DatasetCatalog.rendicontiFondi.name] ?? [] {
            guard let fund = cells.value(row, "fondo", FundingSource.init(rawValue:)), let assigned = cells.money(row, "assegnato"),
                  let carriedOver = cells.money(row, "residuo_anni_precedenti"), let used = cells.money(row, "utilizzato"),
                  let residual = cells.money(row, "residuo") else { continue }
            let provenance = row["file_origine"].map { Provenance(file: $0, sha256: result.sha256) } ?? cells.provenance(row)
            records.append(ImportedRecord(
                record: .fundStatement(FundStatement(
                    ambito: ambito, year: year, fund: fund, assigned: assigned, carriedOver: carriedOver, used: used,
                    residual: residual, act: row["atto"], provenance: provenance)),
                provenance: cells.provenance(row)))
        }
        if !cells.problems.isEmpty { throw ExportRefusal(diagnostics: cells.problems) }
        result.records = records
        result.rowsRead = tables.rows.values.reduce(0) { $0 + $1.count }
        // Filed for the Ambito and no ente: the enti that submitted are those that declared, as at the Ambito.
        result.subject = SubmissionSubject(ambito: ambito, year: year)
        result.details[Self.planClosed] = head["piano_chiuso"] ?? "false"
        if let claim = tables.validations.first(where: { $0.year == year && $0.ambito == ambito }) {
            result.details[Self.claimedOutcome] = claim.outcome
            result.details[Self.claimedErrors] = String(claim.errors)
            result.details[Self.claimedWarnings] = String(claim.warnings)
            result.details[Self.claimedRuleSet] = "\(claim.ruleSet.name) v\(claim.ruleSet.version)"
        }
    }

    static let planClosed = "piano_chiuso"
    static let claimedOutcome = "esito_dichiarato"
    static let claimedErrors = "errori_dichiarati"
    static let claimedWarnings = "avvisi_dichiarati"
    static let claimedRuleSet = "regole_dichiarate"

    /// Reads typed cells, collecting a diagnostic for each one that is not what its column holds.
    private struct CellReader {
        let file: String
        let sha256: String
        var problems: [Diagnostic] = []

        func provenance(_ row: ExportedTables.Row) -> Provenance {
            Provenance(file: row.part.map { "\(file)/\($0)" } ?? file, sha256: sha256, line: row.line)
        }

        mutating func fail(_ row: ExportedTables.Row, _ column: String, expected: String) {
            let location = provenance(row).location
            problems.append(Problem.exportSubmissionValue.at(
                location, found: row.cells[column] ?? "", expected: expected, details: ["column": column]))
        }

        mutating func required(_ row: ExportedTables.Row, _ column: String) -> String? {
            guard let value = row[column] else {
                fail(row, column, expected: "un valore / a value")
                return nil
            }
            return value
        }

        mutating func value<Value>(_ row: ExportedTables.Row, _ column: String, _ parse: (String) -> Value?) -> Value? {
            guard let text = required(row, column) else { return nil }
            guard let value = parse(text) else {
                fail(row, column, expected: "un valore ammesso / an allowed value")
                return nil
            }
            return value
        }

        mutating func money(_ row: ExportedTables.Row, _ column: String) -> Money? {
            value(row, column) { text in
                // Exports write amounts with a dot and two decimals, nothing else.
                guard text.wholeMatch(of: /-?[0-9]+\.[0-9]{2}/) != nil else { return nil }
                return try? MoneyParser(convention: .dot).parse(text)
            }
        }

        mutating func integer(_ row: ExportedTables.Row, _ column: String) -> Int? {
            optional(row, column) { Int($0) }
        }

        /// A cell that may be empty: `nil` then, a diagnostic only for a value that does not parse.
        mutating func optional<Value>(_ row: ExportedTables.Row, _ column: String, _ parse: (String) -> Value?) -> Value? {
            guard row[column] != nil else { return nil }
            return value(row, column, parse)
        }
    }
}

