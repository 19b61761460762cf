import CCSV
import Foundation
import PlusModel

/// Writes a dataset as CSV in one ``CSVDialect``, quoting through libcsv's `csv_write2`.
///
/// A header row of column names comes first; lines end in CRLF (RFC 4180). A field is
/// quoted when it holds the delimiter, a quote, CR, LF or edge spaces, and every text
/// cell is quoted when the dialect ``CSVDialect/quotesText``; libcsv doubles the quotes inside.
///
/// ```swift
/// try CSVWriter(dialect: .italian).write(servizi, to: url)
/// ```
public struct CSVWriter: Sendable {
    public var dialect: CSVDialect
    /// Whether cells are written as bytes straight from their values (``CSVCellBytes``), or each
    /// through ``CSVDialect/text(of:)``'s `String` and libcsv's quoting, the specification the
    /// bytes are tested against. `PLUS_CSV_CELL_BYTES=off` in the environment turns the bytes off.
    public var writesCellBytes = CSVWriter.writesCellBytesByDefault

    static let writesCellBytesByDefault =
        ProcessInfo.processInfo.environment["PLUS_CSV_CELL_BYTES"]?.lowercased() != "off"

    public init(dialect: CSVDialect) {
        self.dialect = dialect
    }

    /// Writes `dataset` into a new file at `url`; returns the file's checksum and size.
    @discardableResult
    public func write(_ dataset: some ExportTable, to url: URL) throws -> FileDigest {
        let sink = try FileSink(creating: url)
        if dialect.byteOrderMark { sink.write(bytes: [0xEF, 0xBB, 0xBF]) }
        var quoter = Quoter()
        let names = dataset.columns.map(\.name)
        writeRow(names, quoted: { _ in false }, to: sink, quoter: &quoter)
        let delimiter = dialect.delimiter
        if writesCellBytes {
            var cells = CSVCellBytes(dialect: dialect)
            try dataset.forEachRow { row in
                sink.append { bytes in
                    for index in row.indices {
                        if index > 0 { bytes.append(delimiter) }
                        cells.append(row[index], to: &bytes)
                    }
                    bytes.append(0x0D)
                    bytes.append(0x0A)
                }
            }
        } else {
            try dataset.forEachRow { row in
                for (index, cell) in row.enumerated() {
                    if index > 0 { sink.write(byte: delimiter) }
                    sink.write(bytes: Self.field(cell, dialect: dialect, quoter: &quoter))
                }
                sink.write("\r\n")
            }
        }
        return try sink.close()
    }

    /// `cell`'s field as the specification spells it: ``CSVDialect/text(of:)``, quoted by libcsv
    /// when it is a text cell of a dialect that ``CSVDialect/quotesText`` or when it needs quotes.
    static func field(_ cell: ExportCell, dialect: CSVDialect, quoter: inout Quoter) -> ArraySlice<UInt8> {
        let field = dialect.text(of: cell)
        if (isText(cell) && dialect.quotesText) || needsQuotes(field, delimiter: dialect.delimiter) {
            return quoter.quoted(field)
        }
        return ArraySlice(field.utf8)
    }

    private static func isText(_ cell: ExportCell) -> Bool {
        if case .text = cell { return true }
        return false
    }

    private func writeRow(_ fields: [String], quoted: (Int) -> Bool, to sink: FileSink, quoter: inout Quoter) {
        for (index, field) in fields.enumerated() {
            if index > 0 { sink.write(bytes: CollectionOfOne(dialect.delimiter)) }
            if quoted(index) || Self.needsQuotes(field, delimiter: dialect.delimiter) {
                sink.write(bytes: quoter.quoted(field))
            } else {
                sink.write(field)
            }
        }
        sink.write("\r\n")
    }

    static func needsQuotes(_ field: String, delimiter: UInt8) -> Bool {
        // A space's byte first, then whether it is a whole character (not a space under an accent).
        field.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || (field.utf8.first == 0x20 && field.first == " ") || (field.utf8.last == 0x20 && field.last == " ")
    }
}

/// A dialect's cells as the bytes of their CSV fields, appended straight from the values: the same
/// bytes as ``CSVWriter/field(_:dialect:quoter:)``, with no `String` a cell (most of a CSV export
/// went into making them).
///
/// ```swift
/// var cells = CSVCellBytes(dialect: .italian)
/// var bytes: [UInt8] = []
/// cells.append(.money(Money(cents: -1250)), to: &bytes)   // "-12,50"
/// ```
struct CSVCellBytes {
    let dialect: CSVDialect
    private let delimiter: UInt8
    private let decimalSeparator: UInt8
    /// Whether numbers and dates are written here: their digits, signs, slashes and separator can
    /// never need quotes in this dialect. Otherwise (a delimiter such as `.` or `-`) they take
    /// the specification's way.
    private let numbersArePlain: Bool
    private let trueField: [UInt8]
    private let falseField: [UInt8]
    private var quoter = Quoter()

