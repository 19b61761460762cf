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
/// ```swift
/// let check = ComuneNamedInFile(try store.ambiti())
/// check.notice(file: "comune-milis-scheda-2019.csv", ente: cabras)   // RUN012: … Milis … Cabras …
/// ```
struct ComuneNamedInFile {
    /// Each Comune's folded name to its name as the reference data writes it.
    private var names: [String: String] = [:]
    /// Each Comune's folded name, by its reference.
    private var folded: [EnteRef: String] = [:]
    /// The most words a Comune's name spans in a file name (`san-giovanni-suergiu`, `reggio-nell-emilia`).
    private var mostWords = 1

    init(_ ambiti: [Ambito]) {
        for comune in ambiti.lazy.flatMap(\.comuni) where folded[comune.ente] == nil {
            let key = Self.fold(comune.name)
            guard !key.isEmpty else { continue }
            folded[comune.ente] = key
            names[key] = names[key] ?? comune.name
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

    /// Lowercase ASCII letters and digits of `text`, accents folded: `Sant'Antioco` is `santantioco`.
    static func fold(_ text: String) -> String {
        String(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// The folded words of `text`, split where anything but a letter or a digit stands.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { fold(String($0)) }.filter { !$0.isEmpty }
    }
}
