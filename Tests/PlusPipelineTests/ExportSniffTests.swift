import Foundation
import PlusExport
import Testing
@testable import PlusPipeline

/// `ExportSubmission.form(of:)` looks for the export's marks in the head's bytes before it decodes
/// the head; the text check alone, as it was, is the reference, and both must tell every head alike.
@Suite struct ExportSniffTests {
    /// The form as told by the decoded text alone.
    static func reference(_ url: URL) throws -> ExportSubmission.Form? {
        let head = try Data(contentsOf: url).prefix(1024)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return url.pathExtension.lowercased() == "zip" ? .dataPackage : nil
        }
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("<esportazione") && text.contains(RegionalXMLWriter.namespace) ? .xml : nil
    }

    /// Pieces of heads: the marks whole, cut short, followed by a combining accent (the same bytes,
    /// but not the same characters), invalid UTF-8 and a zip's signature.
    static let pieces: [[UInt8]] = [
        Array("<esportazione".utf8), Array(RegionalXMLWriter.namespace.utf8), Array("<esportazion".utf8),
        Array("\u{301}".utf8), Array(" xmlns=\"".utf8), Array("\"".utf8), [0xFF], [0xE2, 0x82], Array("<".utf8),
        Array("<?xml version=\"1.0\"?>\n".utf8), Array(String(repeating: "a", count: 300).utf8), [0x50, 0x4B, 0x03, 0x04],
    ]

    @Test func everyHeadIsToldAsTheTextAloneTellsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-sniff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A fixed sequence of draws (a linear congruential generator), so each run sees the same heads.
        var state: UInt64 = 2026
        func draw(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var told: [ExportSubmission.Form?: Int] = [:]
        for round in 0..<600 {
            let bytes = (0..<draw(12)).flatMap { _ in Self.pieces[draw(Self.pieces.count)] }
            let url = folder.appendingPathComponent("head-\(round).\(round % 7 == 0 ? "zip" : "xml")")
            try Data(bytes).write(to: url)
            let expected = try Self.reference(url)
            #expect(ExportSubmission.form(of: url) == expected, "round \(round): \(bytes)")
            told[expected, default: 0] += 1
        }
        // The draws reach every verdict.
        #expect(told[.xml, default: 0] > 0 && told[nil, default: 0] > 0 && told[.dataPackage, default: 0] > 0, "\(told)")
    }
}
