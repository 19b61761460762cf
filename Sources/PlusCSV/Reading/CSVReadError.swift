/// Why a file could not be read as CSV at all.
public enum CSVReadError: Error, Equatable, Sendable {
    /// A quoted field was still open at the end of the file.
    case unterminatedQuote(line: Int)
    /// A quote where strict CSV allows none (e.g. `ab"c`, or text after a closing quote).
    case malformedQuoting(line: Int)
    /// NUL bytes or other binary content.
    case binaryContent(line: Int)
    /// A single field larger than the reader accepts.
    case fieldTooLarge(line: Int, limit: Int)
    /// A row of more fields, or more bytes, than the reader accepts (``RowBuffer/maxRowFields``,
    /// ``RowBuffer/maxRowBytes``): `found` says which.
    case rowTooLarge(line: Int, found: String, limit: String)
    /// A UTF-16 file whose byte count or surrogates are broken.
    case invalidUTF16(line: Int)
    /// The file could not be read.
    case io(String)
}
