/// An Ambito-year whose rows held in memory (cost shares, declarations, fund statements,
/// indicators) passed the store's limit: they were left out of it, and nothing may be validated or
/// exported from it.
///
/// A real Ambito-year has a few thousand such rows; one of millions comes from a wrong or hostile
/// file, and holding it whole would exhaust the memory of the nightly run for every other
/// Ambito-year. The services are not counted: they are read in batches, whatever their number.
///
/// ```swift
/// if let excess = year.rowLimitExceeded {
///     print("più di \(excess.limit) righe, \(excess.rowsOfLargestFile) da \(excess.largestFile?.file ?? "-")")
/// }
/// ```
public struct RowLimitExceeded: Hashable, Sendable, Codable {
    /// The most rows an Ambito-year may hold.
    public var limit: Int
    /// The current submission in scope of the Ambito-year with the most such rows of the year, if any.
    public var largestFile: Provenance?
    /// How many of those rows came from ``largestFile``.
    public var rowsOfLargestFile: Int

    public init(limit: Int, largestFile: Provenance?, rowsOfLargestFile: Int) {
        self.limit = limit
        self.largestFile = largestFile
        self.rowsOfLargestFile = rowsOfLargestFile
    }
}
