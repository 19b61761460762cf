/// The rows of one sheet, whatever the file format: an .xlsx sheet or an .ods table.
public protocol RowSource: AnyObject {
    /// The next row with its 1-based number, or `nil` after the last; blank rows may be left out.
    func next() throws -> (line: Int, cells: [SheetCell])?
    /// Rows with a cell merged across several columns, among those read so far or in the whole sheet.
    var mergedRows: Set<Int> { get }
    /// Number cells read so far as the sheet shows them, with fewer decimals than the file stores.
    var roundedNumbers: RoundedNumbers { get }
    /// Rows read so far that the sheet hides (hidden by hand or by a filter) and that hold something.
    var hiddenRows: HiddenRows { get }
}

/// The rows of a sheet that hold something but are hidden, hidden by hand or filtered out: read
/// as the others (a CSV saved from the sheet holds them too), and told, since the person who
/// sent the sheet does not see them (WBK023).
public struct HiddenRows: Sendable, Equatable {
    public private(set) var count = 0
    /// The first one's 1-based row.
    public private(set) var first: Int?

    public init() {}

    mutating func note(line: Int, times: Int = 1) {
        count += max(1, times)
        if first == nil { first = line }
    }
}

extension SheetCursor: RowSource {}
