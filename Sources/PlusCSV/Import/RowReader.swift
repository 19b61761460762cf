import PlusModel

/// Reads the canonical fields of one row, collecting every problem instead of stopping at the first.
///
/// A row with any error is rejected as a whole, with all its reasons; warnings travel
/// with the accepted record's import result.
struct RowReader: CellReading {
    /// Field → trimmed text, from the field's column or else its default.
    let values: [String: String]
    /// Field → the column label shown in diagnostics.
    let labels: [String: String]
    let file: String
    let line: Int
    let mapping: CSVMapping
    private(set) var problems: [Diagnostic] = []
    /// Whether an amount this row failed to read under the mapping's convention reads with a
    /// dot decimal: many such rows mean a sheet re-saved with English settings (CSV040).
    private(set) var amountReadsWithDotDecimal = false
    /// The sheet's Ambito's enti by name, when known: an ente named where its code belongs is read
    /// through them, with a warning (CSV211).
    var enteNames: EnteNames?

    init(values: [String: String], labels: [String: String], file: String, line: Int, mapping: CSVMapping) {
        self.values = values
        self.labels = labels
        self.file = file
        self.line = line
        self.mapping = mapping
    }

    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func add(_ diagnostic: Diagnostic) { problems.append(diagnostic) }

    func has(_ field: String) -> Bool { labels[field] != nil }

