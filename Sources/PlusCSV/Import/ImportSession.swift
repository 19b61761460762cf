import PlusModel

/// What a worker thread made of a row: what the fast path read, or a row for the general path.
///
/// Records are built, and later destroyed, on the worker threads; the delivering thread only
/// lends them to the callback. The record is boxed so that every prepared row stays a few
/// bytes: rows are moved and lent by copying their bits, millions of times.
enum PreparedRow: ~Copyable, Sendable {
    case record(BuiltDeclaration)
    /// Read and checked, for an import that builds no records (``CSVImporter/checkFile(at:displayName:onRejected:)``).
    case checked(DeclarationFastPath.Checked)
    case general
}

/// A declaration built on a worker thread, lent from there to the callback without a copy.
final class BuiltDeclaration: Sendable {
    let imported: ImportedRecord
    /// What the delivering thread checks against the sheet's ente and year.
    let ente: EnteRef
    let year: Int

    init(_ declaration: Declaration, provenance: Provenance) {
        imported = ImportedRecord(record: .declaration(declaration), provenance: provenance)
        (ente, year) = (declaration.ente, declaration.year)
    }
}

/// The state of one import while rows stream by: header binding, counts, diagnostics, the sheet's ente.
struct ImportSession {
    /// Thrown from the row callback when the file cannot be used (e.g. the mapping does not fit).
    struct Stop: Error {
        var diagnostics: [Diagnostic]
    }

    let mapping: CSVMapping
    let file: String
    /// The checksum the records cite: empty when it is computed while reading (see ``CSVImporter``).
    let citedChecksum: String
    let byteCount: Int
    /// Whether rows become records; when not, the fast path only checks them.
    let buildsRecords: Bool
    var diagnostics: DiagnosticCollector
    var encoding: SourceEncoding = .utf8
    private var decoder = CellDecoder(encoding: .utf8)
    var delimiter: UInt8 = UInt8(ascii: ";")
    var binding: ColumnBinding? {
        didSet { hasBinding = binding != nil }
    }
    // What the row loop reads of the binding, kept apart so that it does not copy the binding.
    private var hasBinding = false
    private var minimumWidth = 0
    private var headerWidth = 0
    /// The fast path for rows no worker has read: the one the workers run, made once more.
    private var preparer: RowPreparation<PreparedRow>.Preparer?
    var recordIndex = 0
    var rowsRead = 0
    var blankRows = 0
    var subject = SubmissionSubject()
    var headerLine = 0
    /// Where the fast path is handed to the reader's worker threads, when reading in parallel.
    let preparation: RowPreparation<PreparedRow>?
    // Read on every row: kept apart from `mapping` so the row loop does not touch its dictionaries.
    private let headerRow: Int
    private let singleSubject: Bool

    init(
        mapping: CSVMapping, file: String, checksum: String?, byteCount: Int, diagnosticsPerCode: Int,
        buildsRecords: Bool = true, preparation: RowPreparation<PreparedRow>? = nil
    ) {
        self.mapping = mapping
        self.preparation = preparation
        self.buildsRecords = buildsRecords
        self.headerRow = mapping.format.headerRow
        self.singleSubject = mapping.singleSubject
        self.file = file
        self.citedChecksum = checksum ?? ""
        self.byteCount = byteCount
        self.diagnostics = DiagnosticCollector(limitPerCode: diagnosticsPerCode)
        subject.year = mapping.defaults["anno"].flatMap { Int($0) }
        subject.ambito = mapping.defaults["ambito"]
        subject.ente = mapping.defaults["ente"].flatMap { EnteRef(parsing: $0) }
            ?? mapping.defaults["ente_istat"].map { EnteRef(comune: $0) }
    }

    mutating func start(encoding: SourceEncoding, delimiter: UInt8) {
        self.encoding = encoding
        self.decoder = CellDecoder(encoding: encoding)
        self.delimiter = delimiter
        diagnostics.add(Problem.csvEncoding.at(SourceLocation(file: file), found: encoding.rawValue))
        diagnostics.add(Problem.csvDelimiter.at(SourceLocation(file: file), found: delimiterName))
    }

