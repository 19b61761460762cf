import Foundation
import Testing
import PlusModel
@testable import PlusPipeline
import PlusTestSupport

/// A Comune's sheet named `comune-NOME-…` after another Comune than its rows' is warned (`RUN012`);
/// names are folded and read by whole words, and a name the reference data does not know says nothing.
@Suite("A Comune's sheet named after another Comune")
struct ComuneNamedInFileTests {
    static func comune(_ code: String, _ name: String) -> MemberComune {
        MemberComune(istatCode: code, name: name, population: 1_000, province: "OR")
    }

    static let check = ComuneNamedInFile([Ambito(
        code: "OR", name: "Oristano", capofila: "095038",
        comuni: [
            comune("095018", "Cabras"), comune("095027", "Milis"), comune("095050", "San Vero Milis"),
            comune("092080", "Sant'Antioco"), comune("095071", "Villanova Truschedu"), comune("095047", "Santa Giusta"),
        ])])

    static func ente(_ code: String) -> EnteRef { EnteRef(kind: .comune, code: code) }

    static let italy = Workbench.repository.appendingPathComponent("../shared/data/comuni-istat-2011.csv").standardizedFileURL

    @Test(arguments: [
        ("comune-milis-scheda-2019.csv", "095018", "Milis"),
        ("COMUNE_Milis_Scheda_2019.xlsx", "095018", "Milis"),
        ("comune-milis-scheda-2019.csv", "095050", "Milis"),
        ("comune-san-vero-milis-scheda-2019.csv", "095027", "San Vero Milis"),
        ("comune-sant-antioco-2019.csv", "095018", "Sant'Antioco"),
    ])
    func anotherComunesNameIsWarned(file: String, rows: String, named: String) throws {
        let notice = try #require(Self.check.notice(file: file, ente: Self.ente(rows)))
        #expect(notice.code == "RUN012")
        #expect(notice.message.it.contains("il nome del file indica il Comune di \(named)"), "\(notice.message.it)")
        #expect(notice.message.en.contains("the file's name points to the Comune of \(named)"))
    }

    @Test(arguments: [
        ("comune-cabras-scheda-2019.csv", "095018"),
        ("comune-san-vero-milis-scheda-2019.csv", "095050"),
        ("comune-santantioco-2019.csv", "092080"),
        ("comune-sant'antioco-2019.csv", "092080"),
        ("comune-villanova-truschedu-2019.csv", "095071"),
        // Not named by the convention, or by a name the reference data does not know: nothing to compare.
        ("Scheda Milis 2019.csv", "095018"),
        ("comune-sgiusta-scheda-2019.csv", "095018"),
        ("comune-095018-2019.csv", "095027"),
        ("comune.csv", "095018"),
    ])
    func ownNamesAndUnknownNamesSayNothing(file: String, rows: String) {
        #expect(Self.check.notice(file: file, ente: Self.ente(rows)) == nil, "\(file)")
    }

    /// Every Italian Comune of ISTAT's 2011 list (`../shared/data`), its sheet named after it as
    /// officers write names (words joined by `-`, `_` or nothing; accents kept or folded; an
    /// apostrophe or a slash as written): never warned, whatever the other 7,900 names.
    /// Where `../shared` is (as for `RegionalSubmissionTests`'s Italy-wide test).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.italy.path)))
    func noComuneOfItalyIsWarnedForItsOwnName() throws {
        let lines = try String(contentsOf: Self.italy, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let comuni = lines.compactMap { line -> MemberComune? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count > 1 ? Self.comune(String(cells[0]), String(cells[1])) : nil
        }
        try #require(comuni.count > 7_800)
        let check = ComuneNamedInFile([Ambito(code: "IT", name: "Italia", capofila: comuni[0].istatCode, comuni: comuni)])
        var warned: [String] = []
        for comune in comuni {
            let plain = comune.name.lowercased()
            let folded = plain.folding(options: .diacriticInsensitive, locale: nil)
            let styles = [
                plain.replacingOccurrences(of: " ", with: "-"), folded.replacingOccurrences(of: " ", with: "_"),
                folded.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "'", with: ""),
                folded.replacingOccurrences(of: "'", with: "-").replacingOccurrences(of: " ", with: "-"),
            ]
            for style in styles where check.notice(file: "comune-\(style)-scheda-2019.csv", ente: comune.ente) != nil {
                warned.append("\(comune.name): comune-\(style)")
            }
        }
        #expect(warned.isEmpty, "\(warned.prefix(20))")
        // And each named after the next Comune of the list, holding its own rows: warned, but where
        // the two share a name (Livo, Samone, …) or one's name begins the other's (no word left to tell).
        let misnamed = zip(comuni, comuni.dropFirst()).filter { own, next in
            check.notice(file: "comune-\(next.name.lowercased().replacingOccurrences(of: " ", with: "-"))-scheda-2019.csv", ente: own.ente) != nil
        }
        #expect(misnamed.count > comuni.count * 99 / 100, "\(misnamed.count) of \(comuni.count)")
    }

