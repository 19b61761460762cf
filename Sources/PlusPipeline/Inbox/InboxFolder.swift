import Foundation
import Logging
import PlusModel

/// The inbox a job reads from, with `archive/` and `rejected/` beside its files.
///
/// Only regular files are read, in the order they arrived (modification time, then name).
/// Left for a later run: hidden files, `*.part`, `*.tmp`, Office lock files (`~$…`), and a
/// file modified less than ``settle`` seconds ago or held open for writing by a process
/// (uploaders write `NAME.part` or `.NAME`, then rename). Set aside in `rejected/` with a
/// `.reason` file, never read: FIFOs, sockets, devices, folders, symlinks (moved themselves,
/// never followed), unreadable files and names that are not UTF-8. A file moved away keeps
/// its name; a name taken already gets the first characters of the file's checksum added.
///
/// ```swift
/// let inbox = InboxFolder(url: URL(fileURLWithPath: "inbox"), settle: 60)
/// for file in try inbox.sweep(logger: logger) { ... try inbox.archive(file, sha256: sha) }
/// ```
public struct InboxFolder: Sendable {
    public let url: URL
    /// Seconds a file must have been left unmodified before it is taken (0: at once).
    public var settle: TimeInterval
    /// What each entry looked like when a scan took it, so that a file changed while it was
    /// read is left in the inbox instead of being archived.
    private let taken = TakenFiles()

    public init(url: URL, settle: TimeInterval = 0) {
        // Resolved once: each entry's URL is made from it (``URL/resolvedFile(_:isDirectory:)``).
        self.url = url.absoluteURL
        self.settle = settle
    }

    public var archiveURL: URL { url.appendingPathComponent("archive", isDirectory: true) }
    public var rejectedURL: URL { url.appendingPathComponent("rejected", isDirectory: true) }

    /// One look at the inbox: the files to read now, in arrival order, and the entries that are not.
    public struct Scan: Sendable {
        public var ready: [URL] = []
        /// Entries set aside for good, with why.
        public var refused: [(name: EntryName, refusal: InboxRefusal)] = []
        /// Files left for a later run (still being written).
        public var waiting: [(name: EntryName, refusal: InboxRefusal)] = []
    }

    /// The files ready to read, in arrival order; nothing is moved.
    public func pendingFiles(now: Date = Date()) throws -> [URL] {
        try scan(now: now).ready
    }

    /// Looks at every entry of the inbox; moves nothing.
    ///
    /// Each entry is looked at on every core (``ParallelMap``), then the verdicts are put in the
    /// entries' order: an Italy-year's inbox of ten thousand sheets took two seconds of `lstat`,
    /// `open` and `close` on one thread while the others waited. Each entry is looked at as before
    /// (`look(at:in:now:settle:)`, then `opens(_:)`); the writers are asked once, between the two steps.
    public func scan(now: Date = Date()) throws -> Scan {
        try checkFolder(rejectedURL, named: "rejected")
        let names = try Self.entryNames(in: url).filter { !Self.isSkipped($0) }
        let (url, settle) = (url, settle)
        var looks = try ParallelMap.map(names) { name in Self.look(at: name, in: url, now: now, settle: settle) }
        // A file held open for writing waits: the processes are read once, if any file got this far.
        if looks.contains(where: { if case .settled = $0 { true } else { false } }) {
            let writers = OpenForWriting.names(in: url.path)
            looks = try ParallelMap.map(Array(zip(names, looks))) { name, look in
                guard case .settled = look else { return look }
                if let text = name.text, writers.contains(text) {
                    return .waiting(.stillBeingWritten(secondsAgo: nil))
                }
                return Self.opens(look)
            }
        }
        var scan = Scan()
        var candidates: [(name: EntryName, url: URL, snapshot: FileSnapshot)] = []
        for (name, look) in zip(names, looks) {
            switch look {
            case .passed: continue
            case .refused(let refusal): scan.refused.append((name, refusal))
            case .waiting(let refusal): scan.waiting.append((name, refusal))
            case .settled(let path, let snapshot), .ready(let path, let snapshot): candidates.append((name, path, snapshot))
            }
        }
        candidates.sort { ($0.snapshot.modified, $0.name) < ($1.snapshot.modified, $1.name) }
        for candidate in candidates { taken.remember(candidate.snapshot, for: candidate.url.path) }
        scan.ready = candidates.map(\.url)
        return scan
    }

