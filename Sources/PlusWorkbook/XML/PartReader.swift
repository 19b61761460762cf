import CLibXML2
import Foundation

/// A forward-only pass over one XML part with libxml2's streaming reader, pulling the part as it
/// is inflated (``PartStream``): memory stays that of a few chunks, whatever the part's size.
///
/// The network is off, entities are never substituted, a part that declares a DOCTYPE (the
/// door to entity tricks) is refused before libxml2 sees it (by ``PartStream``), and libxml2's
/// limits stay on (no `XML_PARSE_HUGE`): a text node or a name past 10 MB ends the reading (`WBK004`).
///
/// ```swift
/// try PartReader.read(try open(true)) { node in
///     if node.isStart, node.name == "sheet" { print(node.attribute("name") ?? "") }
/// }
/// ```
struct PartReader {
    /// One node as the reader stands on it.
    struct Node {
        fileprivate let reader: xmlTextReaderPtr
        /// The local name (`c`, not `x:c`).
        let name: String
        let type: Int32
        var isStart: Bool { type == 1 }
        var isEnd: Bool { type == 15 }
        var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
        var isText: Bool { type == 3 || type == 4 || type == 14 }

        /// An attribute by its qualified name as written (`r`, `r:id`).
        func attribute(_ name: String) -> String? {
            let value = name.withCString { xmlTextReaderGetAttribute(reader, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
            guard let value else { return nil }
            // xmlFree is a mutable global in Swift 6's eyes; this libxml2 uses the C allocator, so free() is it.
            defer { free(value) }
            return String(cString: value)
        }

        /// An attribute by local name, whatever its prefix (`id` of `r:id`).
        func attribute(local: String) -> String? {
            guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
            defer { xmlTextReaderMoveToElement(reader) }
            repeat {
                if let localName = xmlTextReaderConstLocalName(reader), String(cString: localName) == local,
                   let value = xmlTextReaderConstValue(reader) {
                    return String(cString: value)
                }
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            return nil
        }

        var value: String {
            guard let value = xmlTextReaderConstValue(reader) else { return "" }
            return String(cString: value)
        }

        /// Appends the node's value as UTF-8 bytes, without making a `String` of it.
        func appendValue(to bytes: inout [UInt8]) {
            guard let value = xmlTextReaderConstValue(reader) else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))))
        }
    }

    /// Calls `visit` on every node of the part as it is inflated, in document order.
    static func read(_ stream: PartStream, _ visit: (Node) throws -> Void) throws {
        let cursor = try Cursor(stream)
        while let node = try cursor.next() { try visit(node) }
    }

    /// A pull over the nodes of a part, for a caller that takes rows one at a time.
    final class Cursor {
        /// What libxml2 pulls from, without owning it: it lives as long as the reader.
        private let stream: PartStream
        private let reader: xmlTextReaderPtr
        /// The last error libxml2 reported, kept to tell a limit reached from malformed XML.
        private let lastError = LastError()
        let part: String
        private static let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

        /// libxml2 pulls the part from the inflating thread as it reads.
        init(_ stream: PartStream) throws {
            xmlInitParser()
            let context = Unmanaged.passUnretained(stream).toOpaque()
            guard let reader = xmlReaderForIO(
                { context, buffer, count in
                    guard let context, let buffer else { return -1 }
                    return Int32(Unmanaged<PartStream>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: Int(count)))
                },
                nil, context, stream.part, nil, Self.options)
            else {
                throw stream.error ?? WorkbookError(.workbookDamaged, found: stream.part)
            }
            (self.stream, part) = (stream, stream.part)
            self.reader = reader
            quiet()
        }

        /// Errors are this reader's to report (WBK003, WBK004), not libxml2's to print.
        private func quiet() {
            xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                guard let context, let error else { return }
                Unmanaged<LastError>.fromOpaque(context).takeUnretainedValue().code = error.pointee.code
            }, Unmanaged.passUnretained(lastError).toOpaque())
        }

        /// The code of libxml2's last error.
        private final class LastError {
            var code: Int32 = 0
        }

        deinit {
            xmlFreeTextReader(reader)
        }

        /// The next node, or `nil` at the end of the part.
        func next() throws -> Node? {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                // What libxml2 did not ask for is read too: the archive's checksum is checked at the part's end.
                while try stream.next() != nil {}
                return nil
            }
            guard status == 1 else {
                // A stream's own error (a declaration, a bad checksum, too many bytes) is the cause.
                if let error = stream.error { throw error }
                // libxml2's own limits (a text node or a name past 10 MB: no cell holds more than
                // 32,767 characters) reach it as these two: a value too large, not malformed XML.
                if [XML_ERR_NO_MEMORY.rawValue, XML_ERR_NAME_TOO_LONG.rawValue].contains(UInt32(bitPattern: lastError.code)) {
                    throw WorkbookError(.workbookTooLarge, found: "\(part): un valore oltre 10 MB / a value over 10 MB", expected: "10 MB")
                }
                throw WorkbookError(.workbookDamaged, found: "\(part): XML non ben formato / malformed XML")
            }
            let type = xmlTextReaderNodeType(reader)
            if type == 10 { throw WorkbookError(.workbookDoctype, found: part) }
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            return Node(reader: reader, name: name, type: type)
        }
    }

    static let declarationMarkers = ["<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity"].map { Array($0.utf8) }
    /// The longest marker's length: a check across two chunks needs that many bytes less one of the first.
    static let longestMarker = declarationMarkers.map(\.count).max()!

    /// Whether `needle` occurs in `bytes`: `memchr` to each of its first byte, then `memcmp`.
    static func occurs(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = needle.first, let base = bytes.baseAddress else { return needle.isEmpty }
        var offset = 0
        while offset + needle.count <= bytes.count, let hit = memchr(base + offset, Int32(first), bytes.count - offset) {
            let position = UnsafeRawPointer(hit) - base
            guard position + needle.count <= bytes.count else { return false }
            if memcmp(hit, needle, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// Whether `<!DOCTYPE` or `<!ENTITY` (either all upper or all lower case) occurs in the bytes:
    /// one pass from `!` to `!` with `memchr`, each marker compared where a `<` comes before it. A
    /// search per marker through `Data.range(of:)` took a sixth of the time of importing an 8 MB
    /// workbook, each part read twice; one stop at every `<` (two a cell) still took 4 %.
    static func declaresDoctype(_ data: Data) -> Bool {
        data.withUnsafeBytes { declaresDoctype($0) }
    }

    static func declaresDoctype(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 1
        while offset < bytes.count, let hit = memchr(base + offset, Int32(UInt8(ascii: "!")), bytes.count - offset) {
            let start = UnsafeRawPointer(hit) - base - 1
            if bytes[start] == UInt8(ascii: "<") {
                for marker in declarationMarkers where start + marker.count <= bytes.count {
                    if marker.withUnsafeBytes({ memcmp(base + start, $0.baseAddress!, marker.count) }) == 0 { return true }
                }
            }
            offset = start + 2
        }
        return false
    }
}
