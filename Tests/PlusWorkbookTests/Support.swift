import Foundation
import PlusCSV
import PlusModel
@testable import PlusWorkbook
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

    /// A sheet's row of inline strings, `cells` from column A: `<row r="3"><c r="A3" t="inlineStr">…`.
    static func row(_ line: Int, _ cells: [String]) -> String {
        let cells = cells.enumerated().map { index, text in
            "<c r=\"\(CellReference.letters(index))\(line)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }
        return "<row r=\"\(line)\">\(cells.joined())</row>"
    }

    /// A minimal workbook of one sheet `Foglio1` with this sheet XML, shared strings and styles.
    static func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil, name: String = "book.xlsx") throws -> URL {
        try workbook(sheets: [("Foglio1", sheet)], sharedStrings: sharedStrings, styles: styles, name: name)
    }

    /// A minimal workbook of these sheets, in order, each a name and its sheet XML (`state` after
    /// the name, `Vecchio" state="hidden`, hides it).
    static func workbook(sheets: [(String, String)], sharedStrings: String? = nil, styles: String? = nil, name: String = "book.xlsx") throws -> URL {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let listed = sheets.indices.map { "<sheet name=\"\(sheets[$0].0)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        let related = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
        var parts: [(String, Data)] = [
            ("xl/workbook.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(listed)</sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Data("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(related)</Relationships>
                """.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheet.1)</sheetData></worksheet>".utf8)))
        }
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
