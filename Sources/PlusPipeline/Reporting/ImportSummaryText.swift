import PlusModel

/// Writes an import result for a person: the summary first, then every diagnostic.
///
/// ```text
/// comune-cabras-scheda-2019.csv: accettato (comune-scheda v1)
///   righe lette 6, accettate 4, scartate 2; codifica windows-1252, separatore ;
///   comune-cabras-scheda-2019.csv:5 [Quota comunale (€)] errore CSV202: ...
/// ```
public enum ImportSummaryText {
    public static func render(_ result: ImportResult, language: Language, includeInfo: Bool = false) -> String {
        let status: String
        switch (result.status, language) {
        case (.accepted, .it): status = "accettato"
        case (.accepted, .en): status = "accepted"
        case (.rejected, .it): status = "RIFIUTATO"
        case (.rejected, .en): status = "REJECTED"
        }
        var lines = ["\(result.file): \(status) (\(result.mapping) v\(result.mappingVersion))"]
        let encoding = result.details["encoding"] ?? result.details["format"] ?? "-"
        let delimiter = result.details["delimiter"] ?? "-"
        switch language {
        case .it:
            lines.append("  righe lette \(result.rowsRead), accettate \(result.rowsAccepted), scartate \(result.rowsRejected); codifica \(encoding), separatore \(delimiter)")
        case .en:
            lines.append("  rows read \(result.rowsRead), accepted \(result.rowsAccepted), rejected \(result.rowsRejected); encoding \(encoding), delimiter \(delimiter)")
        }
        for diagnostic in result.diagnostics where includeInfo || diagnostic.severity != .info {
            lines.append("  " + diagnostic.rendered(language))
        }
        return lines.joined(separator: "\n")
    }
}
