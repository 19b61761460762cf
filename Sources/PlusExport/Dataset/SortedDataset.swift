import Foundation
import PlusModel

/// A dataset's rows sorted by primary key in bounded memory, for an Ambito-year of any size.
///
/// Rows are added in any order. Up to ``rowsPerRun`` of them wait in memory; beyond that they
/// are sorted and written out as a run to a temporary file, unlinked as soon as it is opened
/// (nothing is left behind, whatever stops the process). A cursor merges the runs and the rows
/// still in memory; equal keys keep the order they were added in, as a stable sort of the whole
/// would. A dataset that never fills a run (every real Ambito-year) never touches the disk.
/// When the last ``runsMergedAtOnce`` runs on disk are of one size they are merged into one of the
/// next size up, so that a cursor reads a few tens of runs at once, each through a buffer of its
/// own, whatever the dataset's size (a row is rewritten once per size up: twice at a million rows).
///
/// ```swift
/// let servizi = SortedDataset(DatasetCatalog.servizi)
/// for row in rows { try servizi.append(row) }
/// try servizi.forEachRow { print($0) }   // by (anno, ambito, servizio)
/// ```
public final class SortedDataset: ExportTable, @unchecked Sendable {
    // Unchecked: rows are only added before the dataset is handed on (``DatasetBuilder``); from
    // then on it is only read, each cursor with its own buffers and positional reads.

    /// The definition: name, columns and keys (its rows are not used).
    public let definition: ExportDataset
    /// How many rows wait in memory before they are written out as a sorted run.
    public let rowsPerRun: Int
    public private(set) var rowCount = 0
    /// The most rows held in memory at once, for tests of the bound.
    private(set) var mostRowsHeld = 0
    /// How many runs a cursor merges: the runs on disk and the rows in memory.
    var runCount: Int { runs.count + 1 }

    /// How many runs of one size are merged into one of the next size.
    static let runsMergedAtOnce = 64

    private let keyPositions: [Int]
    private let directory: URL
    private var pending: [[ExportCell]] = []
    private var isPendingSorted = true
    private var runFile: RunFile?
    private var runs: [Range<Int>] = []
    /// Each run's size: 0 for a run of ``rowsPerRun`` rows, 1 for a merge of such runs, and so on.
    private var levels: [Int] = []

    public var name: String { definition.name }
    public var title: LocalizedText { definition.title }
    public var columns: [ExportColumn] { definition.columns }
    public var primaryKey: [String] { definition.primaryKey }
    public var foreignKeys: [ExportForeignKey] { definition.foreignKeys }

    /// The rows a run holds by default: a run of `servizi` is then a few megabytes in memory.
    public static let defaultRowsPerRun = 16_384

    /// An empty dataset of `definition`'s columns and keys; runs go to a file in `directory`.
    public init(_ definition: ExportDataset, rowsPerRun: Int = defaultRowsPerRun, directory: URL? = nil) {
        var definition = definition
        definition.rows = []
        self.definition = definition
        self.rowsPerRun = max(rowsPerRun, 1)
        self.directory = directory ?? FileManager.default.temporaryDirectory
        keyPositions = definition.indices(of: definition.primaryKey)
    }

    public func append(_ row: [ExportCell]) throws {
        if isPendingSorted, let last = pending.last, ExportCell.ordering(last, row, at: keyPositions) > 0 {
            isPendingSorted = false
        }
        pending.append(row)
        rowCount += 1
        mostRowsHeld = max(mostRowsHeld, pending.count)
        if pending.count >= rowsPerRun { try spill() }
    }

    /// Sorts the rows in memory and writes them out as one run.
    private func spill() throws {
        finish()
        if runFile == nil { runFile = try RunFile(in: directory, for: name) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pending.count * 64)
        for row in pending { RowCoding.append(row, to: &bytes) }
        runs.append(try runFile!.append(bytes))
        levels.append(0)
        pending.removeAll(keepingCapacity: true)
        isPendingSorted = true
        while runs.count >= Self.runsMergedAtOnce, Set(levels.suffix(Self.runsMergedAtOnce)).count == 1 {
            try mergeLastRuns()
        }
    }

