import Foundation
import PlusModel
import Testing
@testable import PlusPipeline

/// A receipt's JSON, encoded once, is the document `JSONOutput.encode` writes for it.
@Suite struct ReceiptJSONTests {
    static func outcomes() -> [FileOutcome] {
        let bare = FileOutcome(file: "scheda.csv", sha256: "", verdict: .unrecognised)
        var full = FileOutcome(file: "comune \"Cabras\" / è.csv", sha256: String(repeating: "ab", count: 32), mapping: "comune-scheda", verdict: .acceptedWithRejections)
        full.rowsRead = 5
        full.rowsAccepted = 1
        full.rowsRejected = 4
        full.submission = 42
        full.ente = "comune:095018"
        full.year = 2019
        full.receivedAt = "2026-11-30T23:05:00+01:00"
        full.supersedes = [.init(submission: 7, file: "a\\b\tc.csv", receivedAt: "2026-11-29T10:00:00+01:00")]
        full.reasons = [LocalizedText(it: "riga 3: importo «12,3,4» non valido\n", en: "line 3: amount \u{1} invalid")]
        full.warnings = [FileOutcome.Notice(code: "RUN010", message: LocalizedText(it: "</script> & più", en: "50% less"))]
        full.filedAs = "archive/comune.csv"
        return [bare, full]
    }

    @Test func encodedOnceItIsTheDocumentJSONOutputWrites() throws {
        for outcome in Self.outcomes() {
            for pretty in [true, false] {
                #expect(try JSONOutput.encodeObject(outcome, pretty: pretty) == JSONOutput.encode(outcome, pretty: pretty))
            }
            let written = try JSONOutput.encodeObject(outcome)
            #expect(written.contains("\"schemaVersion\" : 1"))
            #expect(try JSONDecoder().decode(FileOutcome.self, from: Data(written.utf8)) == outcome)
        }
    }

    /// A list is wrapped without being encoded first to see what it is; the document is the one
    /// the general path writes (called through an existential, it cannot pick the list's overload).
    @Test func aListEncodedOnceIsTheDocumentTheGeneralPathWrites() throws {
        let lists: [[FileOutcome]] = [[], Self.outcomes(), Self.outcomes().reversed()]
        for list in lists {
            let general: any Encodable = list
            for pretty in [true, false] {
                let once = try JSONOutput.encode(list, pretty: pretty)
                #expect(once == (try JSONOutput.encode(general, pretty: pretty)))
                #expect(once.hasPrefix(pretty ? "{\n  \"items\" : [" : "{\"items\":["))
            }
        }
    }
}
