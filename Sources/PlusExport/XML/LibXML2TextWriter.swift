import CLibXML2
import Foundation

/// libxml2's streaming `xmlTextWriter`, with indentation: the reference that
/// ``XMLFileWriter``'s bytes are tested against (the product writes with ``XMLFileWriter``).
final class LibXML2TextWriter: XMLElementWriter {
    private let writer: xmlTextWriterPtr
    private let path: String
    private var isOpen = true

    init(url: URL) throws {
        LibXML2.initialise()
        path = url.path
        guard let writer = xmlNewTextWriterFilename(path, 0) else {
            throw ExportError(.exportXMLWriter, path: path, found: "xmlNewTextWriterFilename")
        }
        self.writer = writer
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
        try check(xmlTextWriterWriteAttribute(writer, name, XMLFileWriter.sanitised(value)), "xmlTextWriterWriteAttribute")
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    func finish() throws -> FileDigest? {
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        isOpen = false
        xmlFreeTextWriter(writer)
        return nil
    }

    private func check(_ result: Int32, _ call: String) throws {
        if result < 0 { throw ExportError(.exportXMLWriter, path: path, found: call) }
    }
}

/// libxml2's global set-up, done once before any thread uses it (its documented rule).
enum LibXML2 {
    private static let initialised: Void = xmlInitParser()

    static func initialise() { _ = initialised }
}