    init(dialect: CSVDialect) {
        self.dialect = dialect
        delimiter = dialect.delimiter
        decimalSeparator = dialect.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        numbersArePlain = !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(delimiter)
            && ![UInt8(ascii: "-"), UInt8(ascii: "/"), decimalSeparator].contains(delimiter)
        trueField = Array(CSVWriter.field(.bool(true), dialect: dialect, quoter: &quoter))
        falseField = Array(CSVWriter.field(.bool(false), dialect: dialect, quoter: &quoter))
    }

    mutating func append(_ cell: ExportCell, to bytes: inout [UInt8]) {
        switch cell {
        case .null:
            return
        case .text(let text):
            appendText(text, to: &bytes)
        case .bool(let value):
            bytes.append(contentsOf: value ? trueField : falseField)
        case .integer(let value) where numbersArePlain:
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            Self.appendDigits(value.magnitude, to: &bytes)
        case .money(let money) where numbersArePlain:
            appendHundredths(money.cents, to: &bytes)
        case .basisPoints(let value) where numbersArePlain:
            appendHundredths(value, to: &bytes)
        case .date(let date) where numbersArePlain:
            if dialect.italianDates {
                Self.appendPadded(date.day, width: 2, to: &bytes)
                bytes.append(UInt8(ascii: "/"))
                Self.appendPadded(date.month, width: 2, to: &bytes)
                bytes.append(UInt8(ascii: "/"))
                Self.appendPadded(date.year, width: 4, to: &bytes)
            } else {
                Self.appendPadded(date.year, width: 4, to: &bytes)
                bytes.append(UInt8(ascii: "-"))
                Self.appendPadded(date.month, width: 2, to: &bytes)
                bytes.append(UInt8(ascii: "-"))
                Self.appendPadded(date.day, width: 2, to: &bytes)
            }
        default:
            // Exact decimals (a few indicators) and the numbers of an odd dialect.
            bytes.append(contentsOf: CSVWriter.field(cell, dialect: dialect, quoter: &quoter))
        }
    }

    /// The text behind ``FormulaGuard``'s apostrophe when it needs one, quoted as libcsv quotes:
    /// between quotes, each quote doubled.
    private mutating func appendText(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        let delimiter = self.delimiter
        let needsQuotes = text.withUTF8 { utf8 in
            utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        }
        // An edge space needs quotes only when it is a whole character: the rare case asks the String.
        let quoted = dialect.quotesText || needsQuotes
            || ((text.utf8.first == 0x20 || text.utf8.last == 0x20)
                && CSVWriter.needsQuotes(FormulaGuard.neutralised(text), delimiter: delimiter))
        text.withUTF8 { utf8 in
            let guarded = utf8.first.map(FormulaGuard.startsFormula) ?? false
            if !quoted {
                if guarded { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            if guarded { bytes.append(UInt8(ascii: "'")) }
            if needsQuotes {
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                }
            } else {
                bytes.append(contentsOf: utf8)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `-1234.56` from -123456, as ``PlusModel/Money/formatted(_:)`` writes it plain.
    private func appendHundredths(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let (whole, fraction) = value.magnitude.quotientAndRemainder(dividingBy: 100)
        Self.appendDigits(whole, to: &bytes)
        bytes.append(decimalSeparator)
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        // Swapped in place: reversing the slice went through a copy of its own a number.
        var low = start, high = bytes.count - 1
        while low < high {
            bytes.swapAt(low, high)
            low += 1
            high -= 1
        }
    }

    /// `value` (never negative: a date's part) with leading zeros up to `width` digits.
    private static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        appendDigits(UInt64(value), to: &bytes)
        let missing = width - (bytes.count - start)
        if missing > 0 { bytes.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: missing), at: start) }
    }
}

/// libcsv's writer over one reused buffer.
struct Quoter {
    private var buffer = [UInt8](repeating: 0, count: 256)

    mutating func quoted(_ field: String) -> ArraySlice<UInt8> {
        var source = Array(field.utf8)
        // csv_write2 returns the size it needs; grow once and write again when it did not fit.
        var needed = write(&source)
        if needed > buffer.count {
            buffer = [UInt8](repeating: 0, count: needed)
            needed = write(&source)
        }
        return buffer[0..<needed]
    }

    private mutating func write(_ source: inout [UInt8]) -> Int {
        let sourceCount = source.count
        return buffer.withUnsafeMutableBytes { destination in
            source.withUnsafeBytes { input in
                csv_write2(destination.baseAddress, destination.count, input.baseAddress, sourceCount, UInt8(ascii: "\""))
            }
        }
    }
}
