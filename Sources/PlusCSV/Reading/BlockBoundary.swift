/// Where a stream of CSV bytes can be cut so that a fresh parser reads the rest correctly.
///
/// In strict CSV a quote only opens, closes or doubles inside a quoted field, so a byte is
/// outside every quoted field exactly when an even number of quotes precede it. A line break
/// outside quotes ends a row: cutting right after it lets each block be parsed on its own,
/// in parallel. A file whose quotes break that rule makes libcsv fail in the block where the
/// break is; the reader then reads on from that block sequentially, so the diagnostics are
/// those of a plain sequential read.
enum BlockBoundary {
    /// Whether `bytes` hold an odd number of quotes.
    static func hasOddQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        LineBreaks.quotes(in: bytes) & 1 == 1
    }

    /// The index just after the last row end in `bytes`, or `nil` when there is none.
    ///
    /// `oddQuotes` tells whether `bytes` hold an odd number of quotes, and `bytes` must start
    /// outside quotes. A CR counts as a row end only when the byte after it is known and is not LF.
    /// Only cuts after `start` are looked for: the caller knows there is none before.
    static func lastCut(in bytes: UnsafeRawBufferPointer, oddQuotes: Bool, from start: Int = 0) -> Int? {
        var insideQuotes = oddQuotes
        var index = bytes.count - 1
        while index >= start {
            let byte = bytes[index]
            if byte == 0x22 {
                insideQuotes.toggle()
            } else if !insideQuotes {
                if byte == 0x0A { return index + 1 }
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] != 0x0A { return index + 1 }
            }
            index -= 1
        }
        return nil
    }
}
