import Foundation
import Logging
import PlusModel
import PlusStore

/// The cron job: takes every new file in the inbox, stores it, files it away, and
/// re-validates and re-exports every Ambito-year that changed.
///
/// Safe to interrupt anywhere: each file is one store transaction, a file imported but not
/// yet moved is recognised as a duplicate next time, and the consolidation mark is written
/// only after every changed Ambito-year was consolidated and its outputs flushed to disk.
/// The disk is flushed twice a run (the store before files move, the outputs before the
/// mark), not once per file: on a shared virtual disk a flush costs milliseconds, and an
/// Italy-year has tens of thousands of files.
///
/// ```swift
/// let summary = try InboxRun(inbox: inbox, fileImport: files, store: store, consolidation: consolidation).run()
/// print(try JSONOutput.encode(summary, pretty: false))
/// ```
public struct InboxRun {
    public let inbox: InboxFolder
    public let fileImport: FileImport
    public let store: any PlanStore
    public let consolidation: Consolidation
    public var logger: Logger
    /// Called with (index, count, file name) before each file: a progress display.
    public var progress: ((Int, Int, String) -> Void)?
    public var importedBy = "plus run"

    public init(inbox: InboxFolder, fileImport: FileImport, store: any PlanStore, consolidation: Consolidation, logger: Logger = Logger(label: "plus.run")) {
        self.inbox = inbox
        self.fileImport = fileImport
        self.store = store
        self.consolidation = consolidation
        self.logger = logger
    }

    /// Where the time of the last complete consolidation is kept.
    var markURL: URL { consolidation.outputDirectory.appendingPathComponent(".ultimo-consolidamento") }

    public func run() throws -> RunSummary {
        var summary = RunSummary()
        let startedAt = Date()
        // Entries that are never to be read go to rejected/ now; files still being written wait.
        let scan = try inbox.sweep(logger: logger, now: startedAt)
        let files = scan.ready
        summary.rejected += scan.refused.count
        summary.waiting = scan.waiting.count
        summary.files = files.count
        // Reference data first, so that the Comuni of this same run already find their Ambito;
        // then the deliberations. Recognising reads only a file's head; each file is then read,
        // stored and let go, so memory stays that of a few files, not of the whole inbox.
        let recognitions = try ParallelMap.map(files) { [fileImport] file in try refusingUnsafe { try fileImport.recognise(file) } }
        let recognised = Array(zip(files, recognitions))
        let ordered = recognised.enumerated().sorted { lhs, rhs in
            let left = Self.rank(lhs.element.1), right = Self.rank(rhs.element.1)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)

        // Files leave the inbox only once the store holds them durably (see the end of the loop).
        var filing: [(file: URL, sha256: String, rejection: String?)] = []
        var referenceChanged = false
        // The next files are read on the other cores while this one is stored.
        let reader = ReadAhead(count: ordered.count) { [fileImport, store] index -> (FileImport.Outcome, PreparedImport?) in
            let outcome = try refusingUnsafe { try fileImport.run(ordered[index].0, as: ordered[index].1) }
            guard case .imported(let result, _) = outcome else { return (outcome, nil) }
            return (outcome, try store.prepare(result))
        }
        defer { reader.finish() }
        for (index, (file, _)) in ordered.enumerated() {
            progress?(index + 1, files.count, file.lastPathComponent)
            let (outcome, prepared) = try reader.take(index)
            switch outcome {
            case .unrecognised(let reason):
                logger.warning("rejected \(file.lastPathComponent): \(reason.en)")
                // An entry swapped for a FIFO or made unreadable after the sweep cannot be hashed; it still moves aside.
                filing.append((file, (try? Checksum.sha256(fileAt: file)) ?? "illeggibile", "\(reason.it)\n\(reason.en)\n"))
                summary.rejected += 1
            case .imported(let result, let target):
                // A reference file and the Ambiti it makes are one transaction: a kill between them
                // would leave the file a duplicate for the next run and the Ambiti never saved.
                let stored = FileImport.isReferenceTarget(target)
                    ? try store.record(
                        try prepared ?? store.prepare(result), subject: result.subject, receivedAt: startedAt, importedBy: importedBy,
                        updatingReference: { ReferenceBuilder.merge(existing: $0, records: result.records.map(\.record)) })
                    : try store.record(
                        try prepared ?? store.prepare(result), subject: result.subject, receivedAt: startedAt, importedBy: importedBy)
                if result.status == .rejected {
                    logger.warning("rejected \(file.lastPathComponent)")
                    let reason = ImportSummaryText.render(result, language: .it) + "\n\n" + ImportSummaryText.render(result, language: .en) + "\n"
                    filing.append((file, result.sha256, reason))
                    summary.rejected += 1
                    continue
                }
                if stored.isDuplicate {
                    logger.info("already imported: \(file.lastPathComponent)")
                    summary.duplicates += 1
                } else {
                    logger.info("imported \(file.lastPathComponent) (\(result.mapping))")
                    summary.accepted += 1
                    if FileImport.isReferenceTarget(target) { referenceChanged = true }
                }
                filing.append((file, result.sha256, nil))
            }
        }
        // One flush for every submission of the run, then the files move: a run killed before
        // they moved finds them stored already next time, and archives them as duplicates.
        try store.synchronize()
        for (file, sha256, rejection) in filing {
            let moved = if let rejection {
                try inbox.reject(file, sha256: sha256, reason: rejection)
            } else {
                try inbox.archive(file, sha256: sha256)
            }
            if moved == nil {
                logger.warning("\(file.lastPathComponent) changed while it was read: left in the inbox, the next run reads it again")
            }
        }

        // Whatever is stored from now on is for the next run to consolidate.
        let consolidationStartedAt = Date()
        let since = Self.readMark(markURL)
        var changed = Set(try store.changedAmbitoYears(since: since))
        if referenceChanged { changed.formUnion(try store.ambitoYears()) }
        // Each output is flushed once, all together, before the mark says they are complete.
        var consolidation = self.consolidation
        consolidation.synchronizesEachFile = false
        // Each Ambito-year reads the store and writes its own folder: they run on every core.
        try FileManager.default.createDirectory(at: consolidation.outputDirectory, withIntermediateDirectories: true)
        let references = changed.sorted()
        let reports = try ParallelMap.map(references) { [consolidation] in try consolidation.consolidate($0) }
        for (reference, report) in zip(references, reports) {
            guard let report else { continue }
            summary.validated.append(reference.description)
            if report.hasErrors { summary.withErrors.append(reference.description) }
            logger.info("validated \(reference): \(report.counts.errors) errors, \(report.counts.warnings) warnings")
        }
        try FileSystemSync.flush(consolidation.outputDirectory)
        Leftovers.remove(in: consolidation.outputDirectory, olderThan: startedAt)
        try AtomicFile.write(Data(String(consolidationStartedAt.timeIntervalSince1970).utf8), to: markURL)
        summary.exitCode = summary.rejected > 0 ? 2 : (summary.withErrors.isEmpty ? 0 : 1)
        return summary
    }

    private static func rank(_ recognition: FileImport.Recognition) -> Int {
        guard let target = recognition.target else { return 3 }
        if FileImport.isReferenceTarget(target) { return 0 }
        return target == FileImport.Recognition.deliberationTarget ? 1 : 2
    }

    static func readMark(_ url: URL) -> Date {
        guard let text = try? String(contentsOf: url, encoding: .utf8), let seconds = Double(text) else {
            return Date(timeIntervalSince1970: 0)
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