    @Test func onlyAComunesSheetIsCompared() {
        #expect(Self.check.notice(file: "comune-milis-2019.csv", ente: EnteRef(kind: .asl, code: "ASL5")) == nil)
        #expect(Self.check.notice(file: "comune-milis-2019.csv", ente: nil) == nil)
        // A Comune the reference data does not list: no name of its own to compare with.
        #expect(Self.check.notice(file: "comune-milis-2019.csv", ente: Self.ente("001001")) == nil)
    }

    /// A sheet refused before its rows said whose it was is recorded by its name: only a name that
    /// states one Comune (one no other Comune shares) and one year is read so.
    @Test func theNameStatesAComuneAndAYearOnlyWhenItSaysEachOnceAndUnambiguously() {
        let comuni = [("095027", "Milis"), ("095050", "San Vero Milis"), ("013178", "Peglio"), ("041044", "Peglio")]
        let ambito = Ambito(code: "X", name: "X", capofila: "095027", comuni: comuni.map { MemberComune(istatCode: $0.0, name: $0.1, population: 1) })
        let names = ComuneNamedInFile([ambito])
        #expect(names.subject(of: "comune-milis-scheda-2019.csv")?.ente == EnteRef(comune: "095027"))
        #expect(names.subject(of: "comune-milis-scheda-2019.csv")?.year == 2019)
        #expect(names.subject(of: "Comune San Vero Milis - scheda 2019 (rettifica).xlsx")?.ente == EnteRef(comune: "095050"))
        #expect(names.subject(of: "comune-095027-milis-scheda-2019.csv")?.ente == EnteRef(comune: "095027"))
        #expect(names.subject(of: "comune-999999-scheda-2019.csv") == nil)
        #expect(names.subject(of: "comune-peglio-scheda-2019.csv") == nil)
        #expect(names.subject(of: "comune-milis-scheda-2019-2020.csv") == nil)
        #expect(names.subject(of: "comune-milis-scheda.csv") == nil)
        #expect(names.subject(of: "milis-scheda-2019.csv") == nil)
        #expect(names.subject(of: "comune-milis-2019-2019.csv")?.year == 2019)
    }

    /// File names and Comuni's names are folded byte by byte when they are ASCII: the same words
    /// and keys as Foundation's Unicode folding, on seeded names of every ASCII byte (separators,
    /// controls, `\r\n`), with accented ones among them (those go through the Unicode folding).
    @Test func asciiFoldingIsUnicodeFolding() {
        var generator = SplitMix64(seed: 2_026_120_7)
        let pieces = ["comune", "Milis", "SAN", "vero", "-", "_", " ", "'", ".", "2019", "\r\n", "\t", "(1)", "Sant'Antioco",
                      "Forlì", "città", "\u{0}", "~", "[", "@", "`", "{", "Z", "a", "0", "9", "é"]
        var checked = 0
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...9, using: &generator) {
                if Bool.random(using: &generator) {
                    text += pieces.randomElement(using: &generator)!
                } else {
                    text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0...127, using: &generator)))
                }
            }
            #expect(ComuneNamedInFile.words(text) == ComuneNamedInFile.unicodeWords(text), "\(text.debugDescription)")
            #expect(ComuneNamedInFile.fold(text) == ComuneNamedInFile.unicodeFold(text), "\(text.debugDescription)")
            if text.utf8.allSatisfy({ $0 < 0x80 }) { checked += 1 }
        }
        // Most names are ASCII, and went the byte-level way.
        #expect(checked > 1_000)
    }
}
