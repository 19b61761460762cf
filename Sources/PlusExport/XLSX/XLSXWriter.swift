import CXLSXWriter
import Foundation
import PlusModel

/// Writes datasets as one .xlsx workbook for people, one sheet per dataset, with libxlsxwriter.
///
/// Every text cell is typed as text (format `@`), so an ISTAT code keeps its leading zero and an
/// act number such as `20/9` never turns into a date; amounts are numbers shown `#,##0.00`
/// (`#.##0,00` in an Italian locale); dates are dates; the header row is frozen and filtered, and
/// each column is as wide as its longest value. The file format holds numbers as doubles: cents
/// become a double only here, at the edge (cents / 100 is exact to the cent far beyond any plan);
/// the exact value stays in the CSV, JSON and store.
///
/// ```swift
/// try XLSXWriter().write(datasets, to: URL(fileURLWithPath: "out/plus-export.xlsx"))
/// ```
public struct XLSXWriter: Sendable {
    /// The widest a column grows, in characters.
    static let maximumWidth = 60.0

    public init() {}

    /// Writes the workbook; `created` is the creation time it states, so that the same data
    /// and metadata give the same bytes.
    public func write(_ datasets: [any ExportTable], created: Date = Date(timeIntervalSince1970: 0), to url: URL) throws {
        var options = lxw_workbook_options()
        // Rows go to a temporary file as written: a region's export never sits whole in memory.
        options.constant_memory = 1
        guard let workbook = workbook_new_opt(url.path, &options) else {
            throw ExportError(.exportCannotWrite, path: url.lastPathComponent)
        }
        var properties = lxw_doc_properties()
        properties.created = time_t(created.timeIntervalSince1970)
        workbook_set_properties(workbook, &properties)
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_num_format(header, "@")
        let text = workbook_add_format(workbook)
        format_set_num_format(text, "@")
        let amount = workbook_add_format(workbook)
        format_set_num_format(amount, "#,##0.00")
        let whole = workbook_add_format(workbook)
        format_set_num_format(whole, "0")
        let date = workbook_add_format(workbook)
        format_set_num_format(date, "dd/mm/yyyy")

        for dataset in datasets {
            guard let sheet = workbook_add_worksheet(workbook, String(dataset.name.prefix(31))) else {
                throw ExportError(.exportCannotWrite, path: url.lastPathComponent, found: dataset.name)
            }
            for (index, width) in try Self.widths(dataset).enumerated() {
                worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), width, nil)
            }
            worksheet_freeze_panes(sheet, 1, 0)
            if !dataset.columns.isEmpty {
                worksheet_autofilter(sheet, 0, 0, lxw_row_t(dataset.rowCount), lxw_col_t(dataset.columns.count - 1))
            }
            for (index, column) in dataset.columns.enumerated() {
                try check(worksheet_write_string(sheet, 0, lxw_col_t(index), column.name, header), url)
            }
            var line: lxw_row_t = 0
            try dataset.forEachRow { row in
                line += 1
                for (index, cell) in row.enumerated() {
                    let column = lxw_col_t(index)
                    switch cell {
                    case .text(let value): try check(worksheet_write_string(sheet, line, column, value, text), url)
                    case .integer(let value): try check(worksheet_write_number(sheet, line, column, Double(value), whole), url)
                    case .money(let value): try check(worksheet_write_number(sheet, line, column, Double(value.cents) / 100, amount), url)
                    case .basisPoints(let value): try check(worksheet_write_number(sheet, line, column, Double(value) / 100, amount), url)
                    // A workbook stores doubles: the exact decimal becomes one only here, at the edge.
                    case .decimal(let value): try check(worksheet_write_number(sheet, line, column, Double(value.description) ?? 0, nil), url)
                    case .date(let value):
                        var stamp = lxw_datetime(year: Int32(value.year), month: Int32(value.month), day: Int32(value.day), hour: 0, min: 0, sec: 0)
                        try check(worksheet_write_datetime(sheet, line, column, &stamp, date), url)
                    case .bool(let value): try check(worksheet_write_boolean(sheet, line, column, value ? 1 : 0, nil), url)
                    case .null: break
                    }
                }
            }
        }
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw ExportError(.exportCannotWrite, path: url.lastPathComponent, found: String(cString: lxw_strerror(status)))
        }
    }

    /// Flushes the written workbook to disk, as ``FileSink`` does for the other formats.
    static func synchronize(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ExportError.systemCall(path: url.path) }
        defer { _ = close(descriptor) }
        if fsync(descriptor) != 0 { throw ExportError.systemCall(path: url.path) }
    }

    private func check(_ status: lxw_error, _ url: URL) throws {
        guard status == LXW_NO_ERROR else {
            throw ExportError(.exportCannotWrite, path: url.lastPathComponent, found: String(cString: lxw_strerror(status)))
        }
    }

    /// Each column's width in characters: its longest value as shown, within 8…60.
    static func widths(_ dataset: any ExportTable) throws -> [Double] {
        var longest = dataset.columns.map { $0.name.count }
        try dataset.forEachRow { row in
            for (index, cell) in row.enumerated() where index < longest.count {
                let shown: Int
                switch cell {
                case .money(let value): shown = value.formatted(.plain).count + value.formatted(.plain).count / 3
                case .date: shown = 10
                default: shown = cell.plainText?.count ?? 0
                }
                longest[index] = max(longest[index], shown)
            }
        }
        return longest.map { min(maximumWidth, max(8, Double($0) + 2)) }
    }
}
