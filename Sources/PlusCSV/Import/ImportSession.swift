import PlusModel

/// What a worker thread made of a row: what the byte plan read, or a row for the general path.
///
/// Records are built, and later destroyed, on the worker threads; the delivering thread only
/// lends them to the callback. The record is boxed so that every prepared row stays a few
/// bytes: rows are moved and lent by copying their bits, millions of times.
enum PreparedRow: ~Copyable, Sendable {
    case record(BuiltRecord)
    /// Read and checked, for an import that builds no records (``CSVImporter/checkFile(at:displayName:onRejected:)``).
    case checked(SheetSubject)
    case general
}

/// What the delivering thread checks of a row against the sheet's ente and year.
struct SheetSubject: Sendable {
    var ente: EnteRef?
    var year: Int?
    /// The Ambito a sheet's rows state, read only for a sheet refused whole (an ASL's or a
    /// Provincia's, which serve several Ambiti: one sheet per Ambito).
    var ambito: String?
}

/// A record built on a worker thread, lent from there to the callback without a copy.
final class BuiltRecord: Sendable {
    let imported: ImportedRecord
    let subject: SheetSubject

    init(_ planned: BytePlan.Planned, provenance: Provenance) {
        imported = ImportedRecord(record: planned.record, provenance: provenance)
        subject = SheetSubject(ente: planned.ente, year: planned.year)
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
    /// Whether rows become records; when not, the byte plan only checks them.
    let buildsRecords: Bool
    /// Whether plain rows are read by the ``BytePlan``; off, every row takes the general path.
    let usesBytePlan: Bool
    /// Whether the header's binding and plan are taken from, and kept in, ``BoundHeaders/shared``.
    let usesBindingCache: Bool
    var diagnostics: DiagnosticCollector
    var encoding: SourceEncoding = .utf8
    private var decoder = CellDecoder(encoding: .utf8)
    var delimiter: UInt8 = UInt8(ascii: ";")
    var binding: ColumnBinding? {
        didSet { hasBinding = binding != nil }
    }
    // What the row loop reads of the binding, kept apart so that it does not copy the binding.
    private(set) var hasBinding = false
    private var minimumWidth = 0
    private var headerWidth = 0
    /// The byte plan for rows no worker has read: the one the workers run, made once more.
    private var preparer: RowPreparation<PreparedRow>.Preparer?
    var recordIndex = 0
    var rowsRead = 0
    /// Counted as rows go by, never derived from what is listed: the list stops at ``maxRejected``.
    var rowsAccepted = 0
    var rowsRejected = 0
    /// How many rejected rows are listed and, past it, the file is rejected whole (CSV032).
    let maxRejected: Int
    /// The cells of the rejected rows listed so far, in bytes as read.
    private var listedBytes = 0
    /// The most bytes of cells the list of rejected rows holds: past it rows are counted, not
    /// listed (`rejectedRowsNotListed`). A thousand rejected rows of up to 16 MiB each could
    /// otherwise be held, and written to the report, whole.
    static let listedBytesLimit = 16 << 20
    /// Rows whose amount failed under the mapping's convention but reads with a dot decimal (CSV040).
    private var amountsWithDotDecimal = 0
    /// Rows of another ente or year than the sheet's (CSV103, CSV104): most of them, and the file is a collection (CSV043).
    private var otherSubjectRows = 0
    /// Whether the sheet has an Ambito column whose first value is still to be recorded.
    private var awaitsAmbito: Bool { ambitoColumnBound && subject.ambito == nil }
    /// Whether a refused row's Ambito is still to be read (``stated``), as a taken row's would be.
    private var awaitsStatedAmbito: Bool { awaitsAmbito && stated.ambito == nil }
    private var ambitoColumnBound = false
    /// Reference lists span many Ambiti; plan data belongs to one.
    private var recordsAmbito: Bool { mapping.target != .comuni && mapping.target != .enti }
    /// Why the header did not bind on its row: kept while the next rows are tried (CSV041).
    private var headerFailure: [Diagnostic]?
    var blankRows = 0
    /// Totals rows passed over (``TotalsRow``).
    var totalsRows = 0
    /// Heading rows inside the data passed over (``SectionRow``).
    var sectionRows = 0
    /// The column of the row's service, where a totals row is told; `nil` for targets of no services.
    private var serviceColumn: Int?
    var subject = SubmissionSubject()
    /// The ente, year and Ambito the first rows state in their own cells, read even from rows refused
    /// for another cell: a sheet whose every row is refused is still the sheet of the ente and year it
    /// names, and its refusal is told where that ente is looked up (``result(_:diagnostics:)``): an
    /// ASL's in the Ambito its rows name, which the store cannot tell from the ASL alone.
    private var stated = SheetSubject()
    /// Told the sheet's year once it is fixed, before the first record handed over after that.
    var onYear: ((Int) throws -> Void)?
    /// The Ambito's enti by name (``CSVImporter/enteNames``): an argument of every session, with
    /// no default, so that no way of opening one (a CSV file, a workbook's rows) leaves it out.
    let enteNames: EnteNames?
    /// The year last told to ``onYear``.
    private var toldYear: Int?
    var headerLine = 0
    /// Where the byte plan is handed to the reader's worker threads, when reading in parallel.
    let preparation: RowPreparation<PreparedRow>?
    // Read on every row: kept apart from `mapping` so the row loop does not touch its dictionaries.
    private let headerRow: Int
    private let singleSubject: Bool

    init(
        mapping: CSVMapping, file: String, checksum: String?, byteCount: Int, diagnosticsPerCode: Int, enteNames: EnteNames?,
        maxRejected: Int = CSVMapping.defaultMaxRejected, buildsRecords: Bool = true, usesBytePlan: Bool = true,
        usesBindingCache: Bool = BoundHeaders.isEnabledByEnvironment, preparation: RowPreparation<PreparedRow>? = nil
    ) {
        self.enteNames = enteNames
        self.usesBytePlan = usesBytePlan
        self.usesBindingCache = usesBindingCache
        self.mapping = mapping
        self.maxRejected = max(0, maxRejected)
        self.preparation = preparation
        self.buildsRecords = buildsRecords
        self.headerRow = mapping.format.headerRow
        self.singleSubject = mapping.singleSubject
        self.file = file
        self.citedChecksum = checksum ?? ""
        self.byteCount = byteCount
        self.diagnostics = DiagnosticCollector(limitPerCode: diagnosticsPerCode)
        subject.year = mapping.defaults["anno"].flatMap(RowReader.year)
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
            if headerFailure != nil {
                try lookForHeader(row)
                return
            }
            try bindHeader(row)
            if headerRow > 0 { return }
            try consume(row, onRecord: onRecord, onRejected: onRejected)
            return
        }
        // Rows that are no data, a totals row or a heading, are passed over with a warning naming them.
        if let serviceColumn {
            if let column = TotalsRow.labelColumn(row, serviceColumn: serviceColumn) {
                totalsRows += 1
                return passOver(row, label: column, as: .csvTotalsRow)
            }
            if let column = SectionRow.labelColumn(row, serviceColumn: serviceColumn) {
                sectionRows += 1
                return passOver(row, label: column, as: .csvSectionRow)
            }
        }
        // A row the byte plan read, on a worker or here: only what depends on earlier rows is left.
        // Until the sheet's Ambito is known from a column, rows go the general way, which records it.
        switch prepared {
        case .some(let read) where !awaitsAmbito:
            if try acceptRead(row, read, onRecord: onRecord, onRejected: onRejected) { return }
        case .none where !awaitsAmbito:
            if let preparer, try acceptRead(row, preparer(row), onRecord: onRecord, onRejected: onRejected) { return }
        default:
            break
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
            try accept(ImportedRecord(record: record, provenance: provenance), onRecord: onRecord)
        } else {
            try list(row, reasons: problems.filter { $0.severity == .error }, onRejected: onRejected)
        }
    }

