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
        /// What is left in a batch where the store's thread took a row.
        case taken
    }

    /// Makes a record ready to write, on the reading thread.
    private let prepare: (ImportedRecord) throws -> Prepared
    /// Told the submission's year on the reading thread, before the records `prepare` makes after it.
    private let fixingYear: (Int) -> Void

    /// The queue of batches between the threads while ``run(reading:write:reject:)`` runs.
    private var handOver: HandOver<[Row]>?

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

    /// The most rows handed over but not yet written: the batches waiting, the one being written
    /// and the one being filled.
    var rowsInFlightAtMost: Int { (capacity + 2) * batchSize }

    /// Runs `reading` on a thread of its own, writing its rows with `write` and `reject` on this
    /// one, and returns what it read; rethrows the first failure, the writing's before the
    /// reading's. A pipeline runs once.
    func run(
        reading: (any SubmissionSink) throws -> ImportResult, write: (consuming Prepared) throws -> Void,
        reject: (RejectedRow) throws -> Void
    ) throws -> ImportResult {
        try HandOver<[Row]>.run(capacity: capacity, threadName: "plus-store-reader") { handOver in
            self.handOver = handOver
            let result = try reading(self)
            try send()
            return result
        } consume: { handOver in
            while var batch = try handOver.take() {
                try batch.withUnsafeMutableBufferPointer { rows in
                    for index in rows.indices {
                        // Swapped out for a placeholder, the row is moved to the store, not copied and destroyed again.
                        var row = Row.taken
                        swap(&row, &rows[index])
                        switch consume row {
                        // `consume`: passed as it was, the row was copied and the copy destroyed, on the store's thread.
                        case .record(let record): try write(consume record)
                        case .rejected(let rejected): try reject(rejected)
                        case .taken: break
                        }
                    }
                }
            }
        }
    }

    // MARK: The reading thread

    // Reached through `any SubmissionSink`, so unspecialised: each row looked up the batch's
    // generic metadata (1.7 % of a streamed sheet's samples) until specialised for the store's rows.
    @_specialize(exported: false, where Prepared == StreamingSink.StoredRow)
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
        try handOver!.put(batch)
    }
}
