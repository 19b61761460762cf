import Foundation
import PlusModel

/// Reads a streamed submission's file on a thread of its own while the store's thread writes the
/// rows already read, through a bounded queue of batches.
///
/// Storing one file was one thread's work: the rows were decoded, handed over, made ready and
/// inserted in turn, and the second core did little more than libcsv's parsing. Here the reading
/// thread also makes each row ready to insert (`prepare`: whatever needs no database) and hands
/// rows over in batches of ``batchSize``; the store's thread (the one that holds the
/// transaction: the database is never touched from the other) only inserts them. At most
/// ``capacity`` batches wait; a reader ahead of the store waits for room, so memory stays
/// bounded whatever the file's size. A failure on either side stops the other: the store's
/// error ends the reading at its next batch, the reading's error ends the writing, and the
/// transaction rolls back as before.
///
/// ```swift
/// let pipeline = RowPipeline<StoredRow>(prepare: sink.prepare)      // on the reading thread
/// let result = try pipeline.run(reading: reading, write: sink.write, reject: sink.reject)
/// ```
final class RowPipeline<Prepared>: SubmissionSink, @unchecked Sendable {
    /// Rows a batch holds: a lock and a wake-up per batch, not per row.
    let batchSize: Int
    /// Batches waiting to be written, at most.
    let capacity: Int

    /// One row handed over: a record made ready, or a rejected row listed.
    private enum Row {
        case record(Prepared)
        case rejected(RejectedRow)
    }

    /// Makes a record ready to write, on the reading thread.
    private let prepare: (ImportedRecord) throws -> Prepared
    /// Told the submission's year on the reading thread, before the records `prepare` makes after it.
    private let fixingYear: (Int) -> Void

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [[Row]] = []
    private var readingEnded: Result<ImportResult, any Error>?
    private var writingFailed = false
    /// The most batches that ever waited (``capacity`` at most).
    private(set) var mostWaiting = 0

    /// The batch the reading thread fills; only that thread touches it.
    private var filling: [Row] = []

    init(
        batchSize: Int = 1024, capacity: Int = 4, prepare: @escaping (ImportedRecord) throws -> Prepared,
        fixYear: @escaping (Int) -> Void = { _ in }
    ) {
        precondition(batchSize > 0 && capacity > 0, "a batch holds a row and the queue a batch")
        self.prepare = prepare
        self.fixingYear = fixYear
        self.batchSize = batchSize
        self.capacity = capacity
        filling.reserveCapacity(batchSize)
    }

    /// Thrown to the reading once the writing has failed: the writing's own error is the one told.
    private struct WritingFailed: Error {}

    /// The most rows handed over but not yet written: the batches waiting, the one being written
    /// and the one being filled.
    var rowsInFlightAtMost: Int { (capacity + 2) * batchSize }

    /// Runs `reading` on a thread of its own, writing its rows with `write` and `reject` on this
    /// one, and returns what it read; rethrows the first failure, the writing's before the
    /// reading's. A pipeline runs once.
    func run(
        reading: (any SubmissionSink) throws -> ImportResult, write: (Prepared) throws -> Void,
        reject: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        let pipeline = self
        return try withoutActuallyEscaping(reading) { reading in
            let work = Work(reading)
            let thread = Thread { [pipeline] in
                let read = Result { try work.run(pipeline) }
                // Released before the writer is told, so nothing holds the closure once `run` returns.
                work.release()
                pipeline.endReading(read)
            }
            thread.name = "plus-store-reader"
            thread.start()
            let written = Result { try pipeline.write(write, reject: reject) }
            let read = pipeline.waitForReading()
            try written.get()
            return try read.get()
        }
    }

    /// The reading closure, handed to the reading thread and dropped by it once it has run.
    private final class Work: @unchecked Sendable {
        private var reading: ((any SubmissionSink) throws -> ImportResult)?

        init(_ reading: @escaping (any SubmissionSink) throws -> ImportResult) {
            self.reading = reading
        }

        func run(_ pipeline: RowPipeline) throws -> ImportResult {
            let result = try reading!(pipeline)
            try pipeline.send()
            return result
        }

        func release() { reading = nil }
    }

    // MARK: The reading thread

    func append(_ record: ImportedRecord) throws {
        filling.append(.record(try prepare(record)))
        if filling.count == batchSize { try send() }
    }

    func fixYear(_ year: Int) {
        fixingYear(year)
    }

    func reject(_ row: RejectedRow) throws {
        filling.append(.rejected(row))
        if filling.count == batchSize { try send() }
    }

    /// Queues the batch being filled, waiting for room; throws once the writing has failed.
    private func send() throws {
        guard !filling.isEmpty else { return }
        let batch = filling
        filling = []
        filling.reserveCapacity(batchSize)
        try condition.withLock {
            while queue.count >= capacity && !writingFailed { condition.wait() }
            if writingFailed { throw WritingFailed() }
            queue.append(batch)
            mostWaiting = max(mostWaiting, queue.count)
            condition.broadcast()
        }
    }

    private func endReading(_ read: Result<ImportResult, any Error>) {
        condition.withLock {
            readingEnded = read
            condition.broadcast()
        }
    }

    // MARK: The store's thread

    /// Writes every batch as it comes until the reading ends; stops at the reading's failure.
    private func write(_ write: (Prepared) throws -> Void, reject: (RejectedRow) throws -> Void) throws {
        do {
            while let batch = next() {
                for row in batch {
                    switch row {
                    case .record(let record): try write(record)
                    case .rejected(let rejected): try reject(rejected)
                    }
                }
            }
        } catch {
            condition.withLock {
                writingFailed = true
                queue = []
                condition.broadcast()
            }
            throw error
        }
    }

    /// The next batch; `nil` once the reading has ended and every batch is written, or failed.
    private func next() -> [Row]? {
        condition.withLock {
            while queue.isEmpty && readingEnded == nil { condition.wait() }
            if case .failure = readingEnded { return nil }
            guard !queue.isEmpty else { return nil }
            condition.broadcast()
            return queue.removeFirst()
        }
    }

    /// Waits for the reading thread's end.
    private func waitForReading() -> Result<ImportResult, any Error> {
        condition.withLock {
            while readingEnded == nil { condition.wait() }
            return readingEnded!
        }
    }
}
