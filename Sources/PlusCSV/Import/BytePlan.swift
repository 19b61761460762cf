import Foundation
import PlusModel

/// A mapping compiled against one sheet's header: which bytes of a row each canonical field reads,
/// and by which rule, so that a plain row becomes its record without strings or dictionaries.
///
/// The plan is derived from ``MappingTarget/fields`` (each field's type, whether it is required,
/// whether it is free text) and the ``ColumnBinding``; the record itself comes from the one
/// ``RecordBuilder``, reading cells through ``Cells``. Every target has a plan. A row whose cells
/// the plan cannot read exactly as ``RowReader`` would (a blank at either end, a byte that is not
/// what it seems in the sheet's encoding, possible personal data, any cell with a problem or a
/// warning) is left to the general path, which stays the reference: so the plan changes speed,
/// never results. A check that keeps no record (``subject(_:decoder:cache:)``) goes further: a row
/// whose filled cells match a clean row's replays that row's cell checks (``CheckPrograms``).
///
/// ```swift
/// let plan = BytePlan(mapping: mapping, binding: binding)
/// let planned = plan.record(row, decoder: decoder, provenance: provenance)  // nil: the general path
/// ```
///
/// A class, so that the cells of each row refer to the one plan: as a value, every row copied
/// it, with a retain and a release of each of its tables.
final class BytePlan: Sendable {
    /// One bound field: where its cell is and what the target says of it.
    struct Slot: Sendable {
        let field: String
        let column: Int
        /// Scanned for personal data, as the general path scans it.
        let isFreeText: Bool
    }

    /// What the plan knows of one field the builder may ask for.
    struct Field: Sendable {
        /// The field's column, if bound.
        var column: Int?
        var isFreeText = false
        /// The mapping's default, as written (the general path does not trim it either).
        var fallback: String?
        /// Whether the mapping marks the field required (the target's own required fields are asked for by the builder).
        var mappingRequires = false
        /// Whether the mapping states the amount in cents.
        var inCents = false
    }

    let target: MappingTarget
    let slots: [Slot]
    /// Every field of the target and of the mapping, in the order ``RecordBuilder`` asks for
    /// them: a row's cells are found by a cursor that moves on from the last one, with one
    /// comparison of names each, not a search or a hash.
    let fieldNames: [String]
    /// What the plan knows of each field of ``fieldNames``, at the same index.
    let fields: [Field]
    /// The questions a row is asked, in order (``FieldOrder/questions(of:)``, then the year of
    /// the sheet-wide check), each as the bits of the builder's name literal (``Question``): a
    /// row asked as expected finds each field, or learns it is absent, with one comparison of
    /// two words and no call into `String`, where a search of ``fieldNames`` compared strings.
    let questions: [Question]

    /// One question of ``questions``: the name's bits, and its index in ``fieldNames`` (-1: absent).
    struct Question: Sendable {
        let name: Question.Bits
        let index: Int

        typealias Bits = (UInt64, UInt64)

        /// A string's two words: equal for the same literal. Different bits may still be equal
        /// text (another spelling of the same name), which the search by text then finds.
        @inline(__always)
        static func bits(_ name: String) -> Bits {
            unsafeBitCast(name, to: Bits.self)
        }
    }
    let money: MoneyParser
    /// The cells a row needs for every bound column.
    let width: Int
    /// The columns of ``slots``, in order: bit `i` of a row's ``Cells/presence`` says whether cell `slots[i]` holds something.
    ///
    /// This and ``slotIsFreeText`` are the plan's own memory, read by every row of every thread
    /// and never written: an array's reference count would be updated per row by both threads.
    nonisolated(unsafe) let slotColumns: UnsafeBufferPointer<Int>
    /// Whether each slot is free text, at the same index as ``slotColumns``.
    nonisolated(unsafe) let slotIsFreeText: UnsafeBufferPointer<Bool>
    /// The year's index in ``fields``, for a program's row in a single-subject sheet (-1: none).
    let yearIndex: Int
    /// What a check that keeps no record learnt to ask of a row, by its filled cells; `nil` when
    /// the plan cannot use them (more than 64 bound columns, or a single-subject sheet of
    /// declarations, whose rows' ente comes from the record).
    let programs: CheckPrograms?
    /// Whether the sheet states one year, so that a checked row must tell its own (``SheetSubject``).
    let needsYear: Bool

