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

    public func write(_ dataset: ExportDataset, to url: URL) throws {
        let sink = try FileSink(creating: url)
        if dialect.byteOrderMark { sink.write(bytes: [0xEF, 0xBB, 0xBF]) }
        var quoter = Quoter()
        let names = dataset.columns.map(\.name)
        writeRow(names, quoted: { _ in false }, to: sink, quoter: &quoter)
        for row in dataset.rows {
            writeRow(row.map(dialect.text(of:)), quoted: { index in Self.isText(row[index]) && dialect.quotesText },
                     to: sink, quoter: &quoter)
        }
        try sink.close()
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
        return field.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
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
