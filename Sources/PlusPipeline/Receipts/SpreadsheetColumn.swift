import Foundation

/// Spreadsheet column letters: the name a person sees above a column in Excel or LibreOffice.
///
/// ```swift
/// SpreadsheetColumn.letters(0)    // "A"
/// SpreadsheetColumn.letters(26)   // "AA"
/// ```
public enum SpreadsheetColumn {
    /// The letters of the 0-based column `index` (bijective base 26).
    public static func letters(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 0-based index of the column a diagnostic names: `#N` for a positional column, else
    /// the header cell with that text, else the cell holding the value found.
    static func index(label: String?, header: [String], cells: [String], found: String?) -> Int? {
        if let label, label.hasPrefix("#"), let position = Int(label.dropFirst()), position > 0 { return position - 1 }
        if let label, let index = header.firstIndex(of: label) { return index }
        if let found, let index = cells.firstIndex(where: { $0 == found || $0.trimmingCharacters(in: .whitespaces) == found }) {
            return index
        }
        return nil
    }
}