    var delimiterName: String { delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter)) }

    mutating func consume(
        _ row: borrowing CSVRow, prepared: borrowing PreparedRow? = nil,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws {
        recordIndex += 1
        if headerRow > 0 && recordIndex < headerRow { return }
        guard hasBinding else {
            try bindHeader(row)
            if headerRow > 0 { return }
            try consume(row, onRecord: onRecord, onRejected: onRejected)
            return
        }
        // A row the fast path read, on a worker or here: only what depends on earlier rows is left.
        switch prepared {
        case .some(let read):
            if try acceptRead(row, read, onRecord: onRecord, onRejected: onRejected) { return }
        case .none:
            if let preparer, try acceptRead(row, preparer(row), onRecord: onRecord, onRejected: onRejected) { return }
        }
        if row.isBlank {
            blankRows += 1
            return
        }
        rowsRead += 1
        if row.count < minimumWidth {
            try reject(row, problems: [Problem.csvShortRow.at(
                SourceLocation(file: file, line: row.line), found: String(row.count), expected: String(minimumWidth))],
                onRejected: onRejected)
            return
        }
        checkExtraCells(row)
        let provenance = Provenance(file: file, sha256: citedChecksum, line: row.line)
        let (record, problems) = generalRecord(row, provenance: provenance)
        for problem in problems { diagnostics.add(problem) }
        if let record, !problems.containsErrors {
            try onRecord(ImportedRecord(record: record, provenance: provenance))
        } else {
            try onRejected(RejectedRow(line: row.line, cells: cells(of: row), reasons: problems.filter { $0.severity == .error }))
        }
    }

    /// Takes a row the fast path read, unless it states another ente or year than the sheet's;
    /// `false` for a row the fast path left to the general reader.
    private mutating func acceptRead(
        _ row: borrowing CSVRow, _ read: borrowing PreparedRow,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> Bool {
        let (ente, year): (EnteRef, Int)
        switch read {
        case .record(let built): (ente, year) = (built.ente, built.year)
        case .checked(let checked): (ente, year) = (checked.ente, checked.year)
        case .general: return false
        }
        rowsRead += 1
        checkExtraCells(row)
        let problems = singleSubject ? checkSingleSubject(ente: ente, year: year, line: row.line) : []
        guard problems.isEmpty else {
            try reject(row, problems: problems, onRejected: onRejected)
            return true
        }
        switch read {
        case .record(let built): try onRecord(built.imported)
        default: break
        }
        return true
    }

    /// Binds the mapping to the header row and, when reading in parallel, hands the fast path to the workers.
    private mutating func bindHeader(_ row: borrowing CSVRow) throws {
        headerLine = row.line
        let header = headerRow > 0 ? cells(of: row).map(\.trimmed) : []
        var headerDiagnostics = DiagnosticCollector(limitPerCode: diagnostics.limitPerCode)
        let bound = ColumnBinding(mapping: mapping, header: header, file: file, line: row.line, diagnostics: &headerDiagnostics)
        for diagnostic in headerDiagnostics.kept { diagnostics.add(diagnostic) }
        if headerDiagnostics.hasErrors { throw Stop(diagnostics: headerDiagnostics.kept) }
        binding = bound
        minimumWidth = bound.minimumWidth
        headerWidth = bound.header.count
        guard let fastPath = DeclarationFastPath(mapping: mapping, binding: bound) else { return }
        let makePreparer = Self.preparer(
            fastPath, decoder: decoder, width: minimumWidth, file: file, checksum: citedChecksum, buildsRecords: buildsRecords)
        preparer = makePreparer()
        preparation?.install(makePreparer)
    }

    /// What the fast path makes of a row: its record, or only its check when no records are built.
    private static func preparer(
        _ fastPath: DeclarationFastPath, decoder: CellDecoder, width: Int, file: String, checksum: String, buildsRecords: Bool
    ) -> @Sendable () -> RowPreparation<PreparedRow>.Preparer {
        guard buildsRecords else {
            return {
                { row in
                    guard row.count >= width, let checked = fastPath.check(row, decoder: decoder) else { return .general }
                    return .checked(checked)
                }
            }
        }
        return {
            // Fresh copies of the strings every record of the block shares: reference counts that
            // several threads update at once would cost more than the copies.
            let (file, checksum) = (String(decoding: Array(file.utf8), as: UTF8.self), String(decoding: Array(checksum.utf8), as: UTF8.self))
            return { row in
                let provenance = Provenance(file: file, sha256: checksum, line: row.line)
                guard row.count >= width, let declaration = fastPath.declaration(row, decoder: decoder, provenance: provenance)
                else { return .general }
                return .record(BuiltDeclaration(declaration, provenance: provenance))
            }
        }
    }

    /// Reads a row through ``RowReader``, which explains every problem.
    private mutating func generalRecord(
        _ row: borrowing CSVRow, provenance: Provenance
    ) -> (CanonicalRecord?, [Diagnostic]) {
        guard let binding else { return (nil, []) }
        var problems: [Diagnostic] = []
        var values: [String: String] = [:]
        for (field, column) in binding.inSheetOrder {
            let decoded = decoder.decode(row.field(column.index))
            if decoded.fellBack {
                problems.append(Problem.csvMixedEncoding.at(
                    SourceLocation(file: file, line: row.line, column: column.label), found: decoded.text))
            }
            let text = decoded.text.trimmed
            if !text.isEmpty { values[field] = text }
        }
        for (field, value) in mapping.defaults where values[field] == nil {
            values[field] = value
        }
        var reader = RowReader(values: values, labels: binding.labels, file: file, line: row.line, mapping: mapping)
        var record = RecordBuilder.build(mapping.target, &reader, provenance: provenance)
        problems += reader.problems
        if record != nil, singleSubject, let text = values["anno"], let year = Int(text),
           let otherYear = checkYear(year, line: row.line) {
            problems.append(otherYear)
            record = nil
        }
        // Reference lists span many Ambiti; plan data belongs to one.
        if record != nil, subject.ambito == nil, mapping.target != .comuni, mapping.target != .enti {
            subject.ambito = values["ambito"]
        }
        if singleSubject, case .declaration(let built) = record, let otherEnte = checkSubject(built.ente) {
            problems.append(otherEnteDiagnostic(otherEnte, line: row.line))
            record = nil
        }
        return (record, problems)
    }

    private mutating func reject(
        _ row: borrowing CSVRow, problems: [Diagnostic], onRejected: (RejectedRow) throws -> Void
    ) throws {
        for problem in problems { diagnostics.add(problem) }
        try onRejected(RejectedRow(line: row.line, cells: cells(of: row), reasons: problems.filter { $0.severity == .error }))
    }

    private func cells(of row: borrowing CSVRow) -> [String] {
        (0..<row.count).map { decoder.decode(row.field($0)).text }
    }

    /// Cells beyond the header that hold something are reported, not refused.
    private mutating func checkExtraCells(_ row: borrowing CSVRow) {
        guard headerWidth > 0, row.count > headerWidth, (headerWidth..<row.count).contains(where: { !row.isEmpty($0) }) else { return }
        diagnostics.add(Problem.csvExtraCells.at(
            SourceLocation(file: file, line: row.line), found: String(row.count), expected: String(headerWidth)))
    }

    /// A single-subject sheet states one year and one ente: the first declaration fixes them.
    private mutating func checkSingleSubject(ente: EnteRef, year: Int, line: Int) -> [Diagnostic] {
        if let otherYear = checkYear(year, line: line) { return [otherYear] }
        if let otherEnte = checkSubject(ente) { return [otherEnteDiagnostic(otherEnte, line: line)] }
        return []
    }

    private func otherEnteDiagnostic(_ ente: EnteRef, line: Int) -> Diagnostic {
        Problem.csvOtherEnte.at(
            SourceLocation(file: file, line: line, column: binding?.labels["ente"] ?? binding?.labels["ente_istat"]),
            found: ente.description, expected: subject.ente?.description)
    }

    /// Fixes the sheet's year on the first row that states one; a row of another year is an error.
    private mutating func checkYear(_ year: Int, line: Int) -> Diagnostic? {
        guard let fixed = subject.year else {
            subject.year = year
            return nil
        }
        guard fixed != year else { return nil }
        return Problem.csvOtherYear.at(
            SourceLocation(file: file, line: line, column: binding?.labels["anno"]), found: String(year), expected: String(fixed))
    }

    /// Fixes the sheet's ente on the first declaration; returns the ente of a declaration that differs.
    private mutating func checkSubject(_ ente: EnteRef) -> EnteRef? {
        guard let fixed = subject.ente else {
            subject.ente = ente
            return nil
        }
        return fixed == ente ? nil : ente
    }

    func diagnostic(for error: CSVReadError) -> Diagnostic {
        let location = { (line: Int) in SourceLocation(file: self.file, line: line) }
        switch error {
        case .unterminatedQuote(let line): return Problem.csvUnterminatedQuote.at(location(line))
        case .malformedQuoting(let line): return Problem.csvMalformedQuoting.at(location(line))
        case .binaryContent(let line): return Problem.csvBinary.at(location(line))
        case .fieldTooLarge(let line, let limit): return Problem.csvFieldTooLarge.at(location(line), expected: String(limit))
        case .invalidUTF16(let line): return Problem.csvInvalidUTF16.at(location(line))
        case .io(let message): return Problem.csvUnreadable.at(SourceLocation(file: file), found: message)
        }
    }

    private var details: [String: String] {
        [
            "encoding": encoding.rawValue, "delimiter": delimiterName, "blank_rows": String(blankRows),
            "header_line": String(headerLine), "target": mapping.target.rawValue,
        ]
    }

    func finish() -> ImportResult {
        var all = diagnostics.finished(file: file)
        if binding == nil {
            all.append(Problem.csvMissingHeader.at(SourceLocation(file: file), expected: String(max(1, mapping.format.headerRow))))
            return result(.rejected, diagnostics: all)
        }
        return result(.accepted, diagnostics: all)
    }

    func reject(_ diagnostic: Diagnostic) -> ImportResult {
        reject([diagnostic])
    }

    func reject(_ fatal: [Diagnostic]) -> ImportResult {
        var collector = diagnostics
        for diagnostic in fatal where !collector.kept.contains(diagnostic) { collector.add(diagnostic) }
        return result(.rejected, diagnostics: collector.finished(file: file))
    }

    private func result(_ status: ImportStatus, diagnostics: [Diagnostic]) -> ImportResult {
        ImportResult(
            file: file, sha256: citedChecksum, byteCount: byteCount, mapping: mapping.name, mappingVersion: mapping.version,
            status: status, subject: subject, rowsRead: rowsRead, rejectedRows: [], diagnostics: diagnostics,
            details: details)
    }
}

extension String {
    var trimmed: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        if first == startIndex && index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
