import Foundation
import Testing
@testable import PlusPipeline
import PlusTestSupport

/// A list's items written apart (on the cores, as `plus import` of a folder writes them) and
/// joined are the document the list written whole is.
@Suite("A JSON list written item by item")
struct JSONListTests {
    struct Item: Encodable {
        var name: String
        var count: Int
        var amounts: [Int]
        var labels: [String: String]
        var nested: [Item]
        var missing: String?
    }

    /// Hostile texts: line breaks and quotes (escaped inside strings), slashes, non-ASCII, controls.
    static let texts = ["", "a", "riga\nsotto", "\"virgolette\"", "a/b", "Quota comunale (€)", "\u{0}\u{1F}", "\u{2028}", "    rientro", "{\n}"]

    static func item(_ generator: inout SplitMix64, depth: Int = 0) -> Item {
        var labels: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            labels[texts.randomElement(using: &generator)!] = texts.randomElement(using: &generator)!
        }
        return Item(
            name: texts.randomElement(using: &generator)!, count: Int.random(in: -5...5, using: &generator),
            amounts: (0..<Int.random(in: 0...3, using: &generator)).map { _ in Int.random(in: -1_000...1_000, using: &generator) },
            labels: labels,
            nested: depth < 2 ? (0..<Int.random(in: 0...2, using: &generator)).map { _ in item(&generator, depth: depth + 1) } : [],
            missing: Bool.random(using: &generator) ? nil : texts.randomElement(using: &generator)!)
    }

    @Test("joined items are the whole list's document, pretty and not, empty arrays and objects too (seeded)")
    func joinedItemsAreTheWholeList() throws {
        var generator = SplitMix64(seed: 2_026_12_07)
        for count in [0, 1, 2, 7, 30] {
            let items = (0..<count).map { _ in Self.item(&generator) }
            for pretty in [true, false] {
                let written = try items.map { try JSONOutput.listItem($0, pretty: pretty) }
                #expect(try JSONOutput.list(ofWritten: written, pretty: pretty) == JSONOutput.encode(items, pretty: pretty), "\(count) items, pretty \(pretty)")
            }
        }
    }
}
