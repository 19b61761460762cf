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
        let counts = language == .it
            ? "righe lette \(result.rowsRead), accettate \(result.rowsAccepted), scartate \(result.rowsRejected)"
            : "rows read \(result.rowsRead), accepted \(result.rowsAccepted), rejected \(result.rowsRejected)"
        let layout: String
        if let encoding = result.details["encoding"] {
            let delimiter = result.details["delimiter"] ?? "-"
            layout = language == .it ? "codifica \(encoding), separatore \(delimiter)" : "encoding \(encoding), delimiter \(delimiter)"
        } else {
            let format = result.details["format"] ?? result.mapping
            layout = (language == .it ? "formato " : "format ") + format + (result.details["schema"].map { ", XSD \($0)" } ?? "")
        }
        lines.append("  \(counts); \(layout)")
        if result.rejectedRowsNotListed > 0 {
            let listed = result.rejectedRows.count
            lines.append(language == .it
                ? "  \(result.rejectedRowsNotListed) righe scartate non sono elencate (elencate le prime \(listed))"
                : "  \(result.rejectedRowsNotListed) rejected rows are not listed (the first \(listed) are)")
        }
        // What was left unlisted is said even when notes are hidden: the count is not the whole list.
        for diagnostic in result.diagnostics where includeInfo || diagnostic.severity != .info || diagnostic.code == Self.cappedCode {
            lines.append("  " + diagnostic.rendered(language))
        }
        return lines.joined(separator: "\n")
    }

    /// The importers' note that more diagnostics of a code were counted than listed.
    static let cappedCode = "CSV090"
}
