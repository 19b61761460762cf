import Foundation
import Testing
@testable import PlusCSV

@Suite("Single-byte cells decode to the characters their code page names")
struct SingleByteDecodingTests {
    /// Every byte, alone and in a run: ISO 8859-1 is U+0000–U+00FF; Windows-1252 differs only
    /// in 0x80–0x9F, where its five undefined positions keep the C1 control.
    @Test(arguments: [false, true])
    func everyByteDecodesToItsCharacter(windows1252: Bool) {
        let bytes = (0...255).map(UInt8.init)
        let text = bytes.withUnsafeBufferPointer { SingleByteDecoding.decode($0, windows1252: windows1252) }
        let expected = bytes.map { byte -> UInt32 in
            guard windows1252, (0x80...0x9F).contains(byte), ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte) else { return UInt32(byte) }
            let cp1252 = String(data: Data([byte]), encoding: .windowsCP1252)
            return cp1252?.unicodeScalars.first?.value ?? UInt32(byte)
        }
        #expect(text.unicodeScalars.map(\.value) == expected)
        #expect(Array(text.utf8) == Array(String(String.UnicodeScalarView(expected.map { Unicode.Scalar($0)! })).utf8))
        let euro = [UInt8(0x80), 0x20, 0xE0].withUnsafeBufferPointer { SingleByteDecoding.decode($0, windows1252: windows1252) }
        #expect(euro == (windows1252 ? "€ à" : "\u{80} à"))
    }
}
