import PlusModel

/// The state of one import while rows stream by: header binding, counts, diagnostics, the sheet's ente.
struct ImportSession {
    /// Thrown from the row callback when the file cannot be used (e.g. the mapping does not fit).
    struct Stop: Error {
        var diagnostics: [Diagnostic]
    }

    let mapping: CSVMapping
    let file: String
    let sha256: String
    let byteCount: Int
    var diagnostics: DiagnosticCollector
    var encoding: SourceEncoding = .utf8
    var delimiter: UInt8 = UInt8(ascii: ";")
    var binding: ColumnBinding?
    var fastPath: DeclarationFastPath?
    var recordIndex = 0
    var rowsRead = 0
    var rejectedCount = 0
    var blankRows = 0
    var subject = SubmissionSubject()
    var headerLine = 0

    init(mapping: CSVMapping, file: String, sha256: String, byteCount: Int, diagnosticsPerCode: Int) {
        self.mapping = mapping
        self.file = file
        self.sha256 = sha256
        self.byteCount = byteCount
        self.diagnostics = DiagnosticCollector(limitPerCode: diagnosticsPerCode)
        subject.year = mapping.defaults["anno"].flatMap { Int($0) }
        subject.ambito = mapping.defaults["ambito"]
        subject.ente = mapping.defaults["ente"].flatMap { EnteRef(parsing: $0) }
            ?? mapping.defaults["ente_istat"].map { EnteRef(comune: $0) }
    }

    mutating func start(encoding: SourceEncoding, delimiter: UInt8) {
        self.encoding = encoding
        self.delimiter = delimiter
        diagnostics.add(Problem.csvEncoding.at(SourceLocation(file: file), found: encoding.rawValue))
        diagnostics.add(Problem.csvDelimiter.at(SourceLocation(file: file), found: delimiterName))
    }

    var delimiterName: String { delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter)) }

    mutating func consume(
        _ row: borrowing CSVRow, onRecord: (ImportedRecord) throws -> Void, onRejected: (RejectedRow) throws -> Void
    ) throws {
        recordIndex += 1
        let decoder = CellDecoder(encoding: encoding)
        if mapping.format.headerRow > 0 && recordIndex < mapping.format.headerRow { return }
        if binding == nil {
            headerLine = row.line
            let header = mapping.format.headerRow > 0 ? (0..<row.count).map { decoder.decode(row.field($0)).text.trimmed } : []
            var headerDiagnostics = DiagnosticCollector(limitPerCode: diagnostics.limitPerCode)
            let bound = ColumnBinding(mapping: mapping, header: header, file: file, line: row.line, diagnostics: &headerDiagnostics)
            for diagnostic in headerDiagnostics.kept { diagnostics.add(diagnostic) }
            if headerDiagnostics.hasErrors { throw Stop(diagnostics: headerDiagnostics.kept) }
            binding = bound
            fastPath = DeclarationFastPath(mapping: mapping, binding: bound)
            if mapping.format.headerRow > 0 { return }
        }
        guard let binding else { return }
        if row.isBlank {
            blankRows += 1
            return
        }
        rowsRead += 1

        var problems: [Diagnostic] = []
        if row.count < binding.minimumWidth {
            problems.append(Problem.csvShortRow.at(
                SourceLocation(file: file, line: row.line), found: String(row.count), expected: String(binding.minimumWidth)))
        } else if !binding.header.isEmpty && row.count > binding.header.count
                    && (binding.header.count..<row.count).contains(where: { !row.isEmpty($0) }) {
            diagnostics.add(Problem.csvExtraCells.at(
                SourceLocation(file: file, line: row.line), found: String(row.count), expected: String(binding.header.count)))
        }

        var record: CanonicalRecord?
        let provenance = Provenance(file: file, sha256: sha256, line: row.line)
        if problems.isEmpty, let fastPath, let declaration = fastPath.declaration(row, decoder: decoder, provenance: provenance) {
            record = .declaration(declaration)
            if mapping.singleSubject {
                if let otherYear = checkYear(String(declaration.year), line: row.line, label: binding.labels["anno"]) {
                    problems.append(otherYear)
                    record = nil
                } else if let otherEnte = checkSubject(.declaration(declaration)) {
                    problems.append(otherEnteDiagnostic(otherEnte, line: row.line, labels: binding.labels))
                    record = nil
                }
            }
        } else if problems.isEmpty {
            var values: [String: String] = [:]
            for (field, column) in binding.columns {
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
            record = RecordBuilder.build(mapping.target, &reader, provenance: provenance)
            problems += reader.problems
            if record != nil, mapping.singleSubject, let otherYear = checkYear(values["anno"], line: row.line, label: binding.labels["anno"]) {
                problems.append(otherYear)
                record = nil
            }
            // Reference lists span many Ambiti; plan data belongs to one.
            if record != nil, subject.ambito == nil, mapping.target != .comuni, mapping.target != .enti {
                subject.ambito = values["ambito"]
            }
            if mapping.singleSubject, let built = record, let otherEnte = checkSubject(built) {
                problems.append(otherEnteDiagnostic(otherEnte, line: row.line, labels: binding.labels))
                record = nil
            }
        }
        for problem in problems { diagnostics.add(problem) }
        if let record, problems.isEmpty || !problems.containsErrors {
            try onRecord(ImportedRecord(record: record, provenance: provenance))
        } else {
            rejectedCount += 1
            let cells = (0..<row.count).map { decoder.decode(row.field($0)).text }
            try onRejected(RejectedRow(line: row.line, cells: cells, reasons: problems.filter { $0.severity == .error }))
        }
    }

    private func otherEnteDiagnostic(_ ente: EnteRef, line: Int, labels: [String: String]) -> Diagnostic {
        Problem.csvOtherEnte.at(
            SourceLocation(file: file, line: line, column: labels["ente"] ?? labels["ente_istat"]),
            found: ente.description, expected: subject.ente?.description)
    }

    /// Fixes the sheet's year on the first row that states one; a row of another year is an error.
    private mutating func checkYear(_ text: String?, line: Int, label: String?) -> Diagnostic? {
        guard let text, let year = Int(text) else { return nil }
        guard let fixed = subject.year else {
            subject.year = year
            return nil
        }
        guard fixed != year else { return nil }
        return Problem.csvOtherYear.at(SourceLocation(file: file, line: line, column: label), found: text, expected: String(fixed))
    }

    /// Fixes the sheet's ente and year on the first record; returns the ente of a row that differs.
    private mutating func checkSubject(_ record: CanonicalRecord) -> EnteRef? {
        guard case .declaration(let declaration) = record else { return nil }
        guard let ente = subject.ente else {
            subject.ente = declaration.ente
            return nil
        }
        return ente == declaration.ente ? nil : declaration.ente
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
            file: file, sha256: sha256, byteCount: byteCount, mapping: mapping.name, mappingVersion: mapping.version,
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
