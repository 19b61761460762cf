import Foundation
import PlusCSV
import PlusModel
import ZIPFoundation

/// Test helpers: the repository, fixtures, and workbooks built part by part.
enum Support {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    static func mapping(_ name: String) throws -> CSVMapping {
        try CSVMapping.load(from: repository.appendingPathComponent("Mappings/\(name).yaml"))
    }

    /// Every CSV mapping of the repository.
    static func csvMappings() -> [CSVMapping] {
        let folder = repository.appendingPathComponent("Mappings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { try? CSVMapping.load(from: folder.appendingPathComponent($0)) }
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A ZIP with these parts, written to `name` in a fresh folder.
    static func zip(_ parts: [(String, Data)], name: String = "book.xlsx") throws -> URL {
        let url = try temporaryFolder().appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    /// A minimal workbook of one sheet `Foglio1` with this sheet XML, shared strings and styles.
    static func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil, name: String = "book.xlsx") throws -> URL {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        var parts: [(String, Data)] = [
            ("xl/workbook.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Foglio1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Data("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """.utf8)),
            ("xl/worksheets/sheet1.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheet)</sheetData></worksheet>".utf8)),
        ]
        if let sharedStrings {
            parts.append(("xl/sharedStrings.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">\(sharedStrings)</sst>".utf8)))
        }
        if let styles {
            parts.append(("xl/styles.xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>".utf8)))
        }
        return try zip(parts, name: name)
    }
}

extension ImportResult {
    /// The records with every provenance left out, as sorted-key JSON: what a CSV and a sheet
    /// of the same data must share.
    var recordsWithoutProvenance: [String] {
        records.map { record in
            let data = try! JSONEncoder().encode(record.record)
            let object = Self.dropProvenance(try! JSONSerialization.jsonObject(with: data))
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    private static func dropProvenance(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "provenance" }.mapValues(dropProvenance)
        }
        if let array = value as? [Any] { return array.map(dropProvenance) }
        return value
    }
}
