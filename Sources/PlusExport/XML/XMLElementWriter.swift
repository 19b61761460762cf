import Foundation

/// The calls ``RegionalXMLWriter`` makes to write a document: elements, their attributes, the end.
///
/// ``XMLFileWriter`` writes the bytes in the product; ``LibXML2TextWriter`` is the reference
/// its bytes are tested against.
protocol XMLElementWriter: AnyObject {
    func startElement(_ name: String) throws
    func attribute(_ name: String, _ value: String) throws
    func endElement() throws
    /// Ends every open element and the document, and closes the file; returns its digest when
    /// the writer computed it while writing.
    func finish() throws -> FileDigest?
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
    private var bytes: [UInt8] = []
    private let flushThreshold = 1 << 15

    init(url: URL) throws {
        sink = try FileSink(creating: url)
        bytes.reserveCapacity(flushThreshold + 4096)
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    func startElement(_ name: String) throws {
        if startTagOpen { append(">\n") }
        indent(open.count)
        append("<")
        append(name)
        open.append(name)
        startTagOpen = true
    }

    func attribute(_ name: String, _ value: String) throws {
        precondition(startTagOpen, "an attribute outside a start tag")
        append(" ")
        append(name)
        append("=\"")
        appendEscaped(value)
        append("\"")
    }

    func endElement() throws {
        guard let name = open.popLast() else { return }
        if startTagOpen {
            append("/>\n")
            startTagOpen = false
        } else {
            indent(open.count)
            append("</")
            append(name)
            append(">\n")
        }
        if bytes.count >= flushThreshold { flush() }
    }

    func finish() throws -> FileDigest? {
        while !open.isEmpty { try endElement() }
        flush()
        return try sink.close()
    }

    private func flush() {
        sink.write(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private func indent(_ level: Int) {
        for _ in 0..<level { bytes.append(UInt8(ascii: " ")) }
    }

    /// Appends the value escaped as libxml2 escapes an attribute value; characters XML 1.0
    /// forbids become U+FFFD first (``sanitised(_:)``), looked for only when a byte may start one
    /// (a C0 control, or `0xEF`, the lead byte of U+FFFE and U+FFFF).
    private func appendEscaped(_ value: String) {
        var value = value
        if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }) {
            value = Self.sanitised(value)
        }
        value.withUTF8 { appendEscaped(utf8: $0) }
    }

    private func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in utf8.indices {
            let replacement: StaticString
            switch utf8[index] {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case 0x0A: replacement = "&#10;"
            case 0x0D: replacement = "&#13;"
            case 0x09: replacement = "&#9;"
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
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