    /// What a scan finds of one entry.
    private enum Look: Sendable {
        /// Not a file of the inbox's (`archive/`, `rejected/`), or gone meanwhile.
        case passed
        case refused(InboxRefusal)
        case waiting(InboxRefusal)
        /// A regular file left alone long enough: whether a process writes it and whether it
        /// opens are still to be asked.
        case settled(URL, FileSnapshot)
        /// Settled, written by no process, and it opens: to be read.
        case ready(URL, FileSnapshot)
    }

    /// The first step of an entry's look: what `lstat` tells, and how long ago it was modified.
    private static func look(at name: EntryName, in folder: URL, now: Date, settle: TimeInterval) -> Look {
        // A name with a newline or another control character would forge log lines: refused too.
        guard let text = name.text, name.isPlainText else { return .refused(.nameNotUTF8) }
        let path = folder.appendingPathComponent(text, isDirectory: false)
        guard let snapshot = FileSnapshot(path: path.path) else { return .passed }  // gone meanwhile
        if text == "archive" || text == "rejected" {
            return snapshot.kind != .directory && text == "archive" ? .refused(.reservedName) : .passed
        }
        if snapshot.kind == .symlink { return .refused(.symlink) }
        let age = now.timeIntervalSince(snapshot.modified)
        if age < settle { return .waiting(.stillBeingWritten(secondsAgo: max(0, Int(age)))) }
        guard snapshot.kind == .regularFile else { return .refused(.notRegular(snapshot.kind)) }
        return .settled(path, snapshot)
    }

    /// The last step of a settled file's look: it is opened as it will be read, never through a link.
    private static func opens(_ look: Look) -> Look {
        guard case .settled(let path, let snapshot) = look else { return look }
        do {
            close(try SafeFile.open(path))
        } catch {
            switch error.reason {
            case .missing: return .passed
            case .symlink: return .refused(.symlink)
            case .notRegular(let kind): return .refused(.notRegular(kind))
            case .unreadable(let system): return .refused(.unreadable(system))
            }
        }
        return .ready(path, snapshot)
    }

    /// Scans the inbox, sets aside in `rejected/` the entries that are never to be read, logs those
    /// that wait, removes the temporaries a killed run left, and returns the files to read now.
    public func sweep(logger: Logger, language: Language = .it, now: Date = Date()) throws -> Scan {
        let scan = try scan(now: now)
        for (name, refusal) in scan.waiting {
            logger.info("\(refusal.message(for: name)[language])")
        }
        for (name, refusal) in scan.refused {
            do {
                try setAside(name, because: refusal)
                logger.warning("\(refusal.message(for: name)[language])")
            } catch {
                logger.error("\(refusal.message(for: name)[language])\(language == .it ? "; non è stato possibile spostarlo in rejected/" : "; it could not be moved to rejected/"): \(error)")
            }
        }
        for folder in [archiveURL, rejectedURL, url] {
            for leftover in Leftovers.remove(in: folder, olderThan: now) {
                logger.notice("\(language == .it ? "rimosso \(leftover), lasciato in \(folder.lastPathComponent)/ da un'esecuzione interrotta" : "removed \(leftover), left in \(folder.lastPathComponent)/ by an interrupted run")")
            }
        }
        try FaultInjection.point("inbox.swept")
        return scan
    }

    /// Moves an entry that is never to be read to `rejected/` (a symlink itself, not what it
    /// points to), with its reason beside it.
    func setAside(_ name: EntryName, because refusal: InboxRefusal) throws {
        try FileManager.default.createDirectory(at: rejectedURL, withIntermediateDirectories: true)
        let destination = freeName(for: name.safeFileName, in: rejectedURL, tag: String(UUID().uuidString.prefix(12)).lowercased())
        let reason = refusal.message(for: name)
        try AtomicFile.write(Data("\(reason.it)\n\(reason.en)\n".utf8), to: destination.appendingPathExtension("reason"))
        try FaultInjection.point("inbox.reason")
        // The name is renamed as the bytes it is, which need not be UTF-8.
        let source = Array(url.path.utf8) + [UInt8(ascii: "/")] + name.bytes + [0]
        let renamed = source.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { rename($0, destination.path) }
        }
        guard renamed == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        try FaultInjection.point("inbox.setAside")
    }

