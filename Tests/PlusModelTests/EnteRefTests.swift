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
}
