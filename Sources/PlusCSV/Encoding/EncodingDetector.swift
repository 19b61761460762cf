/// Tells a sheet's encoding from its first bytes: a byte-order mark, else UTF-8 validity.
///
/// Without a mark, bytes that are not valid UTF-8 are read as Windows-1252, the
/// encoding of Italian Excel; a file that uses only the ISO-8859-1 subset reads the same.
///
/// ```swift
/// EncodingDetector.detect(head: [0xEF, 0xBB, 0xBF, 0x41])   // (.utf8BOM, bomLength: 3)
/// ```
public enum EncodingDetector {
    public static func detect(head: [UInt8]) -> (encoding: SourceEncoding, bomLength: Int) {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8BOM, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return (isValidUTF8(head, allowTruncatedEnd: true) ? .utf8 : .windows1252, 0)
    }

    /// Whether `bytes` are UTF-8; a character cut by the end of a sniffed head may be allowed.
    public static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool = false) -> Bool {
        var end = bytes.count
        if allowTruncatedEnd, end > 0 {
            var lead = end - 1
            while lead > 0, end - lead < 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            if bytes[lead] >= 0xC0 {
                let needed = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
                if end - lead < needed { end = lead }
            }
        }
        return String(validating: bytes[0..<end], as: UTF8.self) != nil
    }
}
