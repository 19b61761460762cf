import CLibXML2
import Foundation

/// A thin, throwing wrapper over libxml2's streaming `xmlTextWriter`.
///
/// libxml2 escapes `<`, `&` and quotes; this wrapper also replaces characters that XML 1.0
/// forbids (control characters from untrusted sheets) with U+FFFD, so that any text yields
/// a well-formed document.
final class XMLTextWriter {
    private let writer: xmlTextWriterPtr
    private let path: String
    private var isOpen = true

    init(path: String) throws {
        LibXML2.initialise()
        guard let writer = xmlNewTextWriterFilename(path, 0) else {
            throw ExportError(.exportXMLWriter, path: path, found: "xmlNewTextWriterFilename")
        }
        self.writer = writer
        self.path = path
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if isOpen { xmlFreeTextWriter(writer) }
    }

    func startElement(_ name: String) throws {
        try check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
    }

    func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, Self.sanitised(value)), "xmlTextWriterWriteAttribute")
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// Ends every open element and the document, and closes the file.
    func finish() throws {
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        isOpen = false
        xmlFreeTextWriter(writer)
    }

    private func check(_ result: Int32, _ call: String) throws {
        if result < 0 { throw ExportError(.exportXMLWriter, path: path, found: call) }
    }

    /// The text with every character outside XML 1.0's `Char` production replaced by U+FFFD.
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

/// libxml2's global set-up, done once before any thread uses it (its documented rule).
enum LibXML2 {
    private static let initialised: Void = xmlInitParser()

    static func initialise() { _ = initialised }
}
