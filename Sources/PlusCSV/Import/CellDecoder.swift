import CByteScan
import PlusModel

/// Turns a cell's bytes into text in the sheet's encoding.
struct CellDecoder {
    let encoding: SourceEncoding

    /// The text, and whether UTF-8 bytes had to be read as Windows-1252.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, fellBack: Bool) {
        if encoding.fieldsAreUTF8 {
            if let text = String(validating: bytes, as: UTF8.self) {
                return (text, false)
            }
            return (SingleByteDecoding.decode(bytes, windows1252: true), true)
        }
        if let base = bytes.baseAddress, plus_is_ascii(base, bytes.count) != 0 {
            return (String(decoding: bytes, as: UTF8.self), false)
        }
        return (SingleByteDecoding.decode(bytes, windows1252: encoding == .windows1252), false)
    }

    /// Whether ``decode(_:)`` gives what the bytes say read as UTF-8: valid UTF-8 in a UTF-8
    /// sheet, plain ASCII in a single-byte one (where `0x80` is `€`, not part of a sequence).
    func readsAsUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, plus_is_ascii(base, bytes.count) == 0 else { return true }
        return encoding.fieldsAreUTF8 && String(validating: bytes, as: UTF8.self) != nil
    }

    /// Whether ``decode(_:)`` reads the bytes without falling back: always, in a single-byte encoding.
    func decodesExactly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard encoding.fieldsAreUTF8, let base = bytes.baseAddress, plus_is_ascii(base, bytes.count) == 0 else { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
