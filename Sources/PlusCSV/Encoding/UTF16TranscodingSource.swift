/// Turns a UTF-16 stream into UTF-8 chunk by chunk, so libcsv sees one-byte delimiters.
struct UTF16TranscodingSource<Base: ByteSource>: ByteSource {
    var base: Base
    let bigEndian: Bool
    private var carry: [UInt8] = []
    private var pendingHighSurrogate: UInt16?
    /// The line reached so far, to place an error.
    private var line = 1
    /// An error met inside a chunk, thrown at the next call: the units before it are handed over
    /// first, so that what a reader sees before the error does not depend on its chunk size (the
    /// sequential reader takes 64 KiB at a time, the parallel one 512 KiB; a header before a broken
    /// unit was read by one and not by the other, and their reports differed).
    private var pendingError: CSVReadError?

    init(base: Base, bigEndian: Bool) {
        self.base = base
        self.bigEndian = bigEndian
    }

    mutating func nextChunk() throws -> [UInt8]? {
        if let pendingError { throw pendingError }
        while let chunk = try base.nextChunk() {
            let bytes = carry + chunk
            let usable = bytes.count & ~1
            carry = Array(bytes[usable...])
            var output: [UInt8] = []
            output.reserveCapacity(usable)
            var index = 0
            while index < usable {
                let unit = bigEndian
                    ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                    : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
                index += 2
                do {
                    try append(unit, to: &output)
                } catch let error as CSVReadError where !output.isEmpty {
                    pendingError = error
                    return output
                }
            }
            if !output.isEmpty { return output }
        }
        if !carry.isEmpty || pendingHighSurrogate != nil {
            throw CSVReadError.invalidUTF16(line: line)
        }
        return nil
    }

    private mutating func append(_ unit: UInt16, to output: inout [UInt8]) throws {
        let scalarValue: UInt32
        if let high = pendingHighSurrogate {
            guard (0xDC00...0xDFFF).contains(unit) else { throw CSVReadError.invalidUTF16(line: line) }
            pendingHighSurrogate = nil
            scalarValue = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
        } else if (0xD800...0xDBFF).contains(unit) {
            pendingHighSurrogate = unit
            return
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw CSVReadError.invalidUTF16(line: line)
        } else {
            scalarValue = UInt32(unit)
        }
        if scalarValue == 0x0A { line += 1 }
        output.append(contentsOf: UTF8.encode(Unicode.Scalar(scalarValue)!)!)
    }
}
