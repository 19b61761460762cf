/// A row's service, note and date of the act in a fixed buffer of its own: copying the row
/// copies them, with no reference to count, and nothing to free.
struct InlineTexts {
    /// The bytes of the three texts together, at most.
    static let capacity = MemoryLayout<Storage>.size
    private typealias Storage = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private var storage: Storage = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private let serviceCount: UInt8
    /// The note's and the date's byte counts, ``absent`` for none.
    private let noteCount: UInt8
    private let approvedOnCount: UInt8
    private static let absent = UInt8.max

    /// The three texts inline; `nil` when their bytes exceed ``capacity``.
    init?(service: String, note: String?, approvedOn: String?) {
        let counts = (service.utf8.count, note?.utf8.count, approvedOn?.utf8.count)
        guard counts.0 + (counts.1 ?? 0) + (counts.2 ?? 0) <= Self.capacity else { return nil }
        (serviceCount, noteCount, approvedOnCount) = (UInt8(counts.0), counts.1.map(UInt8.init) ?? Self.absent, counts.2.map(UInt8.init) ?? Self.absent)
        withUnsafeMutableBytes(of: &storage) { bytes in
            var end = bytes.startIndex
            func append(_ text: String?) {
                guard let utf8 = text?.utf8, !utf8.isEmpty else { return }
                UnsafeMutableRawBufferPointer(rebasing: bytes[end...]).copyBytes(from: utf8)
                end += utf8.count
            }
            append(service)
            append(note)
            append(approvedOn)
        }
    }

    /// No text at all: the place of a row's texts when they did not fit (``SpelledTexts``).
    static let none = InlineTexts()

    private init() {
        (serviceCount, noteCount, approvedOnCount) = (0, Self.absent, Self.absent)
    }

    /// Calls `body` with the service's, the note's and the date's UTF-8 bytes (`nil` for none).
    func withTexts<Result>(
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        withUnsafePointer(to: self) { Self.withTexts(at: $0, body) }
    }

    /// Calls `body` with the bytes of the texts where `texts` holds them, not copied: a batch of
    /// rows binds them to its statement as they lie in the batch (SQLite neither copying nor
    /// freeing them), valid for as long as `texts` is.
    static func withTexts<Result>(
        at texts: UnsafePointer<InlineTexts>,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        // The bytes are the value's first field (``storageIsFirst``): a key path's offset is
        // worked out at run time, too dear for every row.
        let bytes = UnsafeRawPointer(texts)
        let (serviceCount, noteCount, approvedOnCount) = (Int(texts.pointee.serviceCount), texts.pointee.noteCount, texts.pointee.approvedOnCount)
        let note = noteCount == absent ? 0 : Int(noteCount)
        let date = approvedOnCount == absent ? 0 : Int(approvedOnCount)
        return body(
            UnsafeRawBufferPointer(start: bytes, count: serviceCount),
            noteCount == absent ? nil : UnsafeRawBufferPointer(start: bytes + serviceCount, count: note),
            approvedOnCount == absent ? nil : UnsafeRawBufferPointer(start: bytes + serviceCount + note, count: date))
    }

    /// Whether the bytes lie at the start of the value, where ``withTexts(at:_:)`` reads them: a
    /// struct's fields are laid out in order, and `storage` is declared first (tested).
    static var storageIsFirst: Bool { MemoryLayout<InlineTexts>.offset(of: \InlineTexts.storage) == 0 }
}

/// A row's texts that do not fit in ``InlineTexts`` (or that come with an XPath), as strings: a
/// reference, so that a row of inline texts, the usual kind, carries only its empty place.
final class SpelledTexts: @unchecked Sendable {
    let xpath: String?
    let service: String
    let note: String?
    let approvedOn: String?

    init(xpath: String?, service: String, note: String?, approvedOn: String?) {
        (self.xpath, self.service, self.note, self.approvedOn) = (xpath, service, note, approvedOn)
    }
}