    /// Counts an accepted row and hands its record on, unless the file is already past the
    /// rejection limit: it will be rejected whole, so its records are not wanted.
    private mutating func accept(_ record: ImportedRecord, onRecord: (ImportedRecord) throws -> Void) throws {
        rowsAccepted += 1
        guard rowsRejected <= maxRejected else { return }
        if let year = subject.year, year != toldYear, let onYear {
            toldYear = year
            try onYear(year)
        }
        try onRecord(record)
    }

    /// Counts a rejected row and lists it while the list is under ``maxRejected``: a file with
    /// millions of bad rows keeps a bounded list, its counts stay exact. Personal data in any
    /// cell is masked before the row leaves.
    private mutating func list(_ row: borrowing CSVRow, reasons: [Diagnostic], onRejected: (RejectedRow) throws -> Void) throws {
        rowsRejected += 1
        guard rowsRejected <= maxRejected else { return }
        let bytes = row.byteCount
        // The first row is listed whatever its size (a row is at most 16 MiB); later ones within the budget.
        guard listedBytes == 0 || listedBytes + bytes <= Self.listedBytesLimit else { return }
        listedBytes += max(bytes, 1)
        try onRejected(RejectedRow(line: row.line, cells: cells(of: row).map(\.maskingPersonalData), reasons: reasons))
    }