    /// Whether the plan is used: `PLUS_BYTE_PLAN=off` in the environment turns it off for the
    /// process (read once), so that every row goes through the general path.
    static let isEnabledByEnvironment = ProcessInfo.processInfo.environment["PLUS_BYTE_PLAN"]?.lowercased() != "off"

    init(mapping: CSVMapping, binding: ColumnBinding) {
        target = mapping.target
        let kinds = Dictionary(mapping.target.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        slots = binding.columns.sorted { $0.key < $1.key }.map { field, column in
            Slot(field: field, column: column.index, isFreeText: kinds[field]?.kind == .text)
        }
        let bound = Dictionary(slots.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let names = FieldOrder.asked(by: mapping.target) + mapping.target.fields.map(\.name)
            + slots.map(\.field) + mapping.defaults.keys.sorted() + mapping.fields.keys.sorted()
        var seen: Set<String> = []
        fieldNames = names.filter { seen.insert($0).inserted }
        fields = fieldNames.map { name in
            Field(column: bound[name]?.column, isFreeText: bound[name]?.isFreeText ?? false, fallback: mapping.defaults[name],
                  mappingRequires: mapping.fields[name]?.required ?? false, inCents: mapping.fields[name]?.unit == .cents)
        }
        money = MoneyParser(convention: mapping.format.decimal)
        width = binding.minimumWidth
        let indices = Dictionary(fieldNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        questions = (FieldOrder.questions(of: mapping.target) + [Self.yearField]).map { Question(name: Question.bits($0), index: indices[$0] ?? -1) }
        slotColumns = Self.owned(slots.map(\.column))
        slotIsFreeText = Self.owned(slots.map(\.isFreeText))
        yearIndex = indices[Self.yearField] ?? -1
        needsYear = mapping.singleSubject
        let enteFromRecord = mapping.singleSubject && mapping.target == .dichiarazione
        programs = slots.count <= 64 && !enteFromRecord ? CheckPrograms() : nil
    }

    /// The same plan as another object, for one reading thread: each row's ``Cells`` retains
    /// its plan, and a plan retained by both threads' rows at once had its reference count
    /// passed between the cores every row (a 250 MB sheet's import took 1.2 s instead of
    /// 0.8 s on a host that placed the threads apart). Its tables are copied; the programs,
    /// which the threads teach each other, stay shared.
    func forOneThread() -> BytePlan { BytePlan(copying: self) }

    private init(copying plan: BytePlan) {
        target = plan.target
        slots = plan.slots
        fieldNames = plan.fieldNames
        fields = plan.fields
        questions = plan.questions
        money = plan.money
        width = plan.width
        slotColumns = Self.owned(Array(plan.slotColumns))
        slotIsFreeText = Self.owned(Array(plan.slotIsFreeText))
        yearIndex = plan.yearIndex
        programs = plan.programs
        needsYear = plan.needsYear
    }

    deinit {
        slotColumns.deallocate()
        slotIsFreeText.deallocate()
    }

    private static func owned<Element>(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = memory.initialize(from: elements)
        return UnsafeBufferPointer(memory)
    }

    /// Read after the record, for the sheet-wide check of the year.
    private static let yearField = "anno"

    /// What the plan read of a row: its record, and what the sheet-wide checks need.
    struct Planned {
        var record: CanonicalRecord
        /// The declaration's ente, checked against the sheet's in a single-subject sheet.
        var ente: EnteRef?
        /// The row's year as the general path reads it for the sheet-wide check (`nil` when none).
        var year: Int?
    }

    /// The row's record, or `nil` when the general path must read it.
    ///
    /// With `checksOnly` the record is only checked, never kept: free-text cells are checked as
    /// always but not copied into strings (their text stands in as `…`).
    func record(_ row: borrowing CSVRow, decoder: CellDecoder, provenance: Provenance, checksOnly: Bool = false) -> Planned? {
        read(row, decoder: decoder, provenance: provenance, checksOnly: checksOnly) { Planned(record: $0, ente: $1, year: $2) }
    }

    /// What a check that keeps no record needs of a row the plan reads cleanly: its ente and
    /// year for the sheet-wide checks, without moving the record out (a copy of a large value
    /// per row); `nil` when the general path must read the row.
    ///
    /// With a `cache` of ``programs``, a row whose filled cells match a row read cleanly before
    /// is checked by that row's program: the same cell checks, no record, no field looked up by
    /// name. Its ente is then not told (the plan has no programs where it is needed) and its
    /// year only in a single-subject sheet.
    func subject(_ row: borrowing CSVRow, decoder: CellDecoder, cache: inout CheckPrograms.Cache?) -> SheetSubject? {
        guard row.count >= width else { return nil }
        var cells = Cells(plan: self, decoder: decoder, bytes: row.bytes, bounds: row.bounds, checksOnly: true)
        guard cells.passesWholeRowChecks() else { return nil }
        guard cache != nil else { return checked(&cells, line: row.line) }
        let presence = cells.presence
        let passes = cache!.withProgram(for: presence) { cells.passes($0) }
        if passes == true {
            guard needsYear else { return SheetSubject() }
            let year = cells.statedYear()
            return cells.hasErrors ? nil : SheetSubject(ente: nil, year: year)
        }
        // A row its program does not pass may still read cleanly (a check it cannot replay exactly
        // gives up): the builder decides. A row with no program yet teaches one if it reads cleanly.
        guard passes == nil else { return checked(&cells, line: row.line) }
        cells.startRecording()
        guard let checked = checked(&cells, line: row.line), let steps = cells.recorded else { return nil }
        cache!.learn(steps, for: presence)
        return checked
    }

    @inline(__always)
    private func read<Result>(
        _ row: borrowing CSVRow, decoder: CellDecoder, provenance: Provenance, checksOnly: Bool,
        _ result: (consuming CanonicalRecord, EnteRef?, Int?) -> Result
    ) -> Result? {
        guard row.count >= width else { return nil }
        var cells = Cells(plan: self, decoder: decoder, bytes: row.bytes, bounds: row.bounds, checksOnly: checksOnly)
        guard cells.passesWholeRowChecks() else { return nil }
        guard let record = RecordBuilder.build(target, &cells, provenance: provenance), !cells.hasErrors,
              let (ente, year) = Self.subject(of: record, &cells) else { return nil }
        return result(record, ente, year)
    }

    /// A checked row's subject through the one ``RecordBuilder``, the record thrown away.
    private func checked(_ cells: inout Cells, line: Int) -> SheetSubject? {
        guard let record = RecordBuilder.build(target, &cells, provenance: Provenance(file: "", sha256: "", line: line)), !cells.hasErrors,
              let (ente, year) = Self.subject(of: record, &cells) else { return nil }
        return SheetSubject(ente: ente, year: year)
    }

    /// The ente and year a record's row tells for the sheet-wide checks, `nil` when the year's cell
    /// sends the row to the general path.
    @inline(__always)
    private static func subject(of record: CanonicalRecord, _ cells: inout Cells) -> (EnteRef?, Int?)? {
        let ente: EnteRef? = if case .declaration(let declaration) = record { declaration.ente } else { nil }
        let year = cells.text(Self.yearField).flatMap(RowReader.year)
        return cells.hasErrors ? nil : (ente, year)
    }

    /// The cells of one row as the plan reads them; valid only while the row is.
    struct Cells: CellReading {
        // Strong: an `unowned(unsafe)` plan is retained and released at every use, per field.
        let plan: BytePlan
        let decoder: CellDecoder
        let bytes: UnsafeBufferPointer<UInt8>
        let bounds: UnsafeBufferPointer<Int>
        /// Whether the record is thrown away after the checks, so free text need not be decoded.
        let checksOnly: Bool
        var keepsRecord: Bool { !checksOnly }
        /// Set at the first cell the plan cannot read as the general path would.
        private(set) var hasErrors = false
        /// Where the next field is looked for first: after the one asked for last.
        private var cursor = 0
        /// How many fields the row has been asked for: the next expected question.
        private var asked = 0
        /// The column of the value read last when it came from a cell (-1: a default, nothing, or free text not read).
        private var lastColumn = -1
        /// The checks this row's cells got, while a program is learnt from it (``CheckPrograms``).
        private(set) var recorded: [CheckPrograms.Step]?

        init(plan: BytePlan, decoder: CellDecoder, bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int>, checksOnly: Bool) {
            self.checksOnly = checksOnly
            self.plan = plan
            self.decoder = decoder
            self.bytes = bytes
            self.bounds = bounds
        }

        private func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[bounds[2 * column]..<bounds[2 * column + 1]])
        }

        /// What the general path checks on every bound cell before it reads any: the encoding
        /// (a fallback is a warning) and personal data in free text. A cell with a blank at
        /// either end is trimmed, and so left to the general path too.
        ///
        /// On the way it notes which bound cells hold something (``presence``).
        mutating func passesWholeRowChecks() -> Bool {
            // Through the plan's flat tables: a slot's copy would retain and release its name, per cell.
            let singleByte = !decoder.encoding.fieldsAreUTF8
            var mask: UInt64 = 0
            let (columns, isFreeText) = (plan.slotColumns, plan.slotIsFreeText)
            defer { presence = mask }
            for slot in 0..<columns.count {
                let cell = field(columns[slot])
                if cell.isEmpty { continue }
                if slot < 64 { mask |= 1 << UInt64(slot) }
                guard Self.needsNoTrimming(cell, singleByte: singleByte), decoder.decodesExactly(cell),
                      !isFreeText[slot] || Self.holdsNoPersonalData(cell, decoder: decoder) else { return false }
            }
            return true
        }

        /// Which bound cells hold something, bit `i` for ``BytePlan/slotColumns``[`i`]: set by ``passesWholeRowChecks()``.
        private(set) var presence: UInt64 = 0

        /// Whether the general path finds no personal data in the cell. The byte pre-scan clears
        /// most text; a cell it cannot clear (six digits from a `0` or a `3`, as in `tel. 0783 290123`, an
        /// `@`, a long token) is decoded and scanned as the general path scans it, so that such
        /// rows stay on the plan unless there is something to report. The cell needs no trimming
        /// and decodes exactly, so its text is the general path's.
        static func holdsNoPersonalData(_ cell: UnsafeBufferPointer<UInt8>, decoder: CellDecoder) -> Bool {
            !PersonalDataScanner.mightContain(cell) || PersonalDataScanner.scan(decoder.decode(cell).text) == nil
        }

        /// Whether the cell neither starts nor ends with a blank, so that its text is already
        /// what trimming (``Swift/String/trimmed``: space, tab, CR, LF, U+00A0) would give.
        /// Beyond ASCII the one blank is the non-breaking space: byte 0xA0 in Windows-1252 and
        /// ISO 8859-1, `C2 A0` in UTF-8. So an Italian word ending in an accented letter
        /// (`comunità`, `più`) keeps its row on the plan: in a single-byte sheet any other byte,
        /// in UTF-8 a Latin-1 letter (`C3 80`…`C3 BF`) at either end; other cells with a
        /// non-ASCII edge go to the general path. (Invalid UTF-8 goes there anyway.)
        static func needsNoTrimming(_ cell: UnsafeBufferPointer<UInt8>, singleByte: Bool) -> Bool {
            guard let first = cell.first, let last = cell.last else { return false }
            let ascii = { (byte: UInt8) in byte > 0x20 && byte < 0x80 }
            if singleByte {
                let plain = { (byte: UInt8) in ascii(byte) || (byte >= 0x80 && byte != 0xA0) }
                return plain(first) && plain(last)
            }
            let startsPlain = ascii(first) || first == 0xC3
            let endsPlain = ascii(last) || (cell.count >= 2 && cell[cell.count - 2] == 0xC3)
            return startsPlain && endsPlain
        }


        /// The field's value: the cell's bytes when it has some, else the default's text.
        private enum Value {
            case cell(UnsafeBufferPointer<UInt8>)
            case text(String)
            case none(required: Bool)
            /// A blank cell with a default: the general path scans that default as if it were the
            /// column's, so the row is left to it.
            case unreadable
        }

        /// The index of the field in the plan: the expected question's when it is the one asked,
        /// else looked for from the cursor on.
        ///
        /// A row that skips a question (a field asked only when another is there) finds its
        /// place again within the next few.
        private mutating func entry(_ name: String) -> Int? {
            let bits = Question.bits(name)
            let expected: Int? = plan.questions.withUnsafeBufferPointer { questions in
                var question = asked
                let end = Swift.min(question + 4, questions.count)
                while question < end {
                    if questions[question].name == bits { return question }
                    question += 1
                }
                return nil
            }
            if let expected {
                asked = expected + 1
                let index = plan.questions[expected].index
                guard index >= 0 else { return nil }
                cursor = index + 1
                return index
            }
            let found: Int? = plan.fieldNames.withUnsafeBufferPointer { names in
                var index = cursor
                for _ in 0..<names.count {
                    if index == names.count { index = 0 }
                    if names[index] == name { return index }
                    index += 1
                }
                return nil
            }
            if let found { cursor = found + 1 }
            return found
        }

        private mutating func value(_ name: String) -> Value {
            lastColumn = -1
            guard let index = entry(name) else { return .none(required: false) }
            return value(at: index)
        }

        private mutating func value(at index: Int) -> Value {
            let hasFallback = plan.fields[index].fallback != nil
            if let column = plan.fields[index].column {
                let cell = field(column)
                if !cell.isEmpty {
                    lastColumn = column
                    return .cell(cell)
                }
                if hasFallback { return .unreadable }
            } else if let fallback = plan.fields[index].fallback, !fallback.isEmpty {
                return .text(fallback)
            }
            return .none(required: plan.fields[index].mappingRequires)
        }

        /// Runs `body` on the field's UTF-8 bytes; a blank required field, or a cell whose bytes
        /// are not its UTF-8 text, gives up.
        private mutating func utf8<Result>(
            _ name: String, required: Bool, rule: CheckPrograms.ByteRule, _ body: (UnsafeBufferPointer<UInt8>) -> Result?
        ) -> Result? {
            switch value(name) {
            case .cell(let cell):
                recorded?.append(CheckPrograms.Step(column: lastColumn, rule: .bytes(rule)))
                guard decoder.readsAsUTF8(cell) else { return giveUp() }
                return body(cell) ?? giveUp()
            case .text(var text):
                return text.withUTF8 { body($0) } ?? giveUp()
            case .none(let mappingRequires):
                return required || mappingRequires ? giveUp() : nil
            case .unreadable:
                return giveUp()
            }
        }

        private mutating func giveUp<Result>() -> Result? {
            hasErrors = true
            return nil
        }

        mutating func add(_ diagnostic: Diagnostic) { hasErrors = true }

        func location(_ field: String) -> SourceLocation { SourceLocation(file: "", line: 0, column: field) }

        func has(_ field: String) -> Bool {
            plan.fieldNames.firstIndex(of: field).map { plan.fields[$0].column != nil || plan.fields[$0].fallback != nil } ?? false
        }

        mutating func text(_ field: String, required: Bool, expected: String?) -> String? {
            switch value(field) {
            case .cell(let cell):
                // The cursor is past the field just found.
                if checksOnly, plan.fields[cursor - 1].isFreeText {
                    lastColumn = -1
                    return "…"
                }
                return decoder.decode(cell).text
            case .text(let text): return text
            case .none(let mappingRequires): return required || mappingRequires ? giveUp() : nil
            case .unreadable: return giveUp()
            }
        }

        mutating func money(_ field: String, required: Bool) -> Money? {
            // The parser, a value, is captured: a captured plan would be retained and released per cell.
            let money = plan.money
            guard let amount = utf8(field, required: required, rule: .money, { BytePlan.amount($0, money: money) }) else { return nil }
            return plan.fields[cursor - 1].inCents ? Money(cents: amount.cents / 100) : amount
        }

        mutating func decimal(_ field: String) -> ExactDecimal? {
            let convention = plan.money.convention
            return read(field, { ExactDecimal(parsing: $0, convention: convention) }, rule: { { ExactDecimal(parsing: $0, convention: convention) != nil } })
        }

        mutating func basisPoints(_ field: String) -> Int64? {
            let convention = plan.money.convention
            return read(field, { Self.basisPoints($0, convention: convention) }, rule: { { Self.basisPoints($0, convention: convention) != nil } })
        }

        /// A percentage's basis points as ``RowReader/basisPoints(_:)`` reads them, `nil` when it gives a problem.
        private static func basisPoints(_ text: String, convention: DecimalConvention) -> Int64? {
            let raw = text.hasSuffix("%") ? String(text.dropLast()) : text
            guard let value = try? RowReader.amount(raw, convention: convention), (0...10_000).contains(value.cents) else { return nil }
            return value.cents
        }

        mutating func integer(_ field: String, required: Bool, range: ClosedRange<Int>, expected: String) -> Int? {
            utf8(field, required: required, rule: .integer(range)) { CellParsers.wholeNumber($0, in: range) }
        }

        mutating func year(_ field: String, required: Bool) -> Int? {
            utf8(field, required: required, rule: .year) { CellParsers.year($0) }
        }

        /// Only a code of six digits: a shorter one is padded with a warning, which the general path gives.
        mutating func istat(_ field: String, required: Bool) -> String? {
            utf8(field, required: required, rule: .istat) { bytes in
                CellParsers.istat(bytes).flatMap { $0.padded ? nil : $0.code }
            }
        }

        mutating func ente(_ field: String) -> EnteRef? {
            read(field, Self.ente, rule: { { Self.ente($0) != nil } })
        }

        /// An ente as the general path reads it without a problem or a warning (a padded code has one).
        private static func ente(_ raw: String) -> EnteRef? {
            guard let (ente, padded) = CellParsers.ente(raw), !padded else { return nil }
            return ente
        }

        mutating func date(_ field: String) -> CivilDate? {
            read(field, CivilDate.init(sheet:), rule: { { CivilDate(sheet: $0) != nil } })
        }

        mutating func boolean(_ field: String) -> Bool {
            read(field, RowReader.boolean, rule: { { RowReader.boolean($0) != nil } }) ?? false
        }

        mutating func choice<Value>(_ field: String, _ options: Choices<Value>) -> Value? {
            read(field, { options.value(for: $0) }, rule: { { options.value(for: $0) != nil } })
        }

        mutating func parsed<Value>(_ field: String, required: Bool, expected: String?, by parse: @escaping (String) -> Value?) -> Value? {
            read(field, required: required, parse, rule: { { parse($0) != nil } })
        }

        /// Reads a field's text by `parse`, giving up when it reads nothing; while learning, the
        /// check `rule` makes is what a program asks of the same cell in later rows.
        private mutating func read<Value>(
            _ field: String, required: Bool = false, _ parse: (String) -> Value?, rule: () -> (String) -> Bool
        ) -> Value? {
            guard let raw = text(field, required: required, expected: nil) else { return nil }
            if recorded != nil, lastColumn >= 0 {
                recorded!.append(CheckPrograms.Step(column: lastColumn, rule: .text(rule())))
            }
            return parse(raw) ?? giveUp()
        }

        // MARK: Programs

        /// The year ``RowReader/year(_:)`` reads in the year's text as ``text(_:required:expected:)``
        /// gives it, found by its index: what a program's row in a single-subject sheet tells of its year.
        mutating func statedYear() -> Int? {
            guard plan.yearIndex >= 0 else { return nil }
            switch value(at: plan.yearIndex) {
            // Straight from the bytes: a year is ASCII, which every sheet's decoding leaves as it
            // is, and a cell with any other byte decodes to text with a byte beyond ASCII too, which
            // reads as no year either way. So no text is made.
            case .cell(let cell): return CellParsers.year(cell)
            case .text(let text): return RowReader.year(text)
            case .none(let mappingRequires): return mappingRequires ? giveUp() : nil
            case .unreadable: return giveUp()
            }
        }

        /// Starts noting the checks this row's cells get, for a program.
        mutating func startRecording() { recorded = [] }

        /// Whether the row passes a program's checks: each is the one the builder's reading of
        /// that cell makes (``CheckPrograms/ByteRule``, or the text check it noted).
        ///
        /// Mutating though it changes nothing: called from the program's closure, a non-mutating
        /// method was given a copy of the cells, retaining the plan each row from both reading
        /// threads at once.
        mutating func passes(_ steps: UnsafeMutableBufferPointer<CheckPrograms.Step>) -> Bool {
            let money = plan.money
            for index in steps.indices {
                let cell = field(steps[index].column)
                switch steps[index].rule {
                case .bytes(let rule):
                    guard BytePlan.reads(rule, cell, decoder: decoder, money: money) else { return false }
                case .text(let reads):
                    // Most rows repeat a text a row before passed (`associata`; `sociale` and
                    // `socio-sanitario` in turn): the same bytes in the same sheet are the same
                    // text, so its check is not made again.
                    if steps[index].passed.holds(cell) { continue }
                    guard reads(decoder.decode(cell).text) else { return false }
                    steps[index].passed.keep(cell)
                }
            }
            return true
        }
    }

    /// An amount as the plan reads it (``MoneyParser/parse(utf8:)``), `nil` when it has a problem.
    private static func amount(_ cell: UnsafeBufferPointer<UInt8>, money: MoneyParser) -> Money? {
        try? money.parse(utf8: cell)
    }

    /// Whether the cell reads under `rule`: what ``Cells``' reading of the same kind accepts (its
    /// bytes read as UTF-8, then the rule).
    ///
    /// A plain amount, a year, a whole number and an ISTAT code are ASCII, which reads as UTF-8 in
    /// every sheet: a cell one of them accepts needs no look at its bytes of its own.
    static func reads(
        _ rule: CheckPrograms.ByteRule, _ cell: UnsafeBufferPointer<UInt8>, decoder: CellDecoder, money: MoneyParser
    ) -> Bool {
        switch rule {
        case .money:
            if money.plainAmount(utf8: cell) != nil { return true }
            return decoder.readsAsUTF8(cell) && amount(cell, money: money) != nil
        case .year: return CellParsers.year(cell) != nil
        case .integer(let range): return CellParsers.wholeNumber(cell, in: range) != nil
        case .istat: return CellParsers.istatPadding(cell) == false
        }
    }
}
