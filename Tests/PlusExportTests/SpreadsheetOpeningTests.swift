import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlusModel
import Testing
@testable import PlusExport

/// Opens a `csv-it` export in LibreOffice Calc (headless) with the import settings the README
/// documents, and reads back what an officer would see: codes and act numbers as text, amounts
/// as numbers, dates as dates. CI installs LibreOffice with `.ci/deps` (`libreoffice-calc-nogui`).
@Suite struct SpreadsheetOpeningTests {
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The Text Import settings the README asks for: `;`, `"`, UTF-8, from line 1, Italian, quoted
    /// fields as text, special numbers (dates) detected.
    static let documentedImport = "CSV:59,34,76,1,,1040,true,true"
    /// What Calc does with nothing ticked.
    static let defaultImport = "CSV:59,34,76,1,,1040,false,true"

    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed: `bash .ci/deps` installs libreoffice-calc-nogui"))
    func codesAndActNumbersStayTextWhileAmountsAndDatesKeepTheirTypes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var oristano = Fixtures.oristano()
        oristano.deliberation?.number = "20/9"
        let out = directory.appendingPathComponent("out")
        try Exporter(recomputer: Fixtures.recomputer).export([oristano], format: .italianCSV, metadata: Fixtures.metadata, to: out)

        let sheets = try Self.open(["ambiti.csv", "allocazione_regionale.csv"].map(out.appendingPathComponent),
                                   filter: Self.documentedImport, in: directory)
        let ambiti = try #require(sheets["ambiti"])
        #expect(ambiti.value(row: 1, column: "capofila") == .text("095038"))
        #expect(ambiti.value(row: 1, column: "ambito") == .text("OR"))
        #expect(ambiti.value(row: 1, column: "popolazione")?.isNumber == true)
        let allocation = try #require(sheets["allocazione_regionale"])
        #expect(allocation.value(row: 1, column: "delibera_numero") == .text("20/9"))
        #expect(allocation.value(row: 1, column: "delibera_data") == .date("2019-10-06"))
        #expect(allocation.value(row: 1, column: "totale_deliberato") == .number("776000"))
    }

    /// Why the README names the setting: quoting alone does not survive Calc's defaults.
    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed: `bash .ci/deps` installs libreoffice-calc-nogui"))
    func withoutTheSettingCalcDropsTheLeadingZero() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        try Exporter(recomputer: Fixtures.recomputer).export([Fixtures.oristano()], format: .italianCSV, metadata: Fixtures.metadata, to: out)
        let sheets = try Self.open([out.appendingPathComponent("ambiti.csv")], filter: Self.defaultImport, in: directory)
        #expect(try #require(sheets["ambiti"]).value(row: 1, column: "capofila") == .number("95038"))
    }

    // MARK: - LibreOffice round trip

    /// A cell as Calc typed it.
    enum Cell: Equatable {
        case text(String), number(String), date(String), empty

        var isNumber: Bool {
            if case .number = self { return true }
            return false
        }
    }

    struct Sheet {
        var rows: [[Cell]]
        func value(row: Int, column: String) -> Cell? {
            guard let index = rows.first?.firstIndex(of: .text(column)), row < rows.count, index < rows[row].count else { return nil }
            return rows[row][index]
        }
    }

    /// Converts each CSV to a flat ODS (one XML file) with `filter`, and reads its cells back.
    static func open(_ files: [URL], filter: String, in directory: URL) throws -> [String: Sheet] {
        let converted = directory.appendingPathComponent("calc")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(soffice))
        // A profile of its own: another soffice running at the same time would otherwise take this one over.
        process.arguments = ["-env:UserInstallation=file://" + directory.appendingPathComponent("profile").path,
                             "--headless", "--infilter=" + filter, "--convert-to", "fods", "--outdir", converted.path]
            + files.map(\.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        var sheets: [String: Sheet] = [:]
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let fods = converted.appendingPathComponent(name + ".fods")
            let reader = FlatODSReader()
            let parser = XMLParser(data: try Data(contentsOf: fods))
            parser.delegate = reader
            #expect(parser.parse(), "\(fods.path) is not well-formed")
            sheets[name] = Sheet(rows: reader.rows)
        }
        return sheets
    }

    /// Collects the first table's cells: `office:value-type` and the value Calc stored.
    final class FlatODSReader: NSObject, XMLParserDelegate {
        var rows: [[Cell]] = []
        private var tables = 0
        private var cell: (type: String, value: String?, repeated: Int)?
        private var text = ""
        private var inParagraph = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            // FoundationXML may give names with or without their prefix: compare local names.
            let attributes = Dictionary(attributes.map { (Self.local($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            switch Self.local(qualifiedName ?? name) {
            case "table": tables += 1
            case "table-row" where tables == 1: rows.append([])
            case "p" where cell != nil: inParagraph = true
            case "table-cell" where tables == 1:
                let repeated = Int(attributes["number-columns-repeated"] ?? "1") ?? 1
                cell = (attributes["value-type"] ?? "", attributes["value"] ?? attributes["date-value"], repeated)
                text = ""
            default: break
            }
        }

        static func local(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Only a paragraph's text: the file is pretty-printed, with white space between elements.
            if inParagraph { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if Self.local(qualifiedName ?? name) == "p" { inParagraph = false }
            guard Self.local(qualifiedName ?? name) == "table-cell", let current = cell, !rows.isEmpty else { return }
            let value: Cell = switch current.type {
            case "string": .text(text)
            case "float", "percentage", "currency": .number(current.value ?? "")
            case "date": .date(current.value ?? "")
            default: .empty
            }
            // Trailing empty cells come as one repeated cell to the end of the sheet: keep only one.
            let count = value == .empty ? 1 : min(current.repeated, 1_000)
            rows[rows.count - 1] += Array(repeating: value, count: count)
            cell = nil
        }
    }
}
