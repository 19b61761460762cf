import PlusExport
import PlusModel
import PlusStore
import PlusValidation

/// What an Ambito's export claims of its own validation, checked against the Region's.
///
/// The Region validates the plan itself; the claim is never trusted, only compared: when the
/// outcome, the counts or the rule set differ, a finding (`EXP110`) gives both, so the officer
/// knows the Ambito saw its plan otherwise (another rule set, rows the export could not carry).
public enum ExportClaim {
    /// `EXP110` for each current export of the Ambito-year whose claim differs from `report`.
    public static func findings(store: any PlanStore, reference: AmbitoYearRef, report: ValidationReport) throws -> [Finding] {
        let exports = try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false)
            .filter { $0.isCurrent && $0.details[SupersedeKey.targetDetail] == ExportSubmission.target }
        let own = ExportMetadata.Validation(report)
        let ownText = describe(outcome: own.outcome, errors: own.errors, warnings: own.warnings, ruleSet: "\(own.ruleSet.name) v\(own.ruleSet.version)")
        return exports.compactMap { export -> Finding? in
            let details = export.details
            guard let outcome = details[ExportSubmission.claimedOutcome] else { return nil }
            let claimed = describe(
                outcome: outcome, errors: Int(details[ExportSubmission.claimedErrors] ?? "") ?? -1,
                warnings: Int(details[ExportSubmission.claimedWarnings] ?? "") ?? -1, ruleSet: details[ExportSubmission.claimedRuleSet] ?? "?")
            guard claimed != ownText else { return nil }
            return Problem.exportClaimDiffers.finding(
                at: Provenance(file: export.file, sha256: export.sha256), about: .init(ambito: reference.ambito),
                details: ["found": claimed.it, "expected": ownText.it, "year": String(reference.year), "file": export.file],
                localizedDetails: ["found": claimed, "expected": ownText])
        }
    }

    /// The outcome as one comparable phrase: `valido, 0 errori, 2 avvisi, regole sardegna-plus v1`.
    private static func describe(outcome: String, errors: Int, warnings: Int, ruleSet: String) -> LocalizedText {
        LocalizedText(
            it: "\(outcome), \(errors) errori, \(warnings) avvisi, regole \(ruleSet)",
            en: "\(outcome == ExportMetadata.Validation.valid ? "valid" : outcome == ExportMetadata.Validation.invalid ? "not valid" : outcome), \(errors) errors, \(warnings) warnings, rule set \(ruleSet)")
    }
}

extension Validator {
    /// Validates `year` and says where a current export of it claims another outcome (`EXP110`):
    /// how the job, `plus validate`, `plus status` and `plus report` all validate.
    public func validate(_ year: AmbitoYear, comparingClaimsIn store: any PlanStore) throws -> ValidationReport {
        try validate(year.withoutServices, services: year.services, comparingClaimsIn: store)
    }

    /// As ``validate(_:comparingClaimsIn:)``, for an Ambito-year whose services `services` hands over in batches.
    public func validate(_ year: AmbitoYear, services: some ServiceSource, comparingClaimsIn store: any PlanStore) throws -> ValidationReport {
        let own = try validate(year, services: services)
        let reference = AmbitoYearRef(ambito: year.ambito.code, year: year.year)
        return Consolidation.adding(try ExportClaim.findings(store: store, reference: reference, report: own), to: own)
    }
}
