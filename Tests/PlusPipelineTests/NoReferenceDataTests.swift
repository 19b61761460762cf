import Foundation
import Testing
import PlusModel

/// An Ambito-year whose Ambito the reference data does not know is reported as such, in the
/// run's language, and the other Ambito-years of the run are still validated and exported.
@Suite("An Ambito without reference data is named and does not stop the run")
struct NoReferenceDataTests {
    /// The Oristano year with its reference data, and an ASL sheet for an Ambito nobody described.
    static func bench() throws -> Workbench {
        let bench = try Workbench()
        try bench.dropOristanoYear()
        let asl = try String(contentsOf: Workbench.repository.appendingPathComponent("SampleData/oristano/asl5-dichiarazione-2019.csv"), encoding: .utf8)
        try asl.replacingOccurrences(of: ",OR,", with: ",ZZ,")
            .write(to: bench.inbox.appendingPathComponent("asl9-dichiarazione-2019.csv"), atomically: true, encoding: .utf8)
        return bench
    }

    static func summary(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test(arguments: [Language.it, .en])
    func theOtherAmbitoYearsAreExportedAndTheUnknownOneIsNamed(language: Language) throws {
        let bench = try Self.bench()
        let result = try CommandLineTests.run([
            "run", "--settle", "0", "--inbox", bench.inbox.path, "--out", bench.out.path,
            "--store", bench.root.appendingPathComponent("run.sqlite").path, "--lang", language.rawValue,
        ])
        #expect(result.status == 1, "\(result.output)")
        #expect(!result.output.contains("EXP007"), "\(result.output)")
        let summary = try Self.summary(result.output)
        let validated = Set(summary["validated"] as? [String] ?? [])
        let withErrors = Set(summary["withErrors"] as? [String] ?? [])
        #expect(validated.isSuperset(of: ["OR 2019", "ZZ 2019"]))
        #expect(withErrors.contains("ZZ 2019") && !withErrors.contains("OR 2019"), "\(withErrors)")
        let exported = bench.out.appendingPathComponent("OR-2019/datapackage/datapackage.json")
        #expect(FileManager.default.fileExists(atPath: exported.path))
        #expect(!FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("ZZ-2019/datapackage").path))
        let text = try String(contentsOf: bench.out.appendingPathComponent("ZZ-2019/validazione.txt"), encoding: .utf8)
        #expect(text.contains("RUN030"))
        switch language {
        case .it: #expect(text.contains("L'Ambito ZZ non ha dati di riferimento"))
        case .en: #expect(text.contains("Ambito ZZ has no reference data"))
        }
    }
}

/// A run killed while it wrote an Ambito-year's folder leaves a temporary no rename replaces;
/// the next consolidation of that year removes it, whether the year is exported or, without
/// reference data, only reported.
@Suite("A killed run's temporaries in an Ambito-year's folder")
struct AmbitoYearLeftoverTests {
    @Test func theNextConsolidationRemovesThemExportedOrNot() throws {
        let bench = try NoReferenceDataTests.bench()
        _ = try bench.job().run()
        let hourAgo = Date(timeIntervalSinceNow: -3600)
        var planted: [URL] = []
        for folder in ["OR-2019", "ZZ-2019"] {
            let leftover = bench.out.appendingPathComponent("\(folder)/\(Leftovers.temporaryName())")
            try Data("<html".utf8).write(to: leftover)
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: leftover.path)
            planted.append(leftover)
        }
        // Not a temporary of plus: left alone.
        let notes = bench.out.appendingPathComponent("ZZ-2019/appunti.txt")
        try Data("da chiedere alla ASL\n".utf8).write(to: notes)
        // Every Ambito-year consolidated again, as after a kill before the mark was written.
        try FileManager.default.removeItem(at: bench.out.appendingPathComponent(".ultimo-consolidamento"))
        let summary = try bench.job().run()
        #expect(Set(summary.validated).isSuperset(of: ["OR 2019", "ZZ 2019"]))
        for leftover in planted {
            #expect(!FileManager.default.fileExists(atPath: leftover.path), "\(leftover.path)")
        }
        #expect(FileManager.default.fileExists(atPath: notes.path))
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("ZZ-2019/validazione.json").path))
    }
}
