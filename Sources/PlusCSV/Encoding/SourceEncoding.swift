/// The character encoding of a sheet, as detected or as its mapping states.
public enum SourceEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    /// UTF-8 with a byte-order mark, as Excel writes "CSV UTF-8".
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Excel's "CSV (separato da punto e virgola)" on Italian Windows.
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"

    /// Whether field bytes (after any transcoding by the source) are UTF-8.
    var fieldsAreUTF8: Bool {
        switch self {
        case .utf8, .utf8BOM, .utf16LE, .utf16BE: true
        case .windows1252, .iso88591: false
        }
    }
}
