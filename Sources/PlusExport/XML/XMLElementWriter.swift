import Foundation

/// The calls ``RegionalXMLWriter`` makes to write a document: elements, their attributes, the end.
///
/// ``XMLFileWriter`` writes the bytes in the product; ``LibXML2TextWriter`` is the reference
/// its bytes are tested against.
protocol XMLElementWriter: AnyObject {
    func startElement(_ name: String) throws
    func attribute(_ name: String, _ value: String) throws
    /// The attribute whose value is the text of these UTF-8 bytes (an amount written on the
    /// stack, ``PlusModel/Money/withFormattedBytes(_:_:)``), with no `String` made of them.
    func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) throws
    func endElement() throws
    /// Ends every open element and the document, and closes the file; returns its digest when
    /// the writer computed it while writing.
    func finish() throws -> FileDigest?
}

extension XMLElementWriter {
    /// Through the value's `String`: the way of a writer that has no other (libxml2's).
    func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) throws {
        try attribute(name, String(decoding: value, as: UTF8.self))
    }
}

/// Writes an XML document's bytes through a ``FileSink``, exactly as libxml2's `xmlTextWriter`
/// with indentation on writes them (declaration, one space per level, `/>` for empty elements,
/// attribute values escaped as `xmlBufAttrSerializeTxtContent` escapes them), so that the
/// checksum is computed while writing and libxml2's per-call buffering is not paid.
final class XMLFileWriter: XMLElementWriter {
    private let sink: FileSink
    private var open: [String] = []
    /// Whether the last start tag still waits for its `>` or `/>` (libxml2's `NAME` state).
    private var startTagOpen = false
    private var output = XMLBytes()
    private let flushThreshold = 1 << 15

    init(url: URL) throws {
        sink = try FileSink(creating: url)
        output.bytes.reserveCapacity(flushThreshold + 4096)
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    func startElement(_ name: String) throws {
        output.startTag(name, level: open.count, closingParent: startTagOpen)
        open.append(name)
        startTagOpen = true
    }

    func attribute(_ name: String, _ value: String) throws {
        precondition(startTagOpen, "an attribute outside a start tag")
        output.attribute(name, value)
    }

    func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) throws {
        precondition(startTagOpen, "an attribute outside a start tag")
        output.attribute(name, utf8: value)
    }

    func endElement() throws {
        guard let name = open.popLast() else { return }
        output.endTag(name, level: open.count, empty: startTagOpen)
        startTagOpen = false
        if output.bytes.count >= flushThreshold { flush() }
    }

    func finish() throws -> FileDigest? {
        while !open.isEmpty { try endElement() }
        flush()
        return try sink.close()
    }

    private func flush() {
        sink.write(bytes: output.bytes)
        output.bytes.removeAll(keepingCapacity: true)
    }

    /// The text with every character outside XML 1.0's `Char` production replaced by U+FFFD,
    /// so that any text (control characters from untrusted sheets) yields a well-formed document.
    static func sanitised(_ text: String) -> String {
        func allowed(_ value: UInt32) -> Bool {
            value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
        }
        guard text.unicodeScalars.contains(where: { !allowed($0.value) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(allowed(scalar.value) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }
}

/// The bytes of an XML document as libxml2's text writer lays them out, built in a value of
/// its own so that each tag or attribute is one access to the writer's buffer.
struct XMLBytes {
    var bytes: [UInt8] = []

    /// `<name`, on a line of its own indented by `level` spaces, after the parent's `>` if its
    /// start tag is still open.
    mutating func startTag(_ name: String, level: Int, closingParent: Bool) {
        if closingParent { append(">\n") }
        indent(level)
        bytes.append(UInt8(ascii: "<"))
        append(name)
    }

    mutating func attribute(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: " "))
        append(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The attribute from the bytes of its value, escaped as the `String`'s would be.
    mutating func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: " "))
        append(name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        if !appendEscaped(utf8: value, sanitised: false) {
            // A character XML forbids (never in an amount): the String's way, which replaces it.
            bytes.removeSubrange(start...)
            appendEscaped(String(decoding: value, as: UTF8.self))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `/>` if the element is `empty` (its start tag still open), else `</name>` indented.
    mutating func endTag(_ name: String, level: Int, empty: Bool) {
        if empty {
            append("/>\n")
        } else {
            indent(level)
            append("</")
            append(name)
            append(">\n")
        }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func indent(_ level: Int) {
        for _ in 0..<level { bytes.append(UInt8(ascii: " ")) }
    }

    /// Appends the value escaped as libxml2 escapes an attribute value; characters XML 1.0
    /// forbids become U+FFFD first (``XMLFileWriter/sanitised(_:)``), looked for only when a
    /// byte may start one (a C0 control, or `0xEF`, the lead byte of U+FFFE and U+FFFF).
    private mutating func appendEscaped(_ value: String) {
        var value = value
        let start = bytes.count
        if !value.withUTF8({ appendEscaped(utf8: $0, sanitised: false) }) {
            bytes.removeSubrange(start...)
            var sanitised = XMLFileWriter.sanitised(value)
            _ = sanitised.withUTF8 { appendEscaped(utf8: $0, sanitised: true) }
        }
    }

    /// Appends the escaped bytes in one pass; stops and returns false at a byte that may start
    /// a forbidden character, unless the text is `sanitised` already.
    private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>, sanitised: Bool) -> Bool {
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            // Letters, digits above '>' and most punctuation need nothing: one comparison.
            if byte > UInt8(ascii: ">") && byte != 0xEF { continue }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case 0x0A: replacement = "&#10;"
            case 0x0D: replacement = "&#13;"
            case 0x09: replacement = "&#9;"
            case 0..<0x20, 0xEF:
                if !sanitised { return false }
                continue
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        return true
    }
}
