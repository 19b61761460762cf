import Foundation
import Logging
import PlusModel
import PlusStore

extension InboxRun {
    /// Files a run's files out of the inbox once the store holds them durably: each file's
    /// receipt, one flush of the inbox's disk, then the moves into `archive/` or `rejected/`.
    ///
    /// In that order, so that a run killed before a file moved leaves it in the inbox, stored,
    /// with or without its receipt, and the next run finishes it (``finishing(_:of:)``); a file
    /// never stands in `archive/` without its receipt. Sendable, for ``Alongside``: `plus run`
    /// files while it consolidates.
    ///
    /// ```swift
    /// let filer = Filer(inbox: inbox, store: store, logger: logger, language: .it)
    /// let unmoved = try filer.file([(filing, inbox.destination(of: filing.file, rejected: false, sha256: sha))])
    /// ```
    struct Filer: Sendable {
        let inbox: InboxFolder
        let store: any PlanStore
        let logger: Logger
        let language: Language

        /// Files each entry to its destination, the receipts written on `workers` threads; the
        /// indices, in `entries`, of the files left in the inbox because they changed while they
        /// were read (the next run reads them again).
        func file(_ entries: [(Filing, URL)], workers: Int = 1) throws -> [Int] {
            guard !entries.isEmpty else { return [] }
            // Every receipt goes into the same folder, whose lock threads take in turn: a second
            // thread helps only when the cores have nothing else to do.
            _ = try ParallelMap.map(entries, workers: workers) { [store, logger, language] entry, destination in
                // A receipt that cannot be written (a name too long for its suffix, say) must not
                // keep every later file in the inbox night after night: the log says so instead.
                do {
                    try InboxRun.receipt(for: entry, store: store).write(beside: destination)
                } catch where !(error is any InjectedFault) {
                    logger.error("\(language == .it ? "impossibile scrivere la ricevuta di «\(entry.file.lastPathComponent)»" : "cannot write the receipt of \(entry.file.lastPathComponent)"): \(error)")
                }
            }
            try FileSystemSync.flush(inbox.url)
            var unmoved: [Int] = []
            for (index, (entry, _)) in entries.enumerated() {
                let moved = if let rejection = entry.rejection {
                    try inbox.reject(entry.file, sha256: entry.outcome.sha256, reason: rejection)
                } else {
                    try inbox.archive(entry.file, sha256: entry.outcome.sha256)
                }
                if moved == nil {
                    // The receipt written for it stays where it was written: the next run rewrites it.
                    unmoved.append(index)
                    InboxRun.log(logger, in: language, .warning,
                        it: "«\(entry.file.lastPathComponent)» è cambiato mentre veniva letto: resta nella cartella di arrivo, la prossima esecuzione lo rilegge",
                        en: "\(entry.file.lastPathComponent) changed while it was read: left in the inbox, the next run reads it again")
                }
            }
            return unmoved
        }
    }
}
