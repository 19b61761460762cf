import PlusModel

/// Builds a declaration straight from a row's bytes when every cell has its plain form.
///
/// Large sheets are nearly all declarations in plain form: six-digit ISTAT code, four-digit
/// year, a service code, an amount like `1.234,56`. Reading them without strings or
/// dictionaries is what keeps import close to libcsv's own speed. Any other row, including
/// every row with a problem, goes through ``RowReader``, which explains what is wrong; so the
/// fast path changes speed, never results.
struct DeclarationFastPath {
    let enteIstat: Int
    let year: Int
    let service: Int
    let amount: Int
    let note: Int?
    let approvedOn: Int?
    /// Bound columns a declaration does not keep (the description): still checked for encoding,
    /// so that a slip there is reported exactly as the general path reports it.
    let otherColumns: [Int]
    /// Columns the mapping requires beyond those the fast path reads anyway (`note`,
    /// `descrizione`, `data_delibera`): a blank one sends the row to the general path, which refuses it.
    let requiredColumns: [Int]
    /// Free-text columns: a cell that might hold personal data goes to the general path, which scans it.
    let freeTextColumns: [Int]
    let amounts: MoneyParser

    /// The fast path for a binding, or `nil` when the mapping needs the general path
    /// (an `ente` column, defaults, amounts in cents).
    init?(mapping: CSVMapping, binding: ColumnBinding) {
        guard mapping.target == .dichiarazione, mapping.defaults.isEmpty, binding.columns["ente"] == nil,
              mapping.fields["importo"]?.unit != .cents,
              let enteIstat = binding.columns["ente_istat"]?.index, let year = binding.columns["anno"]?.index,
              let service = binding.columns["servizio"]?.index, let amount = binding.columns["importo"]?.index
        else { return nil }
        self.enteIstat = enteIstat
        self.year = year
        self.service = service
        self.amount = amount
        self.note = binding.columns["note"]?.index
        self.approvedOn = binding.columns["data_delibera"]?.index
        let used = Set([enteIstat, year, service, amount] + [note, approvedOn].compactMap { $0 })
        self.otherColumns = binding.columns.values.map(\.index).filter { !used.contains($0) }.sorted()
        let readAnyway = Set([enteIstat, year, service, amount])
        self.requiredColumns = binding.columns.compactMap { field, column in
            let required = mapping.fields[field]?.required == true
                || mapping.target.fields.contains { $0.name == field && $0.required }
            return required && !readAnyway.contains(column.index) ? column.index : nil
        }.sorted()
        self.amounts = MoneyParser(convention: mapping.format.decimal)
        self.freeTextColumns = binding.columns.compactMap { field, column in
            mapping.target.isFreeText(field) ? column.index : nil
        }.sorted()
    }

    /// The numbers and the ente of a row that passed every check.
    struct Checked: Sendable {
        var ente: EnteRef
        var year: Int
        var amount: Money
    }

    /// Checks every cell as ``declaration(_:decoder:provenance:)`` reads it, without building its text.
    func check(_ row: borrowing CSVRow, decoder: CellDecoder) -> Checked? {
        if let approvedOn, !row.isEmpty(approvedOn) { return nil }
        for index in requiredColumns where !Self.needsNoTrimming(row.field(index)) { return nil }
        for index in freeTextColumns where PersonalDataScanner.mightContain(row.field(index)) { return nil }
        if decoder.encoding.fieldsAreUTF8 {
            for index in otherColumns where !decoder.decodesExactly(row.field(index)) { return nil }
        }
        let istat = row.field(enteIstat)
        guard istat.count == 6, istat.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let year = Self.year(row.field(year)) else { return nil }
        let amountBytes = row.field(amount)
        guard decoder.readsAsUTF8(amountBytes), let amount = try? amounts.parse(utf8: amountBytes) else { return nil }
        let serviceBytes = row.field(service)
        guard Self.needsNoTrimming(serviceBytes), decoder.decodesExactly(serviceBytes) else { return nil }
        if let note, !decoder.decodesExactly(row.field(note)) { return nil }
        return Checked(ente: EnteRef(comune: String(decoding: istat, as: UTF8.self)), year: year, amount: amount)
    }

    /// The declaration of a row that passes ``check(_:decoder:)``, its text decoded and trimmed.
    func declaration(_ row: borrowing CSVRow, decoder: CellDecoder, provenance: Provenance) -> Declaration? {
        guard let checked = check(row, decoder: decoder) else { return nil }
        let service = decoder.decode(row.field(service)).text
        var note: String?
        if let index = self.note, !row.isEmpty(index) {
            let bytes = row.field(index)
            let text = decoder.decode(bytes).text
            note = Self.needsNoTrimming(bytes) ? text : text.trimmed
            if note?.isEmpty == true { note = nil }
        }
        return Declaration(
            ente: checked.ente, year: checked.year, service: service, amount: checked.amount, note: note,
            provenance: provenance)
    }

    /// Whether the cell is non-empty and neither starts nor ends with a blank, so that its text
    /// is already what trimming would give. A byte of 0x80 or more at either end may be a
    /// non-breaking space in some encoding: such a cell is trimmed the slow way.
    private static func needsNoTrimming(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        let plain = { (byte: UInt8) in byte > 0x20 && byte < 0x80 }
        return plain(first) && plain(last)
    }

    /// The year of a plain four-digit cell; any other is left to ``RowReader/year(_:)``, the one reading of a year.
    private static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 4 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return RowReader.years.contains(value) ? value : nil
    }
}
