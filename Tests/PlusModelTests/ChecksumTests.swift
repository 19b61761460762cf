import Foundation
import Testing
@testable import PlusModel
import PlusTestSupport

/// The SHA-256 of a file as its identity: the digest's hex, written byte by byte in place.
@Suite("Checksums")
struct ChecksumTests {
    @Test("the standard test vectors")
    func standardVectors() {
        #expect(Checksum.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Checksum.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the hex of any bytes is each byte's two lowercase digits, as String(radix:) writes them (seeded)")
    func hexIsEachBytesDigits() {
        var generator = SplitMix64(seed: 1207)
        for count in [0, 1, 15, 16, 32, 33] {
            for _ in 0..<50 {
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let reference = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                #expect(Checksum.hex(bytes) == reference)
            }
        }
        // Every byte value, both digits.
        #expect(Checksum.hex(Array(0...255)) == (0...255).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
    }

    @Test("a running checksum fed in chunks is the checksum of the whole")
    func runningIsWhole() {
        var generator = SplitMix64(seed: 7)
        let bytes = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var running = Checksum.Running()
        var at = 0
        while at < bytes.count {
            let end = min(bytes.count, at + Int.random(in: 1...999, using: &generator))
            bytes[at..<end].withUnsafeBytes { running.update($0) }
            at = end
        }
        #expect(running.finalize() == Checksum.sha256(bytes))
    }
}
