import Foundation
import PlusModel

/// One part of a workbook inflated on a thread of its own while it is read: memory holds a few
/// chunks of it, never the part (a sheet's XML is some ten times its share of the `.xlsx`, up to
/// the 256 MB part limit).
///
/// Each chunk is checked before it is handed on: a DOCTYPE or ENTITY declaration, also one split
/// between two chunks, refuses the part (WBK006), as does UTF-16 at its start; an error of the
/// inflating (a bad checksum, more bytes than declared) ends the reading with its own code.
///
/// ```swift
/// let stream = PartStream(part: "xl/worksheets/sheet1.xml") { put in try inflate(put) }
/// while let chunk = try stream.next() { ... }
/// ```
final class PartStream {
    let part: String
    private let channel = Channel()
    private var thread: BackgroundThread?
    /// Checking and handing out, on the reading thread only.
    private var current = Data()
    private var offset = 0
    private var carry: [UInt8] = []
    private var delivered = 0
    /// The error that ended the reading, thrown by ``PartReader/Cursor`` in place of libxml2's.
    private(set) var error: (any Error)?

    struct Cancelled: Error {}

    /// Starts `produce` on its own thread; it hands each inflated chunk to `put`, which waits while
    /// enough of them wait to be read, and throws once the reader has gone. The thread holds the
    /// queue, not the stream: letting the stream go stops it.
    init(part: String, produce: @escaping @Sendable (_ put: (Data) throws -> Void) throws -> Void) {
        self.part = part
        thread = BackgroundThread.start(named: "plus-inflate") { [channel] in
            channel.end(Result { try produce { chunk in try channel.put(chunk) } })
        }
    }

    deinit {
        channel.cancel()
        thread?.join()
    }

    /// The chunks between the inflating thread and the reader, at most ``capacity`` waiting.
    private final class Channel: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [Data] = []
        private var ended = false
        private var failure: (any Error)?
        private var cancelled = false
        private static let capacity = 4

        func put(_ chunk: Data) throws {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= Self.capacity && !cancelled { condition.wait() }
            if cancelled { throw Cancelled() }
            queue.append(chunk)
            condition.broadcast()
        }

        func end(_ outcome: Result<Void, any Error>) {
            condition.lock()
            ended = true
            if case .failure(let error) = outcome, !(error is Cancelled) { failure = error }
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk, `nil` at the end; the inflating thread's error once its chunks are taken.
        func take() throws -> Data? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !ended { condition.wait() }
            guard !queue.isEmpty else {
                if let failure { throw failure }
                return nil
            }
            condition.broadcast()
            return queue.removeFirst()
        }
    }

    /// The next chunk, checked; `nil` at the end of the part.
    func next() throws -> Data? {
        guard let chunk = try channel.take() else { return nil }
        try check(chunk)
        return chunk
    }

    /// Refuses a declaration in the chunk or across its start, and UTF-16 in the part's first bytes.
    private func check(_ chunk: Data) throws {
        let kept = PartReader.longestMarker - 1
        if delivered < 64 {
            let head = (carry + Self.first(64, of: chunk)).prefix(64 - delivered + carry.count)
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.contains(0) {
                throw WorkbookError(.workbookDamaged, found: "\(part): UTF-16")
            }
        }
        if PartReader.declaresDoctype(chunk) || PartReader.declaresDoctype(Data(carry + Self.first(kept, of: chunk))) {
            throw WorkbookError(.workbookDoctype, found: part)
        }
        delivered += chunk.count
        carry = Self.last(kept, of: carry + Self.last(kept, of: chunk))
    }

    /// The first `count` bytes of `data` (fewer when it is shorter), by index: `Sequence`'s
    /// `prefix` and `suffix` walked the whole 16 KB chunk byte by byte (a fifth of reading a sheet).
    static func first(_ count: Int, of data: Data) -> [UInt8] {
        Array(data[data.startIndex..<(data.startIndex + min(count, data.count))])
    }

    static func last(_ count: Int, of data: Data) -> [UInt8] {
        Array(data[(data.endIndex - min(count, data.count))..<data.endIndex])
    }

    static func last(_ count: Int, of bytes: [UInt8]) -> [UInt8] {
        Array(bytes[(bytes.count - min(count, bytes.count))...])
    }

    /// Copies up to `count` bytes of the part to `buffer`: how many, 0 at the end, -1 on an error
    /// (kept in ``error``). libxml2's read callback.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        do {
            while offset == current.count {
                guard let chunk = try next() else { return 0 }
                (current, offset) = (chunk, 0)
            }
            let taken = min(count, current.count - offset)
            current.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: taken)
            }
            offset += taken
            return taken
        } catch {
            self.error = error
            return -1
        }
    }

    /// Whether `word` occurs in the part, read to its end (or to an error, thrown).
    func contains(_ word: String) throws -> Bool {
        let needle = Array(word.utf8)
        var tail: [UInt8] = []
        while let chunk = try next() {
            let across = tail + Self.first(needle.count - 1, of: chunk)
            if across.withUnsafeBytes({ PartReader.occurs(needle, in: $0) }) || chunk.withUnsafeBytes({ PartReader.occurs(needle, in: $0) }) {
                return true
            }
            tail = Self.last(needle.count - 1, of: tail + Self.last(needle.count - 1, of: chunk))
        }
        return false
    }
}
