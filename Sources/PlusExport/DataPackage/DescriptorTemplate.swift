import Foundation
import Synchronization

/// `datapackage.json` encoded once per set of datasets, with what changes from one export to the
/// next filled in: each file's size and checksum, the creation time and the validations.
///
/// Every Ambito-year's descriptor states the same schemas; `JSONEncoder` spent more on encoding
/// them again than the CSV writer spent on the files they describe. The template is the whole
/// descriptor encoded by ``DataPackageWriter/writer`` with placeholders where the values go, cut
/// at them, so the bytes are the writer's own; the creation time and the validations are encoded
/// by it too, at the depth they have in the descriptor.
///
/// ```swift
/// let bytes = try DescriptorTemplate.descriptor(resources, created: "2026-12-01T10:00:00Z", validations: [])
/// ```
enum DescriptorTemplate {
    /// The descriptor's bytes, without the final newline; `nil` when no template can be cut (a
    /// placeholder is not found exactly once, a checksum that JSON would escape): the caller then
    /// encodes the descriptor whole.
    static func descriptor(
        _ resources: [DataPackageWriter.Resource], created: String, validations: [ExportMetadata.Validation]
    ) throws -> [UInt8]? {
        guard resources.allSatisfy({ $0.hash.utf8.allSatisfy(isPlain) }),
              let template = try template(for: resources),
              let (createdLine, validationLines) = try tail(created: created, validations: validations)
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(template.segments.reduce(0) { $0 + $1.count } + 1_024)
        bytes += "{\n".utf8
        bytes += createdLine
        bytes += template.segments[0]
        for (index, resource) in resources.enumerated() {
            bytes += String(resource.bytes).utf8
            bytes += template.segments[2 * index + 1]
            bytes += resource.hash.utf8
            bytes += template.segments[2 * index + 2]
        }
        if let validationLines {
            bytes += ",\n".utf8
            bytes += validationLines
        }
        bytes += "\n}".utf8
        return bytes
    }

    /// The descriptor without its creation time and validations, cut where each resource's size
    /// and checksum go: the text after `"created" : ""`, then one piece after each value.
    struct Template: Sendable {
        var segments: [[UInt8]]
    }

    /// Templates by their resources with placeholders: a run of consolidations has one.
    private static let templates = Mutex<[[DataPackageWriter.Resource]: Template]>([:])
    private static let mostTemplates = 8

    private static func template(for resources: [DataPackageWriter.Resource]) throws -> Template? {
        var placeholders = resources
        for index in placeholders.indices {
            placeholders[index].bytes = sizePlaceholder(index)
            placeholders[index].hash = hashPlaceholder(index)
        }
        if let template = templates.withLock({ $0[placeholders] }) { return template }
        let package = DataPackageWriter.Package(
            name: "plus-export", title: "Export PLUS consolidato", created: "", resources: placeholders, validazione: nil)
        let encoded = try DataPackageWriter.writer.bytes(package)
        let opening = Array("{\n  \"created\" : \"\"".utf8), closing = Array("\n}".utf8)
        guard encoded.starts(with: opening), encoded.suffix(closing.count).elementsEqual(closing) else { return nil }
        var segments: [[UInt8]] = []
        var start = opening.count
        for index in placeholders.indices {
            for placeholder in [String(sizePlaceholder(index)), hashPlaceholder(index)] {
                let needle = Array(placeholder.utf8)
                let found = encoded.withUnsafeBytes { ByteSearch.offsets(of: needle, in: $0) }
                guard found.count == 1, found[0] >= start else { return nil }
                segments.append(Array(encoded[start..<found[0]]))
                start = found[0] + needle.count
            }
        }
        segments.append(Array(encoded[start..<encoded.count - closing.count]))
        let template = Template(segments: segments)
        templates.withLock { cache in
            if cache.count >= mostTemplates { cache.removeAll() }
            cache[placeholders] = template
        }
        return template
    }

    /// A size no CSV file has, told apart by `index`.
    private static func sizePlaceholder(_ index: Int) -> Int { 9_123_456_789_000_000_000 + index }

    private static func hashPlaceholder(_ index: Int) -> String { "@plus-descriptor-checksum-\(index)@" }

    /// The creation time's line and the validations' lines, as the writer writes them one level
    /// inside the descriptor's object; `nil` if the writer's layout is not the one expected.
    private static func tail(
        created: String, validations: [ExportMetadata.Validation]
    ) throws -> (created: ArraySlice<UInt8>, validations: ArraySlice<UInt8>?)? {
        struct Tail: Encodable {
            var created: String
            var validazione: [ExportMetadata.Validation]?
        }
        let encoded = try DataPackageWriter.writer.bytes(
            Tail(created: created, validazione: validations.isEmpty ? nil : validations))
        guard encoded.starts(with: "{\n".utf8), encoded.suffix(2).elementsEqual("\n}".utf8) else { return nil }
        let inner = encoded[2..<encoded.count - 2]
        // A JSON string holds no raw line break: the creation time is the first line.
        guard let lineEnd = inner.firstIndex(of: 0x0A) else { return validations.isEmpty ? (inner, nil) : nil }
        guard !validations.isEmpty, inner[lineEnd - 1] == UInt8(ascii: ",") else { return nil }
        return (inner[..<(lineEnd - 1)], inner[(lineEnd + 1)...])
    }

    /// A checksum's byte that JSON writes as it is: `sha256:` and hexadecimal digits.
    private static func isPlain(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: ":")
    }
}
