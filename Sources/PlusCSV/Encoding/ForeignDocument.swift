/// Formats of files that are no sheet of data, told by their first bytes: what an office sends
/// when it sends a print, a scan or a photo of its sheet instead of the sheet.
///
/// Read as text, a PDF's first line (`%PDF-1.4`) was taken for a header no mapping knows, and
/// the sender was told to add a mapping or rename the file; now it is told what it sent (CSV019).
///
/// ```swift
/// ForeignDocument.format(of: Array("%PDF-1.7\n".utf8))   // "PDF"
/// ForeignDocument.format(of: Array("Codice ISTAT;Anno\n".utf8))   // nil
/// ```
public enum ForeignDocument {
    /// The format's name when the head starts with a known signature, else `nil`.
    public static func format(of head: some Collection<UInt8>) -> String? {
        signatures.first { head.starts(with: $0.bytes) }?.format
    }

    private static let signatures: [(bytes: [UInt8], format: String)] = [
        (Array("%PDF-".utf8), "PDF"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG"),
        ([0xFF, 0xD8, 0xFF], "JPEG"),
        (Array("GIF87a".utf8), "GIF"), (Array("GIF89a".utf8), "GIF"),
        ([0x49, 0x49, 0x2A, 0x00], "TIFF"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Office 97-2003 (.doc, .xls)"),
        (Array("{\\rtf".utf8), "RTF"),
    ]
}