    func location(_ field: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: labels[field] ?? field)
    }

    /// The raw text, or `nil` when blank; a blank required field is an error.
    mutating func text(_ field: String, required: Bool, expected: String?) -> String? {
        if let value = values[field], !value.isEmpty { return value }
        if required || mapping.fields[field]?.required == true {
            add(Problem.csvRequiredValue.at(location(field), found: "", expected: expected ?? field))
        }
        return nil
    }

    mutating func money(_ field: String, required: Bool) -> Money? {
        guard let raw = text(field, required: required, expected: example) else { return nil }
        do {
            let parsed = try Self.amount(raw, convention: mapping.format.decimal)
            return mapping.fields[field]?.unit == .cents ? Money(cents: parsed.cents / 100) : parsed
        } catch {
            report(error, raw: raw, field: field)
            return nil
        }
    }

    /// An amount read through ``MoneyParser/parse(utf8:)``, which takes the plain shapes straight
    /// from the bytes and words every error: a cost split has one amount a row, a region millions.
    static func amount(_ raw: String, convention: DecimalConvention) throws(MoneyParseError) -> Money {
        var bytes = raw
        let parser = MoneyParser(convention: convention)
        return try bytes.withUTF8 { utf8 in Result { () throws(MoneyParseError) in try parser.parse(utf8: utf8) } }.get()
    }

    /// A number with decimals per the mapping's convention (`12,5`), exact; CSV204 when unreadable.
    mutating func decimal(_ field: String) -> ExactDecimal? {
        guard let raw = text(field) else { return nil }
        guard let value = ExactDecimal(parsing: raw, convention: mapping.format.decimal) else {
            let example = mapping.format.decimal == .dot ? "12 | 12.5 | 1,234.75" : "12 | 12,5 | 1.234,75"
            // A number past the limits is still a number: the message says which limit, not only
            // the shape (`9223372036854775807 non è 12 | 12,5` puzzled its reader).
            let digits = String(ExactDecimal.maximumDigits), decimals = String(ExactDecimal.maximumScale)
            add(Problem.csvNotAnInteger.at(
                location(field), found: raw, expected: example,
                localizedDetails: ["expected": LocalizedText(
                    it: "\(example) (al massimo \(digits) cifre, di cui \(decimals) decimali)",
                    en: "\(example) (at most \(digits) digits, \(decimals) of them decimals)")]))
            return nil
        }
        return value
    }

    /// A percentage such as `41,27` or `41,27 %`, in basis points; CSV212 with the reason when
    /// it cannot be read, is past 100 or has more decimals than the hundredths it is kept in.
    mutating func basisPoints(_ field: String) -> Int64? {
        guard var raw = text(field) else { return nil }
        if raw.hasSuffix("%") { raw = String(raw.dropLast()) }
        let reason: LocalizedText
        do {
            let value = try Self.amount(raw, convention: mapping.format.decimal)
            if (0...10_000).contains(value.cents) { return value.cents }
            reason = LocalizedText(it: "non è tra 0 e 100", en: "it is not between 0 and 100")
        } catch .tooManyDecimals {
            reason = LocalizedText(
                it: "più di due decimali, e le percentuali si tengono al centesimo: arrotondarla nel foglio (con ARROTONDA) e inviarlo di nuovo",
                en: "more than two decimals, and percentages are kept to the hundredth: round it in the sheet (with ROUND) and send it again")
        } catch .ambiguousSeparator {
            reason = LocalizedText(it: "il separatore può essere delle migliaia o dei decimali", en: "the separator may be of thousands or of decimals")
        } catch {
            reason = Self.reason(of: error)
        }
        let example = mapping.format.decimal == .dot ? "41.27 | 41.27 %" : "41,27 | 41,27 %"
        add(Problem.csvInvalidPercentage.at(location(field), found: raw, expected: example, localizedDetails: ["reason": reason]))
        return nil
    }

    mutating func integer(_ field: String, required: Bool, range: ClosedRange<Int>, expected: String) -> Int? {
        guard let raw = text(field, required: required, expected: expected) else { return nil }
        guard let value = Self.wholeNumber(raw, in: range) else {
            add(Problem.csvNotAnInteger.at(location(field), found: raw, expected: expected))
            return nil
        }
        return value
    }

    /// A whole number as sheets write it (`1.234`, `1 234`, `1234`) within `range`, else `nil`: ``CellParsers/wholeNumber(_:in:)``.
    static func wholeNumber(_ raw: String, in range: ClosedRange<Int> = 0...Int.max) -> Int? {
        CellParsers.wholeNumber(raw.utf8, in: range)
    }

    mutating func year(_ field: String, required: Bool) -> Int? {
        guard let raw = text(field, required: required, expected: "2000…2100") else { return nil }
        guard let value = Self.year(raw) else {
            add(Problem.csvNotAnInteger.at(location(field), found: raw, expected: "2000…2100"))
            return nil
        }
        return value
    }

    /// The one reading of a year cell (a spreadsheet may write `2.019`): what the record keeps is what the sheet's year is checked against.
    static func year(_ raw: String) -> Int? {
        CellParsers.year(raw.utf8)
    }

    /// A six-digit ISTAT code; four or five digits are padded (spreadsheets drop leading zeros).
    mutating func istat(_ field: String, required: Bool) -> String? {
        guard let raw = text(field, required: required, expected: "095038") else { return nil }
        guard let (code, padded) = CellParsers.istat(raw.utf8) else {
            add(Problem.csvInvalidIstat.at(location(field), found: raw, expected: "095038"))
            return nil
        }
        if padded {
            add(Problem.csvIstatLeadingZeros.at(location(field), found: raw, expected: code))
        }
        return code
    }

    /// An ente: `tipo:codice` (e.g. `asl:ASL5`) or a Comune's ISTAT code.
    mutating func ente(_ field: String) -> EnteRef? {
        guard let raw = text(field) else { return nil }
        if let (ente, padded) = CellParsers.ente(raw) {
            if padded {
                // `95018` is read as `095018`, `comune:95018` as `comune:095018`: as it was written.
                add(Problem.csvIstatLeadingZeros.at(location(field), found: raw, expected: raw.contains(":") ? ente.description : ente.code))
            }
            return ente
        }
        if let names = enteNames, let ente = names.ente(named: raw) {
            add(Problem.csvEnteByName.at(location(field), found: raw, expected: ente.description, details: ["ambito": names.ambito]))
            return ente
        }
        // Whether a name could have been read says what to do: fix the name, or send the sheet where its Ambito is known.
        let names = enteNames.map { LocalizedText(
            it: "o il nome di un ente dell'Ambito \($0.ambito), ma nessuno si chiama così",
            en: "or the name of an ente of Ambito \($0.ambito), but none is called that") } ?? LocalizedText(
            it: "un nome si legge solo dove l'Ambito della scheda e i suoi dati di riferimento sono noti: plus run, plus import --store",
            en: "a name is read only where the sheet's Ambito and its reference data are known: plus run, plus import --store")
        add(Problem.csvInvalidEnte.at(location(field), found: raw, expected: "095038 | asl:ASL5 | provincia:OR", localizedDetails: ["names": names]))
        return nil
    }

    /// A date written `gg/mm/aaaa` (or as ``PlusModel/CivilDate/init(sheet:)`` also reads it).
    mutating func date(_ field: String) -> CivilDate? {
        guard let raw = text(field) else { return nil }
        if let date = CivilDate(sheet: raw) { return date }
        add(Problem.csvInvalidDate.at(location(field), found: raw, expected: "gg/mm/aaaa"))
        return nil
    }

    mutating func boolean(_ field: String) -> Bool {
        guard let raw = text(field) else { return false }
        guard let value = Self.boolean(raw) else {
            add(Problem.csvUnknownValue.at(location(field), found: raw, expected: "sì | no"))
            return false
        }
        return value
    }

    /// The one reading of a yes/no cell, `nil` when it is neither.
    static func boolean(_ raw: String) -> Bool? {
        switch HeaderName(raw).key {
        case "si", "s", "yes", "y", "true", "1", "x", "vero": true
        case "no", "n", "false", "0", "falso": false
        default: nil
        }
    }

    /// One of a closed set of values, compared like headers.
    mutating func choice<Value>(_ field: String, _ options: Choices<Value>) -> Value? {
        guard let raw = text(field) else { return nil }
        if let match = options.value(for: raw) { return match }
        add(Problem.csvUnknownValue.at(location(field), found: raw, expected: options.spellings.joined(separator: ", ")))
        return nil
    }

    mutating func parsed<Value>(_ field: String, required: Bool, expected: String?, by parse: @escaping (String) -> Value?) -> Value? {
        guard let raw = text(field, required: required, expected: nil) else { return nil }
        if let value = parse(raw) { return value }
        add(Problem.csvUnknownValue.at(location(field), found: raw, expected: expected))
        return nil
    }

    private var example: String {
        switch mapping.format.decimal {
        case .dot: "1234.56"
        case .comma, .auto: "1.234,56"
        }
    }

    private mutating func report(_ error: MoneyParseError, raw: String, field: String) {
        if mapping.format.decimal != .dot, (try? MoneyParser(convention: .dot).parse(raw)) != nil {
            amountReadsWithDotDecimal = true
        }
        if case .ambiguousSeparator = error {
            add(Problem.csvAmbiguousNumber.at(location(field), found: raw, expected: "1.234,00 | 1,234"))
            return
        }
        add(Problem.csvNotAnAmount.at(location(field), found: raw, expected: example, localizedDetails: ["reason": Self.reason(of: error)]))
    }

    /// Why a cell is not a number, in both languages.
    private static func reason(of error: MoneyParseError) -> LocalizedText {
        switch error {
        case .ambiguousSeparator: LocalizedText(it: "separatore ambiguo", en: "ambiguous separator")
        case .empty: LocalizedText(it: "è vuoto", en: "it is empty")
        case .invalidCharacter(let character): LocalizedText(it: "contiene «\(character)»", en: "it contains '\(character)'")
        case .badGrouping: LocalizedText(it: "separatori fuori posto", en: "misplaced separators")
        case .tooManyDecimals: LocalizedText(it: "più di due decimali", en: "more than two decimals")
        case .overflow: LocalizedText(it: "troppo grande", en: "too large")
        }
    }
}
