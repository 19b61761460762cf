/// A current submission that left rows out: the plan holds only part of what the file said.
///
/// The store lists them on the ``AmbitoYear`` so that validation can refuse to call the
/// Ambito-year in order while rows of a current sheet are missing.
///
/// ```swift
/// IncompleteSubmission(ente: EnteRef(comune: "095018"), file: "comune-cabras-scheda-2019.csv",
///                      sha256: "…", rowsRead: 5, rowsRejected: 4)
/// ```
public struct IncompleteSubmission: Hashable, Sendable, Codable {
    /// The ente the sheet is from, when it names one.
    public var ente: EnteRef?
    /// The file name as submitted.
    public var file: String
    public var sha256: String
    public var rowsRead: Int
    public var rowsRejected: Int

    public init(ente: EnteRef?, file: String, sha256: String, rowsRead: Int, rowsRejected: Int) {
        self.ente = ente
        self.file = file
        self.sha256 = sha256
        self.rowsRead = rowsRead
        self.rowsRejected = rowsRejected
    }
}
