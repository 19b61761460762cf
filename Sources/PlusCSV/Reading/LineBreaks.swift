import CByteScan

/// Counts physical lines the way the reader numbers them: each LF, and each CR not followed by LF.
enum LineBreaks {
    /// The line breaks in `bytes`; a CR at the very end counts (the next byte is never an LF,
    /// since blocks are cut after an LF or after a CR known to stand alone).
    static func count(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        return plus_count_line_breaks(base, bytes.count)
    }

    /// The quotes in `bytes`.
    static func quotes(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        return plus_count_byte(base, bytes.count, 0x22)
    }
}