    /// Moves an imported file to `archive/`; `nil` when the file changed since the scan took it:
    /// it stays in the inbox, to be read again by the next run.
    @discardableResult
    public func archive(_ file: URL, sha256: String) throws -> URL? {
        guard isUnchanged(file) else { return nil }
        return try move(file, to: archiveURL, sha256: sha256)
    }

    /// Moves a refused file to `rejected/` with a `.reason` file beside it, written first; `nil`
    /// when the file changed since the scan took it (see ``archive(_:sha256:)``).
    @discardableResult
    public func reject(_ file: URL, sha256: String, reason: String) throws -> URL? {
        guard isUnchanged(file) else { return nil }
        try FileManager.default.createDirectory(at: rejectedURL, withIntermediateDirectories: true)
        let destination = freeName(for: file.lastPathComponent, in: rejectedURL, tag: Self.tag(sha256: sha256))
        try AtomicFile.write(Data(reason.utf8), to: destination.appendingPathExtension("reason"))
        try FaultInjection.point("inbox.reason")
        try Self.moveByRenaming(file, to: destination)
        try FaultInjection.point("inbox.rejected")
        return destination
    }

    /// Where ``archive(_:sha256:)`` or ``reject(_:sha256:reason:)`` would put the file now: a job
    /// writes the file's receipt there before the move.
    public func destination(of file: URL, rejected: Bool, sha256: String) -> URL {
        freeName(for: file.lastPathComponent, in: rejected ? rejectedURL : archiveURL, tag: Self.tag(sha256: sha256))
    }

    /// Whether `archive/` holds a file named `name` with these bytes (``archivedCopy(of:sha256:byteCount:)``):
    /// what tells a file filed by an earlier run from one a killed run stored but never filed.
    public func hasArchived(_ name: String, sha256: String, byteCount: Int) -> Bool {
        archivedCopy(of: name, sha256: sha256, byteCount: byteCount) != nil
    }

    /// The file `archive/` holds named `name` with these bytes, under that name or under the name
    /// ``archive(_:sha256:)`` tags with the checksum when the name was taken; `nil` when there is none.
    ///
    /// ```swift
    /// inbox.archivedCopy(of: "comune-cabras-scheda-2019.csv", sha256: sha, byteCount: 214)
    /// // …/archive/comune-cabras-scheda-2019.3f2a9c1e.csv, when an earlier version had the name
    /// ```
    public func archivedCopy(of name: String, sha256: String, byteCount: Int) -> URL? {
        var candidate = archiveURL.appendingPathComponent(name, isDirectory: false)
        var counter = 1
        // Names are taken in this order and never given back, so the first free one ends the search.
        while let snapshot = FileSnapshot(path: candidate.path) {
            if snapshot.kind == .regularFile, snapshot.size == byteCount, (try? Checksum.sha256(fileAt: candidate)) == sha256 {
                return candidate
            }
            candidate = archiveURL.appendingPathComponent(Self.taggedName(name, tag: Self.tag(sha256: sha256), counter: counter), isDirectory: false)
            counter += 1
        }
        return nil
    }

    /// Whether the file is as the scan found it (same inode, size and modification time).
    private func isUnchanged(_ file: URL) -> Bool {
        guard let before = taken.snapshot(for: file.path) else { return true }
        return FileSnapshot(path: file.path) == before
    }

    private func move(_ file: URL, to folder: URL, sha256: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = freeName(for: file.lastPathComponent, in: folder, tag: Self.tag(sha256: sha256))
        try Self.moveByRenaming(file, to: destination)
        try FaultInjection.point("inbox.archived")
        return destination
    }

