import Testing
import PlusModel

@Suite("Ente references")
struct EnteRefTests {
    @Test func kindAndCodeAreReadWhateverTheKindsCase() {
        #expect(EnteRef(parsing: "asl:ASL5") == EnteRef(kind: .asl, code: "ASL5"))
        #expect(EnteRef(parsing: "Provincia:OR") == EnteRef(kind: .provincia, code: "OR"))
        #expect(EnteRef(parsing: "COMUNE:095018") == EnteRef(comune: "095018"))
        #expect(EnteRef(parsing: "comune:a:b")?.code == "a:b")
        #expect(EnteRef(parsing: "regione:20") == nil)
        #expect(EnteRef(parsing: "asl:") == nil)
        #expect(EnteRef(parsing: "095018") == nil)
    }

    @Test func referencesSortAsTheirWrittenForms() {
        let refs = [
            EnteRef(comune: "095018"), EnteRef(comune: "095001"), EnteRef(comune: "95018"), EnteRef(kind: .asl, code: "ASL5"),
            EnteRef(kind: .asl, code: "ASL10"), EnteRef(kind: .provincia, code: "OR"), EnteRef(kind: .unione, code: "Unione Barigadu"),
            EnteRef(kind: .altro, code: "Àbbasanta"), EnteRef(kind: .altro, code: "Zerfaliu"), EnteRef(kind: .comune, code: "é"),
        ]
        for lhs in refs {
            for rhs in refs {
                #expect((lhs < rhs) == (lhs.description < rhs.description), "\(lhs) < \(rhs)")
            }
        }
        // No kind's name begins another's: what makes comparing kind, then code, the same order.
        for kind in EnteKind.allCases {
            #expect(!EnteKind.allCases.contains { $0 != kind && $0.rawValue.hasPrefix(kind.rawValue) })
        }
    }
}