    /// Merges the last runs into one in their place, written after them: ties keep their order.
    private func mergeLastRuns() throws {
        let file = runFile!
        let merged = runs.count - Self.runsMergedAtOnce
        let merge = try RunMerge(
            readers: runs[merged...].map { RunReader(file: file, range: $0) }, pending: [], keyPositions: keyPositions)
        let start = file.end
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 20)
        while let row = try merge.next() {
            RowCoding.append(row, to: &bytes)
            if bytes.count >= 1 << 20 {
                _ = try file.append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        _ = try file.append(bytes)
        runs[merged...] = [start..<file.end]
        levels[merged...] = [levels[merged] + 1]
    }

    /// Sorts the rows still in memory: done once the last row is added, before any cursor is made.
    func finish() {
        guard !isPendingSorted else { return }
        let positions = keyPositions
        if let order = RowSortKeys.order(of: pending, at: positions) {
            pending = order.map { pending[$0] }
        } else {
            pending.sort { ExportCell.ordering($0, $1, at: positions) < 0 }
        }
        isPendingSorted = true
    }

    public func makeRowCursor() throws -> RowCursor {
        finish()
        guard let runFile, !runs.isEmpty else { return RowCursor(pending) }
        let merge = try RunMerge(
            readers: runs.map { RunReader(file: runFile, range: $0) }, pending: pending, keyPositions: keyPositions)
        return RowCursor { try merge.next() }
    }
}

/// The unlinked temporary file a ``SortedDataset`` writes its runs to, one after the other.
final class RunFile: @unchecked Sendable {
    // Unchecked: appended to by its dataset alone before any read; reads are positional.
    let descriptor: Int32
    /// Where the file was made, for the messages: unlinked at once, it names the folder whose
    /// disk is full and the dataset being sorted.
    let path: String
    private(set) var end = 0

    init(in directory: URL, for name: String) throws {
        let path = directory.appendingPathComponent(".plus-\(name)-runs-\(Leftovers.uniqueTag())", isDirectory: false).path
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ExportError.systemCall(path: path) }
        unlink(path)
    }

    deinit { close(descriptor) }

    /// Writes `bytes` at the end and returns where they are.
    func append(_ bytes: [UInt8]) throws -> Range<Int> {
        let start = end
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(start + offset))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ExportError.systemCall(path: path)
                }
                offset += written
            }
        }
        end += bytes.count
        return start..<end
    }
}

/// One run read back a buffer at a time.
struct RunReader {
    let file: RunFile
    var range: Range<Int>
    private var buffer: [UInt8] = []
    private var position = 0

    init(file: RunFile, range: Range<Int>) {
        self.file = file
        self.range = range
    }

    private static let bufferSize = 1 << 15

    mutating func next() throws -> [ExportCell]? {
        while true {
            let row = buffer.withUnsafeBytes { RowCoding.row(in: $0, at: &position) }
            if let row { return row }
            if range.isEmpty {
                if position == buffer.count { return nil }
                throw ExportError(.exportCannotWrite, path: file.path, found: "a sorted run ends inside a row")
            }
            try refill()
        }
    }

    /// Keeps the bytes not yet decoded and reads more after them, growing for a row longer than the buffer.
    private mutating func refill() throws {
        buffer.removeSubrange(0..<position)
        position = 0
        let wanted = max(Self.bufferSize, buffer.count * 2) - buffer.count
        let count = min(wanted, range.count)
        let start = buffer.count
        buffer += repeatElement(0, count: count)
        var read = 0
        while read < count {
            let result = buffer.withUnsafeMutableBytes { bytes in
                pread(file.descriptor, bytes.baseAddress! + start + read, count - read, off_t(range.lowerBound + read))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ExportError.systemCall(path: file.path)
            }
            if result == 0 { throw ExportError(.exportCannotWrite, path: file.path, found: "a sorted run is shorter than written") }
            read += result
        }
        range = range.lowerBound + count..<range.upperBound
    }
}

/// The k-way merge of sorted runs and the rows still in memory, by key, ties to the earlier run.
private final class RunMerge {
    private var readers: [RunReader]
    private let pending: [[ExportCell]]
    private var pendingIndex = 0
    private let keyPositions: [Int]
    /// A binary min-heap of each source's next row and the source's index (the pending rows last).
    private var heap: [(row: [ExportCell], source: Int)] = []

    init(readers: [RunReader], pending: [[ExportCell]], keyPositions: [Int]) throws {
        self.readers = readers
        self.pending = pending
        self.keyPositions = keyPositions
        for source in 0...readers.count {
            if let row = try read(source) { push((row, source)) }
        }
    }

    func next() throws -> [ExportCell]? {
        guard let top = heap.first else { return nil }
        if let row = try read(top.source) {
            heap[0] = (row, top.source)
            siftDown(0)
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
        }
        return top.row
    }

    private func read(_ source: Int) throws -> [ExportCell]? {
        if source < readers.count { return try readers[source].next() }
        guard pendingIndex < pending.count else { return nil }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let ordering = ExportCell.ordering(heap[a].row, heap[b].row, at: keyPositions)
        return ordering != 0 ? ordering < 0 : heap[a].source < heap[b].source
    }

    private func push(_ entry: (row: [ExportCell], source: Int)) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count && precedes(left, first) { first = left }
            if right < heap.count && precedes(right, first) { first = right }
            if first == parent { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
