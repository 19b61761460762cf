import Foundation
import PlusModel
import PlusStore

extension InboxRun {
    /// What storing `file` did, with a run killed between its store commit and its filing told
    /// apart from a duplicate: the store holds the same bytes under the same name, but `archive/`
    /// holds no copy of them, so no run ever finished with this file.
    ///
    /// Such a submission is handed back as stored, with the submissions it superseded then, so
    /// that its receipt, summary and log say what the killed run would have said: accepted, with
    /// the stored counts and number. The same bytes sent again after a finished run find their
    /// archived copy and stay a duplicate.
    ///
    /// `storedAfter` is the last consolidation a run finished: a submission stored after it was
    /// stored by a run that never finished, even when `archive/` holds the same bytes under its
    /// name, as it does when a Comune sent its first sheet back after a second one (the first,
    /// replaced, is archived under that name).
    ///
    /// ```swift
    /// let stored = try finishing(try store.record(prepared, subject: subject, receivedAt: now, importedBy: by), of: file, storedAfter: mark)
    /// ```
    func finishing(_ recorded: SubmissionOutcome, of file: URL, storedAfter mark: Date) throws -> SubmissionOutcome {
        guard case .duplicate(let existing) = recorded, existing.file == file.lastPathComponent,
              existing.storedAt > mark || !inbox.hasArchived(existing.file, sha256: existing.sha256, byteCount: existing.byteCount)
        else { return recorded }
        log(.notice, it: "«\(existing.file)» era stato registrato da un'esecuzione interrotta (invio n. \(existing.id)) e mai archiviato: lo completo",
            en: "\(existing.file) was stored by an interrupted run (submission \(existing.id)) and never filed: finishing it")
        // Whatever it replaced names it as its successor; replacements share its ente-year, or its Ambito-year.
        let subject = existing.subject
        let neighbours = if let ente = subject.ente, let year = subject.year {
            try store.history(ente: ente, year: year)
        } else {
            try store.submissions(ambito: subject.ambito, year: subject.year, includeHistory: true)
        }
        let superseded = neighbours.filter { $0.supersededBy == existing.id }.map(\.id).sorted()
        return .stored(existing, superseded: superseded, touched: [])
    }
}
