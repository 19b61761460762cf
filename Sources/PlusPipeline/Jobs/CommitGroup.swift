import PlusStore

/// Consecutive small files' submissions committed together, within bounds: at most `files`
/// files and, past the first, `records` records a group.
///
/// ```swift
/// var group = CommitGroup(files: 100, records: 50_000)
/// try group.join(records: result.records.count, in: store)   // before recording the file
/// try group.commit(in: store)                                 // before a streamed file, and at the end
/// ```
struct CommitGroup {
    let files: Int
    let records: Int
    private(set) var filesJoined = 0
    private(set) var recordsJoined = 0

    init(files: Int, records: Int) {
        self.files = files
        self.records = records
    }

    /// Makes room for a file of `count` records: commits the open group if the file would take
    /// it past its bounds, then opens one if none is open.
    mutating func join(records count: Int, in store: any PlanStore) throws {
        guard files > 1 else { return }
        if filesJoined > 0, filesJoined >= files || recordsJoined + count > records { try commit(in: store) }
        if filesJoined == 0 { try store.beginGroup() }
        filesJoined += 1
        recordsJoined += count
    }

    /// Commits the open group, if any.
    mutating func commit(in store: any PlanStore) throws {
        guard filesJoined > 0 else { return }
        try store.commitGroup()
        filesJoined = 0
        recordsJoined = 0
    }
}
