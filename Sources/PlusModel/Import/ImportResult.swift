/// A row that could not be used, kept with the reasons and its raw cells.
public struct RejectedRow: Hashable, Sendable, Codable {
    /// The 1-based line the row starts on.
    public var line: Int
    /// The cells as read (after transcoding), so nothing of the submission is lost.
    public var cells: [String]
    public var reasons: [Diagnostic]

    public init(line: Int, cells: [String], reasons: [Diagnostic]) {
        self.line = line
        self.cells = cells
        self.reasons = reasons
    }
}

/// A canonical record with the row or node it was read from.
public struct ImportedRecord: Hashable, Sendable, Codable {
    public var record: CanonicalRecord
    public var provenance: Provenance

    public init(record: CanonicalRecord, provenance: Provenance) {
        self.record = record
        self.provenance = provenance
    }
}

/// Who and what a submission is about, as far as the file and its mapping tell.
public struct SubmissionSubject: Hashable, Sendable, Codable {
    public var ente: EnteRef?
    public var ambito: String?
    public var year: Int?

    public init(ente: EnteRef? = nil, ambito: String? = nil, year: Int? = nil) {
        self.ente = ente
        self.ambito = ambito
        self.year = year
    }
}

/// Whether the file as a whole was taken.
public enum ImportStatus: String, Sendable, Codable {
    /// Read to the end; some rows may still have been rejected.
    case accepted
    /// Structurally unusable (unterminated quote, binary content, wrong mapping...): nothing taken.
    case rejected
}

/// What an importer made of one file: records, rejected rows, diagnostics and a summary.
///
/// A result is data: the CLI prints it, the store keeps it, JSON carries it whole.
public struct ImportResult: Equatable, Sendable, Codable {
    public var file: String
    public var sha256: String
    public var byteCount: Int
    public var mapping: String
    public var mappingVersion: Int
    public var status: ImportStatus
    public var subject: SubmissionSubject
    /// Data rows read (CSV) or allocation nodes read (XML).
    public var rowsRead: Int
    public var records: [ImportedRecord]
    public var rejectedRows: [RejectedRow]
    public var diagnostics: [Diagnostic]
    /// How the bytes were read: `encoding`, `delimiter`, `schema`...
    public var details: [String: String]

    public init(
        file: String, sha256: String, byteCount: Int, mapping: String, mappingVersion: Int,
        status: ImportStatus, subject: SubmissionSubject = .init(), rowsRead: Int = 0,
        records: [ImportedRecord] = [], rejectedRows: [RejectedRow] = [], diagnostics: [Diagnostic] = [],
        details: [String: String] = [:]
    ) {
        self.file = file
        self.sha256 = sha256
        self.byteCount = byteCount
        self.mapping = mapping
        self.mappingVersion = mappingVersion
        self.status = status
        self.subject = subject
        self.rowsRead = rowsRead
        self.records = records
        self.rejectedRows = rejectedRows
        self.diagnostics = diagnostics
        self.details = details
    }

    /// Rows that became records (a row may yield several records).
    public var rowsAccepted: Int { status == .accepted ? rowsRead - rejectedRows.count : 0 }
    public var rowsRejected: Int { status == .accepted ? rejectedRows.count : rowsRead }
}
