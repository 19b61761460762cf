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

    /// Calls `body` with the service's, the note's and the date's UTF-8 bytes (`nil` for none).
    func withTexts<Result>(
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        withUnsafeBytes(of: storage) { bytes in
            let note = noteCount == Self.absent ? 0 : Int(noteCount)
            let service = UnsafeRawBufferPointer(rebasing: bytes[0..<Int(serviceCount)])
            let noteBytes = UnsafeRawBufferPointer(rebasing: bytes[Int(serviceCount)..<(Int(serviceCount) + note)])
            let dateStart = Int(serviceCount) + note
            let date = UnsafeRawBufferPointer(
                rebasing: bytes[dateStart..<(dateStart + (approvedOnCount == Self.absent ? 0 : Int(approvedOnCount)))])
            return body(service, noteCount == Self.absent ? nil : noteBytes, approvedOnCount == Self.absent ? nil : date)
        }
    }
}
