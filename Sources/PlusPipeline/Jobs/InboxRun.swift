import Foundation
import Logging
import PlusCSV
import PlusModel
import PlusStore
import PlusValidation
import PlusWorkbook

/// The cron job: takes every new file in the inbox, stores it, files it away, and
/// re-validates and re-exports every Ambito-year that changed.
///
/// Safe to interrupt anywhere: each file is one store transaction, a file imported but not
/// yet moved is finished next time (filed, its receipt written as accepted), and the consolidation mark is written
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
    public var fileImport: FileImport
    public let store: any PlanStore
    public let consolidation: Consolidation
    public var logger: Logger
    /// Called with (index, count, file name) before each file: a progress display.
    public var progress: ((Int, Int, String) -> Void)?
    public var importedBy = "plus run"
    /// The Ambito this inbox belongs to: a sheet from an ente that is not a member is refused (`RUN020`).
    public var ambito: String?
    /// How much a new version of a sheet may shrink against the one it replaces, in percent,
    /// before the job warns (`RUN010`).
    public var maxShrinkPercent = 50
    /// CSV sheets of plan data from this size on stream into the store as they are read, their
    /// records never all in memory; smaller ones are read ahead on the other cores, whole. Both
    /// store the same. A file read whole takes some fifty times its size while it is stored (a
    /// 1.6 MB split of 40,000 shares, 75 MB): 1 MB, where the 8 MB from which the importer reads
    /// on every core let one dense file take 370 MB.
    public var streamingThreshold = 1 << 20
    /// The same for workbooks, whose sheets are compressed some ten times: an 8 MB .xlsx of
    /// 400,000 shares took 759 MB read whole.
    public var workbookStreamingThreshold = 128 << 10
    /// How many bytes of files read whole may be read ahead at once (``ReadAhead``'s budget; a
    /// larger file alone): sixteen files of up to 1 MB ahead would take some 800 MB.
    public var readAheadBytes = 1 << 20
    /// How many files read whole share one store commit (``PlanStore/beginGroup()``), and how
    /// many of their records at most: an Italy-year is ten thousand small files, and a commit
    /// each cost more than their rows. 1 commits each file on its own. A kill before a group's
    /// commit leaves all of its files unstored, and they are still in the inbox (files move only
    /// once the run's store is flushed), so the next run imports them; after it, it finishes them.
    public var filesPerCommit = Self.defaultFilesPerCommit
    public static let defaultFilesPerCommit = 100
    public var recordsPerCommit = 50_000

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
        // A capofila's split may name its enti (`Cabras`, `ASL 5 Oristano`): read through the
        // stored reference data as the run starts, and again once a reference file of this same
        // run is stored (``readingInbox(names:)``).
        var named = self
        let ambiti = try store.ambiti()
        named.fileImport.enteNames = EnteNames.byAmbito(ambiti)
        named.fileImport.ambito = ambito
        return try named.readingInbox(names: ReferenceNames(ambiti))
    }

    /// What the run knows by name from the reference data, for the receipts: read as it starts,
    /// and again once a reference file of the run is stored.
    struct ReferenceNames {
        /// Every ente by its name (``FileOutcome/enteName``).
        var enti: [EnteRef: String] = [:]
        /// Whether a Comune's sheet is named after another Comune (`RUN012`), and whose a sheet
        /// refused unread is by its name.
        var comuneInFileName: ComuneNamedInFile

        init(_ ambiti: [Ambito]) {
            for ambito in ambiti { enti.merge(StatusReport.memberNames(of: ambito)) { first, _ in first } }
            comuneInFileName = ComuneNamedInFile(ambiti)
        }

        /// `result` as the sheet of the Comune and year its file's name states, when it is a
        /// Comune's sheet refused whole whose rows did not say whose it was (not text, a header
        /// its mapping lacks columns of); any other result as it is.
        func attributedByName(_ result: ImportResult, target: String) -> ImportResult {
            guard result.status == .rejected, result.subject.ente == nil, target == MappingTarget.dichiarazione.rawValue,
                  let stated = comuneInFileName.subject(of: result.file), result.subject.year ?? stated.year == stated.year
            else { return result }
            var attributed = result
            attributed.subject.ente = stated.ente
            attributed.subject.year = stated.year
            return attributed
        }
    }

    private func readingInbox(names: ReferenceNames) throws -> RunSummary {
        var names = names
        var summary = RunSummary()
        let startedAt = Date()
        // The last consolidation a run finished: whatever was stored after it is an interrupted run's
        // work (or this run's), which this run finishes and consolidates.
        let since = Self.readMark(markURL)
        // Entries that are never to be read go to rejected/ now; files still being written wait.
        let scan = try inbox.sweep(logger: logger, language: consolidation.language, now: startedAt)
        let files = scan.ready
        summary.rejected += scan.refused.count
        summary.waiting = scan.waiting.count
        // Entries set aside by the sweep are files the sender sent too: each has its line.
        let refusedOutcomes = scan.refused.map { entry -> FileOutcome in
            var outcome = FileOutcome(file: entry.name.shown, sha256: "", verdict: .rejected)
            outcome.reasons = [entry.refusal.message(for: entry.name)]
            return outcome
        }
        // Every file the run took has its line: those set aside count as much as those read.
        summary.files = files.count + scan.refused.count
        // Reference data first, so that the Comuni of this same run already find their Ambito;
        // then the deliberations. Recognising reads only a file's head; each file is then read,
        // stored and let go, so memory stays that of a few files, not of the whole inbox.
        // Within a rank files keep their order of arrival: a correction sent later wins.
        let recognitions = try ParallelMap.map(files) { [fileImport] file in try refusingUnsafe { try fileImport.recognise(file) } }
        let recognised = Array(zip(files, recognitions))
        let ordered = recognised.enumerated().sorted { lhs, rhs in
            let left = Self.rank(lhs.element.1), right = Self.rank(rhs.element.1)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)

        // Files leave the inbox only once the store holds them durably (see the end of the loop).
        var filing: [Filing] = []
        var referenceChanged = false
        // The files after a reference file of this run read enti by name through what it brought
        // (a new Ambito, a renamed Comune). Those read ahead beside it had the names of the run's
        // start: one that read a name, or could not read one, is read again on this thread.
        var namesNow = fileImport
        var namesRenewed = false
        var membership = AmbitoMembershipCheck(ambito: ambito)
        // The submissions stored by this run, to the index of their file: a later version of the
        // same sheet in the same run replaces one of them.
        var storedThisRun: [Submission.ID: Int] = [:]
        let language = consolidation.language
        let receivedAt = ReceiptTime.string(startedAt)
        // The next files are read on the other cores while this one is stored.
        // A large sheet is left to the loop, which streams it into the store (`nil` here).
        let sizes = ordered.map { Self.size(of: $0.0) }
        let streamed = ordered.indices.map { index in
            fileImport.streamingMapping(for: ordered[index].0, as: ordered[index].1).flatMap { mapping -> CSVMapping? in
                // A file under both thresholds is read whole either way: its head is not opened again to tell which.
                guard sizes[index] >= min(streamingThreshold, workbookStreamingThreshold) else { return nil }
                let threshold = WorkbookFile.kind(of: ordered[index].0) == nil ? streamingThreshold : workbookStreamingThreshold
                return sizes[index] >= threshold ? mapping : nil
            }
        }
        // Sixty-four files ahead, not sixteen: an Italy-year's ten thousand sheets of some 11 KB
        // each kept the storing thread waiting for the next one a third of the time (the
        // import 1–1.5 s faster, the peak 3 MB larger); the byte budget still bounds memory.
        let reader = ReadAhead(
            count: ordered.count, ahead: 64, weight: { streamed[$0] == nil ? sizes[$0] : 0 }, budget: readAheadBytes
        ) { [fileImport, store] index -> (FileImport.Outcome, PreparedImport?)? in
            guard streamed[index] == nil else { return nil }
            let outcome = try refusingUnsafe { try fileImport.run(ordered[index].0, as: ordered[index].1) }
            guard case .imported(let result, _) = outcome else { return (outcome, nil) }
            return (outcome, try store.prepare(result))
        }
        defer { reader.finish() }
        // A run stopped by an error leaves its open group uncommitted, as a kill would.
        defer { store.rollbackGroup() }
        var group = CommitGroup(files: filesPerCommit, records: recordsPerCommit)
        // What each file read leaves once stored is freed on another thread, not the storing one.
        var disposal = Disposal<(FileImport.Outcome, PreparedImport?)>()
        defer { disposal.finish() }
        for (index, (file, _)) in ordered.enumerated() {
            progress?(index + 1, files.count, file.lastPathComponent)
            let outcome: FileImport.Outcome, prepared: PreparedImport?
            // What streaming already did: the submission stored, or why the file is refused.
            var streaming: Streamed?
            if var read = try reader.take(index) {
                if namesRenewed, case .imported(let result, _) = read.0,
                   result.diagnostics.contains(where: { CSVImporter.codesOfEntiReadByName.contains($0.code) })
                {
                    let again = try refusingUnsafe { try namesNow.run(file, as: ordered[index].1) }
                    read = if case .imported(let result, _) = again { (again, try store.prepare(result)) } else { (again, nil) }
                }
                (outcome, prepared) = read
                let records = if case .imported(let result, _) = outcome { result.records.count } else { 0 }
                try group.join(records: records, in: store)
            } else {
                // A streamed file is its own transaction.
                try group.commit(in: store)
                let done = try stream(file, mapping: streamed[index]!, with: namesNow, membership: &membership, receivedAt: startedAt)
                (outcome, prepared, streaming) = (done.outcome, nil, done.streamed)
            }
            defer { disposal.drop((outcome, prepared)) }
            let name = file.lastPathComponent
            switch outcome {
            case .unrecognised(let reason, let diagnostic, let named):
                log(.warning, it: "«\(name)» rifiutato: \(reason.it)", en: "rejected \(name): \(reason.en)")
                // An entry swapped for a FIFO or made unreadable after the sweep cannot be hashed; it still moves aside.
                let sha256 = try? Checksum.sha256(fileAt: file)
                var unrecognised = FileOutcome(file: name, sha256: sha256 ?? "illeggibile", verdict: .unrecognised)
                unrecognised.receivedAt = receivedAt
                unrecognised.reasons = [reason]
                // A Comune's sheet no mapping reads is still that Comune's, by its name: recorded as
                // refused, its status and page say it came, and that the sheet before it still stands.
                if let diagnostic, let named, let sha256, let stated = names.comuneInFileName.subject(of: name) {
                    let refused = ImportResult(
                        file: name, sha256: sha256, byteCount: Self.size(of: file), mapping: named.name, mappingVersion: named.version,
                        status: .rejected, subject: SubmissionSubject(ente: stated.ente, year: stated.year),
                        diagnostics: [diagnostic], details: [SupersedeKey.targetDetail: named.target.rawValue])
                    if named.target == .dichiarazione,
                       try membership.refusal(of: refused, target: named.target.rawValue, store: store) == nil
                    {
                        let stored = try finishing(
                            try store.record(try store.prepare(refused), subject: refused.subject, receivedAt: startedAt, importedBy: importedBy),
                            of: file, storedAfter: since)
                        unrecognised.submission = stored.submission.id
                        unrecognised.mapping = named.name
                        unrecognised.ente = stored.submission.subject.ente?.description
                        unrecognised.enteName = stored.submission.subject.ente.flatMap { names.enti[$0] }
                        unrecognised.year = stored.submission.subject.year
                        unrecognised.enteFromFileName = true
                    }
                }
                filing.append(Filing(file: file, outcome: unrecognised, rejection: "\(reason.it)\n\(reason.en)\n"))
                summary.rejected += 1
            case .imported(let read, let target):
                // A sheet refused whole whose rows did not say whose it was: the Comune's its name says.
                let result = names.attributedByName(read, target: target)
                // Prepared on the reading thread for the subject its rows gave.
                let preparedAsRead = result.subject == read.subject ? prepared : nil
                var current = FileOutcome(file: name, sha256: result.sha256, mapping: result.mapping, verdict: .accepted)
                current.rowsRead = result.rowsRead
                current.rowsAccepted = result.rowsAccepted
                current.rowsRejected = result.rowsRejected
                current.receivedAt = receivedAt
                current.reasons = FileOutcome.firstReasons(result.diagnostics)
                let headerLine = result.details["header_line"].flatMap { Int($0) }
                if let refusal = try streaming.map(\.refusal) ?? membership.refusal(of: result, target: target, store: store) {
                    log(.warning, it: "«\(name)» rifiutato: \(refusal.it)", en: "rejected \(name): \(refusal.en)")
                    current.verdict = .rejected
                    current.reasons = [refusal] + current.reasons.prefix(FileOutcome.reasonsShown - 1)
                    current.ente = result.subject.ente?.description
                    current.enteName = result.subject.ente.flatMap { names.enti[$0] }
                    current.year = result.subject.year
                    if result.subject != read.subject { current.enteFromFileName = true }
                    filing.append(Filing(file: file, outcome: current, rejection: "\(refusal.it)\n\(refusal.en)\n"))
                    summary.rejected += 1
                    continue
                }
                // Which Ambiti a reference file changes, told before it is applied (IST011).
                let preview = FileImport.isReferenceTarget(target) && result.status != .rejected
                    ? try ReferencePreview(result, store: store) : nil
                // A reference file and the Ambiti it makes are one transaction: a kill between them
                // would leave the file a duplicate for the next run and the Ambiti never saved.
                let recorded = if let kept = streaming?.stored { kept } else if FileImport.isReferenceTarget(target) {
                    try store.record(
                        try preparedAsRead ?? store.prepare(result), subject: result.subject, receivedAt: startedAt, importedBy: importedBy,
                        updatingReference: { ReferenceBuilder.merge(existing: $0, records: result.records.map(\.record)) })
                } else {
                    try store.record(
                        try preparedAsRead ?? store.prepare(result), subject: result.subject, receivedAt: startedAt, importedBy: importedBy)
                }
                // The same file stored by a run killed before filing it is that run's work to finish, not a duplicate.
                let stored = try finishing(recorded, of: file, storedAfter: since)
                // Received when that run started, as its receipt would have said.
                if recorded.isDuplicate, !stored.isDuplicate { current.receivedAt = ReceiptTime.string(stored.submission.receivedAt) }
                let submission = stored.submission
                // An Ambito's export says whether its Ufficio di Piano closed the plan; said again on a duplicate, since a run killed here finds one.
                if target == ExportSubmission.target, result.status == .accepted, let ambito = submission.subject.ambito, let year = submission.subject.year {
                    try store.setClosed(ambito: ambito, year: year, closed: result.details[ExportSubmission.planClosed] == "true")
                }
                current.submission = submission.id
                current.ente = submission.subject.ente?.description
                current.enteName = submission.subject.ente.flatMap { names.enti[$0] }
                current.year = submission.subject.year
                if result.subject != read.subject { current.enteFromFileName = true }
                if result.status == .rejected {
                    log(.warning, it: "«\(name)» rifiutato: \(current.reasons.map(\.it).joined(separator: " | "))",
                        en: "rejected \(name): \(current.reasons.map(\.en).joined(separator: " | "))")
                    let reason = ImportSummaryText.render(result, language: .it) + "\n\n" + ImportSummaryText.render(result, language: .en) + "\n"
                    current.verdict = .rejected
                    filing.append(Filing(file: file, outcome: current, rejection: reason, headerLine: headerLine))
                    summary.rejected += 1
                    continue
                }
                if stored.isDuplicate {
                    log(.info, it: "«\(name)» già importato", en: "already imported: \(name)")
                    current.verdict = .duplicate
                    current.rowsRead = submission.rowsRead
                    current.rowsAccepted = submission.rowsAccepted
                    current.rowsRejected = submission.rowsRejected
                    current.receivedAt = ReceiptTime.string(submission.receivedAt)
                    summary.duplicates += 1
                } else {
                    // A Comune's code of another period, read by the store as today's (IST001-IST003): said here too.
                    current.warnings += try store.diagnostics(submission: submission.id, codesStartingWith: "IST")
                        .map { FileOutcome.Notice(code: $0.code, message: $0.message) }
                    current.verdict = submission.rowsRejected > 0 ? .acceptedWithRejections : .accepted
                    if let notice = preview?.notice { current.warnings.append(notice) }
                    if let notice = names.comuneInFileName.notice(file: name, ente: submission.subject.ente) { current.warnings.append(notice) }
                    summary.accepted += 1
                    summary.rowsRejected += submission.rowsRejected
                    for id in stored.superseded {
                        guard let older = try store.submission(id: id) else { continue }
                        current.supersedes.append(FileOutcome.Replaced(
                            submission: id, file: older.file, receivedAt: ReceiptTime.string(older.receivedAt)))
                        // Only a version that was part of the plan can have lost anything.
                        if older.rowsAccepted > 0 || older.recordCount > 0 {
                            let previous = try store.records(submission: id).map(\.record)
                            // A streamed file's records are read back: only when it replaces a version with rows.
                            let records = streaming == nil ? result.records : try store.records(submission: submission.id)
                            if let loss = VersionComparison(
                                previous: previous, current: records.map(\.record), maxShrinkPercent: maxShrinkPercent
                            ).notice(previousFile: older.file) {
                                current.warnings.append(loss)
                            }
                            // A newer list of Comuni says what changed (IST010).
                            if target == MappingTarget.comuni.rawValue,
                               let changes = IstatListChanges(previous: previous, current: result.records.map(\.record)).notice(previousFile: older.file)
                            {
                                current.warnings.append(changes)
                            }
                        }
                        if let earlier = storedThisRun[id], filing[earlier].outcome.verdict != .rejected {
                            let notice = Self.twoVersions(first: filing[earlier].outcome.file, later: name)
                            filing[earlier].outcome.verdict = .superseded
                            filing[earlier].outcome.warnings.append(notice)
                            current.warnings.append(notice)
                        }
                    }
                    if submission.rowsRejected > 0 {
                        log(.warning,
                            it: "importato «\(name)» (\(result.mapping)): \(Language.it.counted(submission.rowsRejected, it: ("riga scartata", "righe scartate"), en: ("", ""))) su \(submission.rowsRead): \(current.reasons.map(\.it).joined(separator: " | "))",
                            en: "imported \(name) (\(result.mapping)): \(submission.rowsRejected) of \(submission.rowsRead) rows rejected: \(current.reasons.map(\.en).joined(separator: " | "))")
                    } else if !current.reasons.isEmpty {
                        // Every row taken, but something was read otherwise than written (title or totals rows passed
                        // over, numbers rounded as shown, codes padded): said where the cron's reader looks, too.
                        log(.warning,
                            it: "importato «\(name)» (\(result.mapping)), con avvisi: \(current.reasons.map(\.it).joined(separator: " | "))",
                            en: "imported \(name) (\(result.mapping)), with warnings: \(current.reasons.map(\.en).joined(separator: " | "))")
                    } else {
                        log(.info, it: "importato «\(name)» (\(result.mapping))", en: "imported \(name) (\(result.mapping))")
                    }
                    for notice in current.warnings {
                        logger.warning("\(name): \(notice.code) \(notice.message[language])")
                    }
                    storedThisRun[submission.id] = filing.count
                    if FileImport.isReferenceTarget(target) {
                        referenceChanged = true
                        membership.forget()
                        let ambiti = try store.ambiti()
                        namesNow.enteNames = EnteNames.byAmbito(ambiti)
                        names = ReferenceNames(ambiti)
                        namesRenewed = true
                    }
                }
                filing.append(Filing(file: file, outcome: current, rejection: nil, headerLine: headerLine))
            }
        }
        // One flush for every submission of the run, then the receipts, then the files move: a
        // run killed before they moved finds them stored already next time, but not archived: it
        // finishes them, archiving them and writing their receipts again as this run would have.
        try group.commit(in: store)
        try store.synchronize()
        var destinations: [URL] = []
        for index in filing.indices {
            let entry = filing[index]
            let destination = inbox.destination(of: entry.file, rejected: entry.rejection != nil, sha256: entry.outcome.sha256)
            filing[index].outcome.filedAs = (entry.rejection != nil ? "rejected/" : "archive/") + destination.lastPathComponent
            destinations.append(destination)
        }
        let filer = Filer(inbox: inbox, store: store, logger: logger, language: language)
        // The files are filed while the Ambito-years are consolidated: filing is mostly the
        // kernel's and the disk's work (an Italy-year's 20,000 receipts and 10,000 moves into one
        // folder, a flush between), and kept both cores waiting. Only an archived file's name is
        // seen by the consolidation, in the reports' links, which find a file archived under
        // another name than its own (its checksum's tag) by looking for it: those few are filed first.
        let renamed = filing.indices.filter { filing[$0].rejection == nil && destinations[$0].lastPathComponent != filing[$0].file.lastPathComponent }
        for index in try filer.file(renamed.map { (filing[$0], destinations[$0]) }) { filing[renamed[index]].outcome.filedAs = nil }
        let renamedIndices = Set(renamed)
        let others = filing.indices.filter { !renamedIndices.contains($0) }

        // Whatever is stored from now on is for the next run to consolidate.
        let consolidationStartedAt = Date()
        // A reference file validates again only the Ambiti whose members or populations it changed.
        let changed = Set(try store.changedAmbitoYears(since: since))
        if referenceChanged {
            summary.referenceChanged = try store.referenceChangedAmbitoYears(since: since).map(\.description)
            let changed = summary.referenceChanged.joined(separator: ", ")
            log(.notice, it: "dati di riferimento cambiati: \(changed.isEmpty ? "nessun Ambito-anno da validare di nuovo" : changed)",
                en: "reference data changed: \(changed.isEmpty ? "no Ambito-year to validate again" : changed)")
        }
        // Each output is flushed once, all together, before the mark says they are complete.
        var consolidation = self.consolidation
        consolidation.synchronizesEachFile = false
        // Each Ambito-year reads the store and writes its own folder: they run on every core.
        try FileManager.default.createDirectory(at: consolidation.outputDirectory, withIntermediateDirectories: true)
        let references = changed.sorted()
        // Beside a consolidation the receipts are written on one thread; with nothing to consolidate, on every core.
        let otherEntries = others.map { (filing[$0], destinations[$0]) }
        let filed = Alongside(named: "plus-filing") { [filer] in
            try filer.file(otherEntries, workers: references.isEmpty ? ProcessInfo.processInfo.activeProcessorCount : 1)
        }
        // Of each report only what the summary tells is kept until every Ambito-year is done: an
        // Italy-year's 601 reports, their findings and the names of their enti, were all held to the end.
        // Until the filing is waited for, an error is kept, not thrown: no thread is left behind.
        let consolidated = Result {
            try ParallelMap.map(references) { [consolidation] in
                try consolidation.consolidate($0).map { report in
                    (counts: report.counts, hasErrors: report.hasErrors, toTell: Self.toldToSenders(report))
                }
            }
        }
        // Filing's error first: before, it stopped the run ahead of the consolidation.
        for index in try filed.value() { filing[others[index]].outcome.filedAs = nil }
        summary.perFile = refusedOutcomes + filing.map(\.outcome)
        summary.warnings = summary.perFile.reduce(0) { $0 + $1.warnings.count }
        let outcomes = try consolidated.get()
        // What each file of the run is to be told, once: a deliberation's amount out of range is
        // in every Ambito-year's report.
        var toTell: [FileYear: Told] = [:]
        for (reference, outcome) in zip(references, outcomes) {
            guard let (counts, hasErrors, findings) = outcome else { continue }
            summary.validated.append(reference.description)
            if hasErrors { summary.withErrors.append(reference.description) }
            log(.info, it: "validato \(reference): \(Language.it.counted(counts.errors, it: ("errore", "errori"), en: ("", ""))), \(Language.it.counted(counts.warnings, it: ("avviso", "avvisi"), en: ("", "")))",
                en: "validated \(reference): \(counts.errors) errors, \(counts.warnings) warnings")
            // Under the name the file was sent by: a workbook's findings name its sheet.
            for finding in findings {
                for name in finding.diagnostic.location.sentFileNames {
                    toTell[FileYear(file: name, year: reference.year), default: Told()].add(finding)
                }
            }
        }
        if !toTell.isEmpty, try tellSenders(toTell, in: &filing, since: since) {
            try FileSystemSync.flush(inbox.archiveURL)
            summary.perFile = refusedOutcomes + filing.map(\.outcome)
            summary.warnings = summary.perFile.reduce(0) { $0 + $1.warnings.count }
        }
        // The observer (the HTML reports) saw each Ambito-year on its worker; now the whole run.
        try consolidation.observer?.finished(references)
        try FileSystemSync.flush(consolidation.outputDirectory)
        Leftovers.remove(in: consolidation.outputDirectory, olderThan: startedAt)
        try AtomicFile.write(Data(String(consolidationStartedAt.timeIntervalSince1970).utf8), to: markURL)
        summary.exitCode = summary.computedExitCode
        return summary
    }

    /// The findings whose file's sender is told in its receipt, written again: the file that brought
    /// the most rows to an Ambito-year too large to consolidate (`R003`), and each amount beyond any
    /// plan (`R404`). The file was accepted, yet its year is not exported.
    static func toldToSenders(_ report: ValidationReport) -> [Finding] {
        report.findings.filter { $0.code == AmbitoYearWithinRowLimit.code || $0.code == Problem.amountOutOfRange.code }
    }

    /// A file as a finding names it, in one year.
    struct FileYear: Hashable {
        var file: String
        var year: Int
    }

    /// What one file's receipt is told: the first ``listed`` notices, each once, and how many more.
    struct Told {
        /// A sheet of thousands of absurd amounts is told the first ones and the count, not all.
        static let listed = 10
        private(set) var notices: [FileOutcome.Notice] = []
        private var seen: Set<String> = []
        private(set) var more = 0

        mutating func add(_ finding: Finding) {
            // Each once: a deliberation's finding comes in every Ambito-year's report.
            guard seen.insert(finding.code + " " + finding.diagnostic.message.it).inserted else { return }
            if notices.count < Self.listed {
                notices.append(FileOutcome.Notice(code: finding.code, message: finding.diagnostic.message))
            } else {
                more += 1
            }
        }

        /// The notices, then one counting those not listed.
        var all: [FileOutcome.Notice] {
            guard more > 0, let code = notices.last?.code else { return notices }
            return notices + [FileOutcome.Notice(code: code, message: LocalizedText(
                it: "E altri \(more) rilievi come questi, non elencati qui: plus validate li elenca tutti.",
                en: "And \(more) more findings like these, not listed here: plus validate lists them all."))]
        }
    }

    /// Tells the sender of each file that a finding names (``toldToSenders(_:)``) in the file's
    /// receipt, written again in `archive/`: its file was accepted, yet its year is not exported.
    /// Whether a receipt was written again.
    ///
    /// The files of this run, and those an interrupted run filed before it could tell their senders
    /// (stored after `since`, the last finished consolidation: the next run validates their years
    /// again and tells them here). A file received by a run that finished has its receipt already;
    /// the report, the summary and the exit code say it on every run.
    private func tellSenders(_ notices: [FileYear: Told], in filing: inout [Filing], since: Date) throws -> Bool {
        var told = false
        var reached = Set<FileYear>()
        for index in filing.indices where filing[index].rejection == nil
            && [.accepted, .acceptedWithRejections].contains(filing[index].outcome.verdict)
        {
            guard let year = filing[index].outcome.year, let filedAs = filing[index].outcome.filedAs,
                  let notices = notices[FileYear(file: filing[index].outcome.file, year: year)]?.all else { continue }
            reached.insert(FileYear(file: filing[index].outcome.file, year: year))
            told = try tell(notices, in: &filing[index].outcome, beside: inbox.url.appendingPathComponent(filedAs)) || told
        }
        var stored: [Int: [Submission]] = [:]
        for (key, notices) in notices where !reached.contains(key) {
            do {
                if stored[key.year] == nil { stored[key.year] = try store.submissions(ambito: nil, year: key.year, includeHistory: false) }
                for submission in stored[key.year] ?? [] where submission.file == key.file && submission.receivedAt > since {
                    guard let archived = inbox.archivedCopy(of: submission.file, sha256: submission.sha256, byteCount: submission.byteCount) else { continue }
                    var outcome = try JSONDecoder().decode(FileOutcome.self, from: Data(contentsOf: Receipt.urls(beside: archived).json))
                    guard [.accepted, .acceptedWithRejections].contains(outcome.verdict) else { continue }
                    log(.notice, it: "«\(submission.file)» era stato archiviato da un'esecuzione interrotta prima della validazione: la sua ricevuta dice ora che cosa ha trovato",
                        en: "\(submission.file) was filed by an interrupted run before the validation: its receipt now says what it found")
                    told = try tell(notices.all, in: &outcome, beside: archived) || told
                }
            } catch where !(error is any InjectedFault) {
                log(.error, it: "impossibile riscrivere la ricevuta di «\(key.file)»: \(error)", en: "cannot write the receipt of \(key.file) again: \(error)")
            }
        }
        return told
    }

    /// Writes the receipt beside `destination` again with `notices` told (those told by an
    /// interrupted run replaced, not repeated); whether it was written. Its scarti stay as they are.
    private func tell(_ notices: [FileOutcome.Notice], in outcome: inout FileOutcome, beside destination: URL) throws -> Bool {
        let codes = Set(notices.map(\.code))
        outcome.warnings.removeAll { codes.contains($0.code) }
        for notice in notices {
            outcome.warnings.append(notice)
            logger.warning("\(outcome.file): \(notice.code) \(notice.message[consolidation.language])")
        }
        do {
            let rows = if let submission = outcome.submission, outcome.rowsRejected > 0 { try store.rejectedRows(submission: submission) } else { [RejectedRow]() }
            try Receipt(outcome: outcome, rejectedRows: rows).write(beside: destination, rejectedRowsSheet: false)
            return true
        } catch where !(error is any InjectedFault) {
            // As when it was filed: a receipt that cannot be written must not stop every later run.
            // The run's report, summary and exit code still say it.
            log(.error, it: "impossibile riscrivere la ricevuta di «\(outcome.file)»: \(error)",
                en: "cannot write the receipt of \(outcome.file) again: \(error)")
            return false
        }
    }

    /// What streaming a file did: the submission it stored, or the refusal that stored nothing.
    struct Streamed {
        var stored: SubmissionOutcome?
        var refusal: LocalizedText?
    }

    /// Thrown out of the store's transaction to roll back a file refused by the membership check.
    private struct Refused: Error {}

    /// Streams a CSV sheet into the store as it is read. The membership check (`RUN020`) needs
    /// the whole file, so it runs at the end, inside the transaction: a refused file is rolled back.
    private func stream(
        _ file: URL, mapping: CSVMapping, with fileImport: FileImport, membership: inout AmbitoMembershipCheck, receivedAt: Date
    ) throws -> (outcome: FileImport.Outcome, streamed: Streamed?) {
        // Read before the transaction: the store cannot be read from inside its own write.
        try membership.loadReference(from: store)
        var told: ImportResult?
        var refusal: LocalizedText?
        do {
            // Only an inbox of one Ambito asks who declares (RUN020): no hash of each row's ente otherwise.
            let asksWhoDeclares = membership.ambito != nil
            func read(into sink: any SubmissionSink) throws -> ImportResult {
                var seen = Set<EnteRef>()
                var declaring: [EnteRef] = []
                let result = try fileImport.stream(
                    file, mapping: mapping, onYear: sink.fixYear,
                    onRecord: { imported in
                        if asksWhoDeclares, case .declaration(let declaration) = imported.record, seen.insert(declaration.ente).inserted {
                            declaring.append(declaration.ente)
                        }
                        try sink.append(imported)
                    },
                    onRejected: sink.reject)
                told = result
                refusal = try membership.refusal(of: result, declaring: declaring, target: mapping.target.rawValue, store: store)
                if refusal != nil { throw Refused() }
                return result
            }
            // The same bytes already stored are found without streaming them in again (a run killed
            // after their commit, or a file sent twice): as a duplicate, which `finishing` then tells apart.
            if let existing = try store.storedCopy(
                byteCount: Self.size(of: file), mapping: mapping.name, checksum: { try Checksum.sha256(fileAt: file) }, subject: nil,
                reading: read(into:))
            {
                return (.imported(told!, target: mapping.target.rawValue), Streamed(stored: .duplicate(existing: existing)))
            }
            let stored = try store.recordStreaming(subject: nil, receivedAt: receivedAt, importedBy: importedBy, reading: read(into:))
            return (.imported(told!, target: mapping.target.rawValue), Streamed(stored: stored))
        } catch is Refused {
            return (.imported(told!, target: mapping.target.rawValue), Streamed(refusal: refusal))
        } catch let error as SafeFileError {
            return (.refused(error.message), nil)
        }
    }

    /// The size of a file, 0 when it cannot be told (the import then says why). `lstat`'s, as
    /// `FileManager`'s attributes tell it, without the owner's and group's names they look up
    /// (some 47,000 instructions a file, on the thread that stores, before it stores any).
    private static func size(of file: URL) -> Int {
        FileSnapshot(path: file.path).map { Int($0.size) } ?? 0
    }

    /// One file on its way out of the inbox: what became of it, and why it is refused if it is.
    struct Filing {
        var file: URL
        var outcome: FileOutcome
        /// The `.reason` text of a refused file; `nil` for a file to archive.
        var rejection: String?
        /// The line of the sheet's header, when it is a CSV sheet with one.
        var headerLine: Int? = nil
    }

    /// The receipt of one file, with its rejected rows as the store keeps them.
    static func receipt(for entry: Filing, store: any PlanStore) throws -> Receipt {
        var rows: [RejectedRow] = []
        if let submission = entry.outcome.submission, entry.outcome.rowsRejected > 0 {
            rows = try store.rejectedRows(submission: submission)
        }
        // The column letters need the header; a title row above it is not read again here.
        let header = entry.headerLine == 1 && !rows.isEmpty ? (try? MappingMatcher.header(of: entry.file)) ?? [] : []
        return Receipt(outcome: entry.outcome, rejectedRows: rows, header: header)
    }

    /// `RUN011`: two versions of one sheet came in the same run; the later one is current.
    static func twoVersions(first: String, later: String) -> FileOutcome.Notice {
        FileOutcome.Notice(code: "RUN011", message: LocalizedText(
            it: "due versioni della stessa scheda nella stessa esecuzione: «\(first)» e poi «\(later)», arrivata dopo; vale «\(later)»",
            en: "two versions of the same sheet in one run: “\(first)” and then “\(later)”, which arrived later; “\(later)” is current"))
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

extension InboxRun {
    /// Logs a line in the run's language: the log is where the person running the nightly job
    /// looks, and reads it as every other message of `plus`.
    func log(_ level: Logger.Level, it: @autoclosure () -> String, en: @autoclosure () -> String) {
        Self.log(logger, in: consolidation.language, level, it: it(), en: en())
    }

    /// The same for work that has the run's logger and language but not the run.
    static func log(_ logger: Logger, in language: Language, _ level: Logger.Level, it: @autoclosure () -> String, en: @autoclosure () -> String) {
        guard logger.logLevel <= level else { return }
        logger.log(level: level, "\(language == .it ? it() : en())")
    }
}
