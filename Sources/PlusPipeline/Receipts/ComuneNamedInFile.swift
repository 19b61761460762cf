import Foundation
import PlusModel

/// A Comune's sheet whose file name, by the convention `comune-NOME-…`, names another Comune than
/// its rows: `RUN012`, a warning in the receipt, the summary and the log.
///
/// The rows decide whose sheet it is (the sheet is stored as theirs), as before; what changes is
/// that a Comune that sends the sheet it made from another's, with that one's code still in it,
/// is told, where before the other Comune's sheet was replaced in silence. Names are compared
/// folded (case, accents and punctuation aside) and by whole words of the file name, so that
/// `comune-san-vero-milis-…` is San Vero Milis's, not Milis's; a name the reference data does
/// not know (`comune-sgiusta-…`, a code) says nothing.
///
/// A sheet refused whole before its rows said whose it was (its header not one a mapping knows,
/// its bytes no text) is recorded by the same convention as the sheet of the Comune and year its
/// name states (``subject(of:)``), so that `plus status` and the page name it beside that Comune.
///
/// ```swift
/// let check = ComuneNamedInFile(try store.ambiti())
/// check.notice(file: "comune-milis-scheda-2019.csv", ente: cabras)   // RUN012: … Milis … Cabras …
/// check.subject(of: "comune-milis-scheda-2019.csv")                  // Milis (comune:095027), 2019
/// ```
struct ComuneNamedInFile {
    /// Each Comune's folded name to its name as the reference data writes it.
    private var names: [String: String] = [:]
    /// Each Comune's folded name, by its reference.
    private var folded: [EnteRef: String] = [:]
    /// Each Comune by its folded name; `nil` for a name two Comuni share (Peglio, Samone, Castro…).
    private var byName: [String: EnteRef?] = [:]
    /// The most words a Comune's name spans in a file name (`san-giovanni-suergiu`, `reggio-nell-emilia`).
    private var mostWords = 1

    init(_ ambiti: [Ambito]) {
        for comune in ambiti.lazy.flatMap(\.comuni) where folded[comune.ente] == nil {
            let key = Self.fold(comune.name)
            guard !key.isEmpty else { continue }
            folded[comune.ente] = key
            names[key] = names[key] ?? comune.name
            byName[key] = byName[key] == nil ? comune.ente : .some(nil)
            mostWords = max(mostWords, Self.words(comune.name).count)
        }
    }

    /// `RUN012` when `file` is named `comune-NOME-…` after a Comune other than `ente`, whose rows it holds.
    func notice(file: String, ente: EnteRef?) -> FileOutcome.Notice? {
        guard let ente, ente.kind == .comune, let own = folded[ente] else { return nil }
        let words = Self.words(file)
        guard words.count > 1, words[0] == "comune" else { return nil }
        var other: String?
        var joined = ""
        for word in words.dropFirst().prefix(mostWords) {
            joined += word
            if joined == own { return nil }
            if let name = names[joined] { other = name }
        }
        guard let other, let ownName = names[own] else { return nil }
        return FileOutcome.Notice(code: "RUN012", message: LocalizedText(
            it: "il nome del file indica il Comune di \(other), le righe sono del Comune di \(ownName) (\(ente)): la scheda è registrata come di \(ownName). Se è la scheda di \(other), correggere il codice ISTAT nelle righe e inviarla di nuovo.",
            en: "the file's name points to the Comune of \(other), its rows are the Comune of \(ownName)'s (\(ente)): the sheet is recorded as \(ownName)'s. If it is \(other)'s sheet, correct the ISTAT code in its rows and send it again."))
    }

    /// The Comune and the year a file's name states by the convention `comune-NOME-…-ANNO…`
    /// (or `comune-CODICE-…`, the ISTAT code the reference data knows), for a sheet refused whole
    /// before its rows said whose it was; `nil` unless the name states both, each once and
    /// unambiguously (a name two Comuni share, two years).
    func subject(of file: String) -> (ente: EnteRef, year: Int)? {
        let words = Self.words(file)
        guard words.count > 2, words[0] == "comune" else { return nil }
        let years = Set(words.dropFirst(2).compactMap { word -> Int? in
            guard word.utf8.count == 4, let year = Int(word), (1990...2099).contains(year) else { return nil }
            return year
        })
        guard years.count == 1, let year = years.first else { return nil }
        if words[1].utf8.count == 6, words[1].allSatisfy(\.isASCII), Int(words[1]) != nil {
            let code = EnteRef(comune: words[1])
            return folded[code] == nil ? nil : (code, year)
        }
        // The longest name the words spell, as ``notice(file:ente:)`` reads them.
        var found: EnteRef?? = nil
        var joined = ""
        for word in words.dropFirst().prefix(mostWords) {
            joined += word
            if let ente = byName[joined] { found = ente }
        }
        guard let ente = found ?? nil else { return nil }
        return (ente, year)
    }

    /// Lowercase ASCII letters and digits of `text`, accents folded: `Sant'Antioco` is `santantioco`.
    static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        guard Self.foldsASCII(text, into: &bytes, splitting: false) else { return unicodeFold(text) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded words of `text`, split where anything but a letter or a digit stands.
    static func words(_ text: String) -> [String] {
        var bytes: [UInt8] = []
        guard Self.foldsASCII(text, into: &bytes, splitting: true) else { return unicodeWords(text) }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``fold(_:)`` by Foundation's Unicode folding: the reference, and the way of any text that is not ASCII.
    static func unicodeFold(_ text: String) -> String {
        String(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// ``words(_:)`` by Foundation's Unicode folding: the reference, and the way of any text that is not ASCII.
    static func unicodeWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { unicodeFold(String($0)) }.filter { !$0.isEmpty }
    }

    /// Folds ASCII `text` byte by byte into `bytes`, the words apart by a zero when `splitting`;
    /// false, with nothing folded, for text that is not all ASCII. Foundation's folding costs some
    /// 20,000 instructions a text, and every file of a run has its name folded on the thread that
    /// stores it, and every Comune of Italy its name at the start: ASCII letters fold to their
    /// lowercase, and the only ASCII letters and digits are `A`–`Z`, `a`–`z` and `0`–`9`.
    private static func foldsASCII(_ text: String, into bytes: inout [UInt8], splitting: Bool) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            bytes.reserveCapacity(utf8.count + 1)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
                default: if splitting, bytes.last.map({ $0 != 0 }) == true { bytes.append(0) }
                }
            }
            return true
        }
    }
}
