import Foundation
import PlusModel

/// The column binding and byte plan of each (mapping, header row, encoding) a process has met,
/// kept for the files after the first: an inbox holds hundreds of sheets of a few layouts.
///
/// Binding a header and compiling its plan depend on nothing else of the file (the binding's
/// labels are the header's cells; its diagnostics, which name the file and line, are why a header
/// that gives any is never kept), and cost more than checking a small sheet's rows. So the second
/// sheet of a layout takes the first one's binding and plan as they are, and with the plan the
/// check programs its rows learnt (``CheckPrograms``), which are shared by the reading threads of
/// one file already. A kept entry is taken only for a mapping equal to the one it was made for, so
/// a mapping changed in memory (tests do) binds afresh. `PLUS_BINDING_CACHE=off` in the environment
/// binds every file afresh, as before; the tests compare both ways.
///
/// ```swift
/// let bound = BoundHeaders.shared.bound(mapping: mapping, header: header, encoding: .utf8) {
///     (binding, BytePlan(mapping: mapping, binding: binding))   // made once per layout
/// }
/// ```
final class BoundHeaders: @unchecked Sendable {
    /// What a file with the key's header is read with.
    struct Bound {
        let binding: ColumnBinding
        let plan: BytePlan
    }

    private struct Key: Hashable {
        let mappingName: String
        let header: [String]
        let encoding: SourceEncoding
    }

    private struct Entry {
        let mapping: CSVMapping
        let bound: Bound
    }

    /// The process's one cache: every import, on any thread, reads through it.
    static let shared = BoundHeaders()

    /// Whether files share bindings: `PLUS_BINDING_CACHE=off` in the environment turns it off for the process (read once).
    static let isEnabledByEnvironment = ProcessInfo.processInfo.environment["PLUS_BINDING_CACHE"]?.lowercased() != "off"

    /// At most this many layouts are kept; the files of any other are bound afresh, as without the cache.
    static let capacity = 512

    // Read and filled by the files' reading threads: guarded by the lock.
    private let lock = NSLock()
    private var entries: [Key: [Entry]] = [:]
    private var count = 0

    /// The binding and plan kept for this mapping, header and encoding, if any.
    func bound(mapping: CSVMapping, header: [String], encoding: SourceEncoding) -> Bound? {
        let key = Key(mappingName: mapping.name, header: header, encoding: encoding)
        // Equal mappings loaded once compare by their storage's identity, at the cost of a few words.
        return lock.withLock { entries[key]?.first { $0.mapping == mapping }?.bound }
    }

    /// Keeps a header's binding and plan for the files after this one; the first kept stays.
    func keep(_ bound: Bound, mapping: CSVMapping, header: [String], encoding: SourceEncoding) {
        let key = Key(mappingName: mapping.name, header: header, encoding: encoding)
        lock.withLock {
            guard count < Self.capacity, entries[key]?.contains(where: { $0.mapping == mapping }) != true else { return }
            entries[key, default: []].append(Entry(mapping: mapping, bound: bound))
            count += 1
        }
    }
}
