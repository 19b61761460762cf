import Foundation
import PlusModel

/// The receipt `plus run` leaves beside every file it archives or rejects, for the sender.
///
/// `NAME.ricevuta.json` holds the ``FileOutcome`` (checksum, mapping, counts, verdict, what it
/// superseded, the time with its offset); `NAME.ricevuta.txt` says the same in a few Italian
/// lines; `NAME.scarti.csv` (see ``RejectedRowsSheet``) lists the rejected rows, when there are any.
/// Written before the file moves: a job killed in between leaves the receipt, and the next run
/// writes it again over the same name.
///
/// ```swift
/// try Receipt(outcome: outcome, rejectedRows: rows, header: header).write(beside: destination)
/// ```
public struct Receipt {
    public var outcome: FileOutcome
    public var rejectedRows: [RejectedRow]
    /// The sheet's header cells, for the scarti file's first line and its column letters.
    public var header: [String]

    public init(outcome: FileOutcome, rejectedRows: [RejectedRow] = [], header: [String] = []) {
        self.outcome = outcome
        self.rejectedRows = rejectedRows
        self.header = header
    }

    /// The receipt's files for a file filed as `destination`.
    public static func urls(beside destination: URL) -> (json: URL, text: URL, rejectedRows: URL) {
        let folder = destination.deletingLastPathComponent(), name = destination.lastPathComponent
        return (folder.appendingPathComponent(name + ".ricevuta.json", isDirectory: false), folder.appendingPathComponent(name + ".ricevuta.txt", isDirectory: false),
                folder.appendingPathComponent(name + ".scarti.csv", isDirectory: false))
    }

    /// Writes the receipt's files beside `destination`, each atomically; the caller flushes the disk.
    /// `rejectedRowsSheet: false` leaves the scarti file as it is: a receipt written again to tell
    /// its sender more has the same rejected rows, and its header is not read again.
    public func write(beside destination: URL, rejectedRowsSheet: Bool = true) throws {
        let urls = Self.urls(beside: destination)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(try JSONOutput.objectFile(outcome), to: urls.json, synchronize: false)
        try AtomicFile.write(Data(text.utf8), to: urls.text, synchronize: false)
        if rejectedRowsSheet && !rejectedRows.isEmpty {
            try AtomicFile.write(try RejectedRowsSheet.data(rows: rejectedRows, header: header), to: urls.rejectedRows, synchronize: false)
        }
    }

    /// The short Italian receipt.
    public var text: String {
        var lines = ["Ricevuta di «\(outcome.file)»: \(outcome.verdict.label.it)."]
        if let receivedAt = outcome.receivedAt { lines.append("Ricevuto il \(receivedAt).") }
        lines.append("SHA-256: \(outcome.sha256)")
        if let mapping = outcome.mapping { lines.append("Mappatura: \(mapping)") }
        if outcome.verdict != .unrecognised {
            lines.append("Righe lette \(outcome.rowsRead), accettate \(outcome.rowsAccepted), scartate \(outcome.rowsRejected).")
        }
        // Whose sheet, and for which year, as the rows say: a Comune that sent another's sheet
        // (a template left with its code) reads here whose it was recorded as.
        if let ente = outcome.ente {
            let who = outcome.enteName.map { "\($0) (\(ente))" } ?? ente
            let year = outcome.year.map { " per il \($0)" } ?? ""
            // A file refused before its rows said whose it was is recorded by its name, as the
            // sheet it was meant to be: the receipt says the name, not the rows, told whose.
            lines.append(outcome.enteFromFileName == true || outcome.verdict == .unrecognised
                ? "Dal nome del file, la scheda di \(who)\(year): registrata come rifiutata."
                : "Scheda di \(who)\(year).")
        }
        if let submission = outcome.submission { lines.append("Invio n. \(submission) nel registro.") }
        for replaced in outcome.supersedes {
            lines.append("Sostituisce «\(replaced.file)» ricevuto il \(replaced.receivedAt) (invio n. \(replaced.submission)).")
        }
        for notice in outcome.warnings { lines.append("Avviso \(notice.code): \(notice.message.it)") }
        if !outcome.reasons.isEmpty {
            lines.append(outcome.verdict == .rejected || outcome.verdict == .unrecognised ? "Motivo:" : "Prime segnalazioni:")
            lines += outcome.reasons.map { "  " + $0.it }
        }
        if outcome.rowsRejected > 0 && !rejectedRows.isEmpty {
            // The store keeps a bounded number of rejected rows per file: say when the list stops short.
            let listed = rejectedRows.count < outcome.rowsRejected ? " (le prime \(rejectedRows.count) di \(outcome.rowsRejected))" : ""
            lines.append("Le righe scartate\(listed), con la colonna e il motivo, sono in «\(outcome.filedAs.map { ($0 as NSString).lastPathComponent } ?? outcome.file).scarti.csv»: correggerle e reinviare l'intera scheda.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
