/// What one row may hold, whatever it is read from (a CSV file, a workbook's sheet): past these
/// the file is refused (`CSV014`, `CSV018`, `WBK004`), and nothing past them is kept.
///
/// ```swift
/// guard cell.utf8.count <= RowLimits.fieldBytes else { /* refuse the file */ }
/// ```
public enum RowLimits {
    /// The most bytes one field may hold (``CSVImporter/maxFieldBytes`` unless set otherwise).
    public static let fieldBytes = 1 << 20
    /// The most fields a row may have: a spreadsheet's columns (XFD). A 50 MB row of semicolons
    /// made fifty million fields, and the import took 3 GB and 46 s before rejecting it.
    public static let fields = 16_384
    /// The most bytes a row may hold: a row is held whole until its end.
    public static let bytes = 16 << 20
}
