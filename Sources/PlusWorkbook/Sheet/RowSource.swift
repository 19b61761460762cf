/// The rows of one sheet, whatever the file format: an .xlsx sheet or an .ods table.
public protocol RowSource: AnyObject {
    /// The next row with its 1-based number, or `nil` after the last; blank rows may be left out.
    func next() throws -> (line: Int, cells: [SheetCell])?
    /// Rows with a cell merged across several columns, among those read so far or in the whole sheet.
    var mergedRows: Set<Int> { get }
    /// Number cells read so far as the sheet shows them, with fewer decimals than the file stores.
    var roundedNumbers: RoundedNumbers { get }
}

extension SheetCursor: RowSource {}
