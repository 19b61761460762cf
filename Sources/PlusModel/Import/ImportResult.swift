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
/// A result is data: the CLI prints it, the store keeps it, JSON carries it whole. The counts
/// are counted while reading, not derived from the lists: ``rejectedRows`` may list only the
/// first rejected rows of a large file, ``rowsRejected`` counts them all.
///
/// ```swift
/// let result = try CSVImporter(mapping: mapping).importFile(at: url)
/// result.rowsRejected                              // 1319966
/// result.rejectedRows.count                        // 1000: only these are listed
/// result.rejectedRowsNotListed                     // 1318966
/// ```
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
    /// Rows that became records; 0 when the file was rejected whole, since nothing is taken.
    public var rowsAccepted: Int
    /// Rows not taken: every rejected row, listed or not; all rows read when the file was rejected whole.
    public var rowsRejected: Int
    public var records: [ImportedRecord]
    /// The rejected rows listed with their cells and reasons: all of them, or the first ones
    /// when the importer caps the list (see ``rejectedRowsNotListed``).
    public var rejectedRows: [RejectedRow]
    public var diagnostics: [Diagnostic]
    /// How the bytes were read: `encoding`, `delimiter`, `schema`...
    public var details: [String: String]

    /// `rowsAccepted` and `rowsRejected` default to what the listed rows say, for an importer
    /// that lists every rejected row.
    public init(
        file: String, sha256: String, byteCount: Int, mapping: String, mappingVersion: Int,
        status: ImportStatus, subject: SubmissionSubject = .init(), rowsRead: Int = 0,
        rowsAccepted: Int? = nil, rowsRejected: Int? = nil,
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
        self.rowsAccepted = 0
        self.rowsRejected = 0
        self.records = records
        self.rejectedRows = rejectedRows
        self.diagnostics = diagnostics
        self.details = details
        countListedRows()
        if let rowsAccepted { self.rowsAccepted = rowsAccepted }
        if let rowsRejected { self.rowsRejected = rowsRejected }
    }

    /// Sets the counts from ``rowsRead`` and the listed rows, for an importer that lists every
    /// rejected row (a deliberation has a few dozen nodes).
    public mutating func countListedRows() {
        rowsAccepted = status == .accepted ? rowsRead - rejectedRows.count : 0
        rowsRejected = status == .accepted ? rejectedRows.count : rowsRead
    }

    /// Rejected rows counted but not listed in ``rejectedRows``.
    public var rejectedRowsNotListed: Int {
        max(0, min(rowsRejected, rowsRead) - rejectedRows.count)
    }

    enum CodingKeys: String, CodingKey {
        case file, sha256, byteCount, mapping, mappingVersion, status, subject, rowsRead, rowsAccepted, rowsRejected
        case rejectedRowsNotListed, records, rejectedRows, diagnostics, details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        sha256 = try container.decode(String.self, forKey: .sha256)
        byteCount = try container.decode(Int.self, forKey: .byteCount)
        mapping = try container.decode(String.self, forKey: .mapping)
        mappingVersion = try container.decode(Int.self, forKey: .mappingVersion)
        status = try container.decode(ImportStatus.self, forKey: .status)
        subject = try container.decode(SubmissionSubject.self, forKey: .subject)
        rowsRead = try container.decode(Int.self, forKey: .rowsRead)
        records = try container.decode([ImportedRecord].self, forKey: .records)
        rejectedRows = try container.decode([RejectedRow].self, forKey: .rejectedRows)
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        details = try container.decode([String: String].self, forKey: .details)
        (rowsAccepted, rowsRejected) = (0, 0)
        countListedRows()
        // Results written before the counts were fields derive them from the listed rows, as then.
        rowsAccepted = try container.decodeIfPresent(Int.self, forKey: .rowsAccepted) ?? rowsAccepted
        rowsRejected = try container.decodeIfPresent(Int.self, forKey: .rowsRejected) ?? rowsRejected
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(byteCount, forKey: .byteCount)
        try container.encode(mapping, forKey: .mapping)
        try container.encode(mappingVersion, forKey: .mappingVersion)
        try container.encode(status, forKey: .status)
        try container.encode(subject, forKey: .subject)
        try container.encode(rowsRead, forKey: .rowsRead)
        try container.encode(rowsAccepted, forKey: .rowsAccepted)
        try container.encode(rowsRejected, forKey: .rowsRejected)
        try container.encode(rejectedRowsNotListed, forKey: .rejectedRowsNotListed)
        try container.encode(records, forKey: .records)
        try container.encode(rejectedRows, forKey: .rejectedRows)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(details, forKey: .details)
    }
}
