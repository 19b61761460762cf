import Foundation
import Testing
import PlusModel

@Suite("A service's management is read from its words, blanks trimmed as Foundation trims them")
struct ManagementTextTests {
    /// `Management(text:)` trims without Foundation; what it accepts must be what Foundation's
    /// `.whitespaces` trimming of the same words would accept.
    @Test(arguments: [
        "associata", " Associata ", "\tambito\u{00A0}", "\u{2003}JOINT\u{3000}", "comune:095018", " comune: 095018 \t",
        "associata\n", "\nassociata", "asso ciata", "", " ", "\u{00A0}\u{00A0}", "comune:", "Comune:095018\u{202F}", "associato\u{0301}",
    ])
    func acceptsWhatFoundationTrimmingAccepts(text: String) {
        let reference = text.lowercased().trimmingCharacters(in: .whitespaces)
        let expected: Management? = switch reference {
        case "associata", "associato", "ambito", "joint": .associata
        case _ where reference.hasPrefix("comune:"): .comune(istatCode: String(reference.dropFirst("comune:".count)))
        default: nil
        }
        #expect(Management(text: text) == expected, "\(text.debugDescription)")
    }
}