    /// Takes a row the byte plan read, unless it states another ente or year than the sheet's;
    /// `false` for a row the plan left to the general reader.
    private mutating func acceptRead(
        _ row: borrowing CSVRow, _ read: borrowing PreparedRow,
        onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws -> Bool {
        let stated: SheetSubject
        switch read {
        case .record(let built): stated = built.subject
        case .checked(let checked): stated = checked
        case .general: return false
        }
        rowsRead += 1
        checkExtraCells(row)
        let problems = singleSubject ? checkSingleSubject(stated, line: row.line) : []
        guard problems.isEmpty else {
            try reject(row, problems: problems, onRejected: onRejected)
            return true
        }
        switch read {
        case .record(let built): try accept(built.imported, onRecord: onRecord)
        default: rowsAccepted += 1
        }
        return true
    }

    /// Binds the mapping to the header row and, when reading in parallel, hands the byte plan to the workers.
    private mutating func bindHeader(_ row: borrowing CSVRow) throws {
        headerLine = row.line
        let header = headerRow > 0 ? cells(of: row).map(\.trimmed) : []
        let cache = usesBindingCache ? BoundHeaders.shared : nil
        let bound: ColumnBinding
        var plan: BytePlan?
        if let kept = cache?.bound(mapping: mapping, header: header, encoding: encoding) {
            (bound, plan) = (kept.binding, kept.plan)
        } else {
            var headerDiagnostics = DiagnosticCollector(limitPerCode: diagnostics.limitPerCode)
            bound = ColumnBinding(mapping: mapping, header: header, file: file, line: row.line, diagnostics: &headerDiagnostics)
            if headerDiagnostics.hasErrors && headerRow > 0 {
                // Perhaps title rows sit above the header: the next rows are tried before giving up.
                headerFailure = headerDiagnostics.kept
                return
            }
            for diagnostic in headerDiagnostics.kept { diagnostics.add(diagnostic) }
            if headerDiagnostics.hasErrors { throw Stop(diagnostics: headerDiagnostics.kept) }
            // A binding with a diagnostic is not kept: the diagnostic names this file and line.
            if let cache, headerDiagnostics.kept.isEmpty {
                let made = BytePlan(mapping: mapping, binding: bound)
                cache.keep(BoundHeaders.Bound(binding: bound, plan: made), mapping: mapping, header: header, encoding: encoding)
                plan = made
            }
        }
        binding = bound
        serviceColumn = mapping.target.serviceField.flatMap { bound.columns[$0]?.index }
        ambitoColumnBound = bound.columns["ambito"] != nil && recordsAmbito
        minimumWidth = bound.minimumWidth
        headerWidth = bound.header.count
        guard usesBytePlan else { return }
        let makePreparer = Self.preparer(
            plan ?? BytePlan(mapping: mapping, binding: bound), decoder: decoder, file: file, checksum: citedChecksum, buildsRecords: buildsRecords)
        preparer = makePreparer()
        preparation?.install(makePreparer)
    }

    /// Tries a row after the one the mapping names as header: when it binds, the header sits
    /// below title rows (a sheet's heading, an empty line), which are passed over and named in a
    /// warning (CSV041) — as a workbook's merged title rows are; after a few rows the first
    /// failure stands alone and rejects the file.
    ///
    /// Why not refuse: every office adds its own heading above the same columns, and `header_row`
    /// in a mapping shared by every Comune cannot name one office's title rows.
    private mutating func lookForHeader(_ row: borrowing CSVRow) throws {
        guard let failure = headerFailure else { return }
        var ignored = DiagnosticCollector(limitPerCode: 1)
        let header = cells(of: row).map(\.trimmed)
        _ = ColumnBinding(mapping: mapping, header: header, file: file, line: row.line, diagnostics: &ignored)
        if !ignored.hasErrors {
            headerFailure = nil
            diagnostics.add(Problem.csvHeaderBelowTitle.at(
                SourceLocation(file: file, line: row.line), found: String(recordIndex), expected: String(headerRow)))
            try bindHeader(row)
            return
        }
        if recordIndex - headerRow >= Self.rowsSearchedForHeader { throw Stop(diagnostics: failure) }
    }

    /// Warns of a row that is not imported, quoting its label in column `label`.
    private mutating func passOver(_ row: borrowing CSVRow, label: Int, as problem: Problem) {
        diagnostics.add(problem.at(
            SourceLocation(file: file, line: row.line, column: binding.flatMap { $0.header.indices.contains(label) ? $0.header[label] : nil }),
            found: Self.label(decoder.decode(row.field(label)).text)))
    }

    /// A row's label as a warning quotes it: trimmed, at most 60 characters.
    static func label(_ text: String) -> String {
        let label = text.trimmed
        return label.count > 60 ? String(label.prefix(60)) + "…" : label
    }

    /// How many rows below the expected header are tried as header.
    static let rowsSearchedForHeader = 10

    /// What the byte plan makes of a row: its record, or only what the sheet-wide checks need when no records are built.
    private static func preparer(
        _ plan: BytePlan, decoder: CellDecoder, file: String, checksum: String, buildsRecords: Bool
    ) -> @Sendable () -> RowPreparation<PreparedRow>.Preparer {
        guard buildsRecords else {
            return {
                // One cache of the check programs per block (or per sequential read): its rows take no lock.
                // And one plan, whose reference count only this block's thread updates.
                let plan = plan.forOneThread()
                var cache = plan.programs?.cache()
                return { row in
                    guard let subject = plan.subject(row, decoder: decoder, cache: &cache) else { return .general }
                    return .checked(subject)
                }
            }
        }
        return {
            // Fresh copies of the strings every record of the block shares: reference counts that
            // several threads update at once would cost more than the copies.
            let (file, checksum) = (String(decoding: Array(file.utf8), as: UTF8.self), String(decoding: Array(checksum.utf8), as: UTF8.self))
            let plan = plan.forOneThread()
            return { row in
                let provenance = Provenance(file: file, sha256: checksum, line: row.line)
                guard let planned = plan.record(row, decoder: decoder, provenance: provenance) else { return .general }
                return .record(BuiltRecord(planned, provenance: provenance))
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
        problems += personalData(in: values, labels: binding.labels, line: row.line)
        var reader = RowReader(values: values, labels: binding.labels, file: file, line: row.line, mapping: mapping)
        reader.enteNames = enteNames
        var record = RecordBuilder.build(mapping.target, &reader, provenance: provenance)
        problems += reader.problems
        // Only a refused row's cells are read for it: a row taken fixes the sheet's subject itself.
        if record == nil, singleSubject, stated.ente == nil || stated.year == nil || awaitsStatedAmbito { noteStated(values) }
        if reader.amountReadsWithDotDecimal { amountsWithDotDecimal += 1 }
        if record != nil, singleSubject, let text = values["anno"], let year = RowReader.year(text),
           let otherYear = checkYear(year, line: row.line) {
            problems.append(otherYear)
            record = nil
        }
        if record != nil, subject.ambito == nil, recordsAmbito {
            subject.ambito = values["ambito"]
        }
        if singleSubject, case .declaration(let built) = record, let otherEnte = checkSubject(built.ente) {
            problems.append(otherEnteDiagnostic(otherEnte, line: row.line))
            record = nil
        }
        // A message quotes the cell it is about: personal data there is masked, whatever the problem.
        return (record, problems.map(\.maskingPersonalData))
    }

    /// Keeps the ente and year a row's cells state, when the sheet has none yet (``stated``).
    private mutating func noteStated(_ values: [String: String]) {
        if awaitsStatedAmbito, let ambito = values["ambito"], !ambito.isEmpty { stated.ambito = ambito }
        if stated.ente == nil {
            stated.ente = values["ente"].flatMap { CellParsers.ente($0)?.ente }
                ?? values["ente_istat"].flatMap { CellParsers.istat($0.utf8).map { EnteRef(comune: $0.code) } }
        }
        if stated.year == nil { stated.year = values["anno"].flatMap(RowReader.year) }
    }

    /// One data-protection error per free-text cell that holds personal data, the value masked.
    private func personalData(in values: [String: String], labels: [String: String], line: Int) -> [Diagnostic] {
        values.keys.sorted().compactMap { field in
            guard labels[field]?.hasPrefix("default:") != true, mapping.target.isFreeText(field),
                  let text = values[field], let finding = PersonalDataScanner.scan(text) else { return nil }
            return Problem.personalData(finding.kind).at(
                SourceLocation(file: file, line: line, column: labels[field] ?? field), found: finding.masked)
        }
    }

    private mutating func reject(
        _ row: borrowing CSVRow, problems: [Diagnostic], onRejected: (RejectedRow) throws -> Void
    ) throws {
        for problem in problems { diagnostics.add(problem) }
        try list(row, reasons: problems.filter { $0.severity == .error }, onRejected: onRejected)
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
    private mutating func checkSingleSubject(_ stated: SheetSubject, line: Int) -> [Diagnostic] {
        if let year = stated.year, let otherYear = checkYear(year, line: line) { return [otherYear] }
        if let ente = stated.ente, let otherEnte = checkSubject(ente) { return [otherEnteDiagnostic(otherEnte, line: line)] }
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
        otherSubjectRows += 1
        return Problem.csvOtherYear.at(
            SourceLocation(file: file, line: line, column: binding?.labels["anno"]), found: String(year), expected: String(fixed))
    }

    /// Fixes the sheet's ente on the first declaration; returns the ente of a declaration that differs.
    private mutating func checkSubject(_ ente: EnteRef) -> EnteRef? {
        guard let fixed = subject.ente else {
            subject.ente = ente
            return nil
        }
        guard fixed != ente else { return nil }
        otherSubjectRows += 1
        return ente
    }

    func diagnostic(for error: CSVReadError) -> Diagnostic {
        error.diagnostic(file: file)
    }

    private var details: [String: String] {
        var details = [
            "encoding": encoding.rawValue, "delimiter": delimiterName, "blank_rows": String(blankRows),
            "header_line": String(headerLine), "target": mapping.target.rawValue, "max_rejected": String(maxRejected),
        ]
        if totalsRows > 0 { details["totals_rows"] = String(totalsRows) }
        if sectionRows > 0 { details["section_rows"] = String(sectionRows) }
        return details
    }

    /// The result once every row is read: a file with no data row, no accepted row, or more
    /// rejected rows than the limit is rejected whole, so it never replaces a good version.
    func finish() -> ImportResult {
        if let headerFailure, binding == nil { return reject(headerFailure) }
        var all = diagnostics.finished(file: file)
        if binding == nil {
            all.append(Problem.csvMissingHeader.at(SourceLocation(file: file), expected: String(max(1, mapping.format.headerRow))))
            return result(.rejected, diagnostics: all)
        }
        let whole = SourceLocation(file: file)
        if amountsWithDotDecimal > 0, amountsWithDotDecimal * 2 >= rowsRead {
            all.append(Problem.csvDotDecimals.at(whole, found: String(amountsWithDotDecimal), expected: String(rowsRead)))
        }
        if otherSubjectRows > 0, otherSubjectRows * 2 >= rowsRead {
            all.append(Problem.csvManySubjects.at(whole, found: String(otherSubjectRows), expected: String(rowsRead)))
        }
        if rowsRejected > maxRejected {
            all.append(Problem.csvTooManyRejected.at(whole, found: String(rowsRejected), expected: String(maxRejected)))
        } else if rowsRead == 0 {
            all.append(Problem.csvNoDataRows.at(whole, found: String(headerLine)))
        } else if rowsAccepted == 0 {
            all.append(Problem.csvNoRowAccepted.at(whole, found: String(rowsRead)))
        } else {
            return result(.accepted, diagnostics: all)
        }
        return result(.rejected, diagnostics: all)
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
        var subject = subject
        // A sheet refused whole is recorded as the sheet of the ente and year its rows state, when no
        // row fixed them: its sender's status says it came and was refused, not that nothing came.
        if status == .rejected {
            subject.ente = subject.ente ?? stated.ente
            subject.year = subject.year ?? stated.year
            subject.ambito = subject.ambito ?? stated.ambito
        }
        return ImportResult(
            file: file, sha256: citedChecksum, byteCount: byteCount, mapping: mapping.name, mappingVersion: mapping.version,
            status: status, subject: subject, rowsRead: rowsRead,
            rowsAccepted: status == .accepted ? rowsAccepted : 0, rowsRejected: status == .accepted ? rowsRejected : rowsRead,
            rejectedRows: [], diagnostics: diagnostics, details: details)
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
