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
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        try dataset.forEachRow { row in
            for (index, cell) in row.enumerated() {
                if index > 0 { sink.write(bytes: CollectionOfOne(dialect.delimiter)) }
                // Numbers as bytes straight from their integers: a String a cell was most of the writing.
                if writeNumber(cell, into: &digits) {
                    sink.write(bytes: digits)
                    continue
                }
                let field = dialect.text(of: cell)
                if (Self.isText(cell) && dialect.quotesText) || needsQuotes(field) {
                    sink.write(bytes: quoter.quoted(field))
                } else {
                    sink.write(field)
                }
            }
            sink.write("\r\n")
        }
        return try sink.close()
    }

    /// `cell`'s field in `bytes` when it is an integer or an amount that needs no quotes, the
    /// same bytes as ``CSVDialect/text(of:)`` gives; `false` for any other cell.
    private func writeNumber(_ cell: ExportCell, into bytes: inout [UInt8]) -> Bool {
        let separator = dialect.decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        bytes.removeAll(keepingCapacity: true)
        switch cell {
        case .integer(let value):
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            Self.appendDigits(value.magnitude, to: &bytes)
        case .money(let money) where separator != dialect.delimiter:
            Self.appendHundredths(money.cents, separator: separator, to: &bytes)
        case .basisPoints(let value) where separator != dialect.delimiter:
            Self.appendHundredths(value, separator: separator, to: &bytes)
        default:
            return false
        }
        return true
    }

    /// `-1234.56` from -123456, as ``PlusModel/Money/formatted(_:)`` writes it plain.
    private static func appendHundredths(_ value: Int64, separator: UInt8, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let (whole, fraction) = value.magnitude.quotientAndRemainder(dividingBy: 100)
        appendDigits(whole, to: &bytes)
        bytes.append(separator)
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
        bytes[start...].reverse()
    }

    private static func isText(_ cell: ExportCell) -> Bool {
        if case .text = cell { return true }
        return false
    }

    private func writeRow(_ fields: [String], quoted: (Int) -> Bool, to sink: FileSink, quoter: inout Quoter) {
        for (index, field) in fields.enumerated() {
            if index > 0 { sink.write(bytes: CollectionOfOne(dialect.delimiter)) }
            if quoted(index) || needsQuotes(field) {
                sink.write(bytes: quoter.quoted(field))
            } else {
                sink.write(field)
            }
        }
        sink.write("\r\n")
    }

    private func needsQuotes(_ field: String) -> Bool {
        let delimiter = dialect.delimiter
        // A space's byte first, then whether it is a whole character (not a space under an accent).
        return field.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || (field.utf8.first == 0x20 && field.first == " ") || (field.utf8.last == 0x20 && field.last == " ")
    }
}

/// libcsv's writer over one reused buffer.
private struct Quoter {
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
