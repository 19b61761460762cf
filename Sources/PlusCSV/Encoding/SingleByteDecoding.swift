/// Decodes Windows-1252 and ISO-8859-1 bytes to Unicode.
enum SingleByteDecoding {
    /// Windows-1252's 0x80–0x9F; undefined positions keep the C1 control of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String {
        // Written straight as UTF-8: every scalar here is below U+10000, so three bytes at most.
        String(unsafeUninitializedCapacity: bytes.count * 3) { utf8 in
            var count = 0
            for byte in bytes {
                let value: UInt32 = windows1252 && (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
                switch value {
                case ..<0x80:
                    utf8[count] = UInt8(value)
                    count += 1
                case ..<0x800:
                    utf8[count] = UInt8(0xC0 | value >> 6)
                    utf8[count + 1] = UInt8(0x80 | value & 0x3F)
                    count += 2
                default:
                    utf8[count] = UInt8(0xE0 | value >> 12)
                    utf8[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
                    utf8[count + 2] = UInt8(0x80 | value & 0x3F)
                    count += 3
                }
            }
            return count
        }
    }
}
