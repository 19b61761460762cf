import Foundation
import PlusModel

/// One import kept by the store: the file, its bytes' checksum, the mapping, what it was
/// about, the counts, and where it stands.
///
/// Its records, diagnostics and rejected rows are read with ``PlanStore/records(submission:)``,
/// ``PlanStore/diagnostics(submission:)`` and ``PlanStore/rejectedRows(submission:)``.
///
/// ```swift
/// for submission in try store.history(ente: EnteRef(comune: "095018"), year: 2019) {
///     print(submission.id, submission.file, submission.status.label[.it])
/// }
/// ```
public struct Submission: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Int64

    public var id: ID
    /// The file name as submitted.
    public var file: String
    /// The SHA-256 of the bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    public var mapping: String
    public var mappingVersion: Int
    public var status: SubmissionStatus
    /// Who and what the submission is about, completed by the store from its records and the
    /// reference Ambiti when the importer could not tell.
    public var subject: SubmissionSubject
    /// What this submission is the latest version of, if that can be told.
    public var key: SupersedeKey?
    /// When the file arrived (as the caller says: the inbox time, the upload time).
    public var receivedAt: Date
    /// When the store wrote it.
    public var storedAt: Date
    /// Who handed the file in (an inbox folder, a user), if known.
    public var importedBy: String?
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var recordCount: Int
    /// How the bytes were read: `encoding`, `delimiter`, `schema`...
    public var details: [String: String]
    /// The submission that replaced this one, when ``status`` is ``SubmissionStatus/superseded``.
    public var supersededBy: ID?

    public init(
        id: ID, file: String, sha256: String, byteCount: Int, mapping: String, mappingVersion: Int,
        status: SubmissionStatus, subject: SubmissionSubject, key: SupersedeKey?, receivedAt: Date,
        storedAt: Date, importedBy: String? = nil, rowsRead: Int, rowsAccepted: Int, rowsRejected: Int,
        recordCount: Int, details: [String: String] = [:], supersededBy: ID? = nil
    ) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.byteCount = byteCount
        self.mapping = mapping
        self.mappingVersion = mappingVersion
        self.status = status
        self.subject = subject
        self.key = key
        self.receivedAt = receivedAt
        self.storedAt = storedAt
        self.importedBy = importedBy
        self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted
        self.rowsRejected = rowsRejected
        self.recordCount = recordCount
        self.details = details
        self.supersededBy = supersededBy
    }

    /// Whether its records are part of the plan now.
    public var isCurrent: Bool { status == .accepted }
}