    /// Moves `file` to `destination`, a name ``freeName(for:in:tag:)`` found free, with `rename(2)`
    /// itself: `archive/` and `rejected/` are folders of the inbox, on its disk, and Foundation's
    /// move looked at both paths before renaming, each path made again from its URL (an Italy-year
    /// files ten thousand). A folder mounted from another disk is moved across by Foundation.
    private static func moveByRenaming(_ file: URL, to destination: URL) throws {
        if Foundation.rename(file.path, destination.path) == 0 { return }
        guard errno == EXDEV else { throw AtomicFile.failure(destination) }
        try FileManager.default.moveItem(at: file, to: destination)
    }

    /// Each name is said to be a file (`isDirectory: false`): else Foundation looks on disk whether
    /// it is a folder, a `stat` more for each name tried.
    private func freeName(for name: String, in folder: URL, tag: String) -> URL {
        let plain = folder.appendingPathComponent(name, isDirectory: false)
        guard Self.exists(plain) else { return plain }
        var candidate = folder.appendingPathComponent(Self.taggedName(name, tag: tag), isDirectory: false)
        var counter = 2
        while Self.exists(candidate) {
            candidate = folder.appendingPathComponent(Self.taggedName(name, tag: tag, counter: counter), isDirectory: false)
            counter += 1
        }
        return candidate
    }

    /// The name a file is filed under when an earlier file took its own: the tag (the first 12
    /// digits of its checksum) before the extension, and `-2`, `-3`… after the tag if even that is taken.
    ///
    /// ```swift
    /// InboxFolder.taggedName("scheda.csv", tag: "0123456789ab")   // "scheda.0123456789ab.csv"
    /// ```
    public static func taggedName(_ name: String, tag: String, counter: Int = 1) -> String {
        let stem = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        let suffix = counter > 1 ? "-\(counter)" : ""
        return "\(stem).\(tag)\(suffix)" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// The tag of a file with checksum `sha256` in ``taggedName(_:tag:counter:)``.
    public static func tag(sha256: String) -> String { String(sha256.prefix(12)) }

    /// Whether a name is free, a dangling symlink counting as taken.
    private static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    /// Names never taken: hidden, partial, temporary, Office locks, reasons.
    private static func isSkipped(_ name: EntryName) -> Bool {
        let bytes = name.bytes
        func ends(_ suffix: String) -> Bool { bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        return bytes.first == UInt8(ascii: ".") || bytes.starts(with: "~$".utf8) || ends(".part") || ends(".tmp") || ends(".reason")
    }

    /// Every name in the folder, as bytes.
    private static func entryNames(in folder: URL) throws -> [EntryName] {
        guard let directory = opendir(folder.path) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: folder.path])
        }
        defer { closedir(directory) }
        var names: [EntryName] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(EntryName(bytes: bytes))
        }
        return names
    }

    /// Stops the run, with a clear reason, when `rejected/` is taken by something that is not a folder.
    private func checkFolder(_ folder: URL, named name: String) throws {
        guard let snapshot = FileSnapshot(path: folder.path), snapshot.kind != .directory else { return }
        throw InboxError.folderUnusable(
            path: folder.path, reason: "\(name) è \(snapshot.kind.name.it), non una cartella / is a \(snapshot.kind.name.en), not a folder")
    }
}

/// What `lstat` says of an entry: enough to tell whether it changed, and what it is.
struct FileSnapshot: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Date
    var kind: SafeFileError.Kind

    init?(path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        #if canImport(Darwin)
        let time = status.st_mtimespec
        #else
        let time = status.st_mtim
        #endif
        modified = Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9)
        kind = SafeFile.kind(of: status.st_mode)
    }
}

/// The snapshots of the files a scan handed out, by path.
private final class TakenFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var snapshots: [String: FileSnapshot] = [:]

    func remember(_ snapshot: FileSnapshot, for path: String) {
        lock.withLock { snapshots[path] = snapshot }
    }

    func snapshot(for path: String) -> FileSnapshot? {
        lock.withLock { snapshots[path] }
    }
}
