import Foundation
import Plot
import PlusModel
import PlusTestSupport
import Testing
@testable import PlusReport

extension BodyNode {
    /// The node as Plot's node tree, as the page was built before ``MarkupText`` wrote it: the reference.
    var plot: Node<HTML.BodyContext> {
        switch self {
        case .element(let name, let attributes, let children):
            .element(named: name, nodes: attributes.map { .attribute(named: $0.0, value: Markup.attributeValue($0.1)) } + children.map(\.plot))
        case .selfClosed(let name, let attributes):
            .selfClosedElement(named: name, attributes: attributes.map { Attribute(name: $0.0, value: Markup.attributeValue($0.1)) })
        case .text(let text):
            .text(text)
        case .raw(let markup):
            .raw(markup)
        case .written(let markup):
            .raw(markup.text)
        case .empty:
            .empty
        }
    }
}

/// The page's nodes written by ``MarkupText`` are the bytes Plot renders for the same nodes.
@Suite struct MarkupEquivalenceTests {
    static let texts = MarkupTextTests.texts + [
        "&", "&&", "&amp", "&amp;&lt;", "&#60;", "&x1;", "a&b;c", "€ & ½", "tab\tnew\nline", "e\u{301}&\u{301}", "👩‍👩‍👧 & 🇮🇹",
        "<>", "\"", "'", " ", "\u{0}", "&#x3C;", "& ;",
    ]
    static let names = ["p", "td", "span", "section", "svg", "rect", "a", "x-custom"]
    static let attributeNames = ["class", "id", "href", "data-ente", "style", "aria-label"]

    /// A random tree of elements, self-closed elements, text, raw markup and empty nodes; attributes
    /// hostile, empty, or named twice.
    static func tree(depth: Int, using generator: inout SplitMix64) -> BodyNode {
        let kind = depth == 0 ? Int.random(in: 2...4, using: &generator) : Int.random(in: 0...4, using: &generator)
        func attributes() -> [(String, String)] {
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                (attributeNames.randomElement(using: &generator)!, texts.randomElement(using: &generator)!)
            }
        }
        switch kind {
        case 0, 1:
            let children = (0..<Int.random(in: 0...4, using: &generator)).map { _ in tree(depth: depth - 1, using: &generator) }
            return .element(name: names.randomElement(using: &generator)!, attributes: attributes(), children: children)
        case 2:
            return .selfClosed(name: names.randomElement(using: &generator)!, attributes: attributes())
        case 3:
            return .text(texts.randomElement(using: &generator)!)
        default:
            switch Int.random(in: 0...2, using: &generator) {
            case 0: return .raw("<b>\(texts.randomElement(using: &generator)!)</b>")
            case 1:
                var written = MarkupText()
                written.element("i", attributes(), text: texts.randomElement(using: &generator)!)
                return .written(written)
            default: return .empty
            }
        }
    }

    @Test func seededTreesAreWrittenAsPlotRendersThem() {
        var generator = SplitMix64(seed: 16)
        for index in 0..<400 {
            let node = Self.tree(depth: 4, using: &generator)
            #expect(node.render() == node.plot.render(), "tree \(index)")
        }
    }

    @Test func repeatedAttributesKeepTheirFirstPlaceAndLastValue() {
        let node = Markup.element("td", [("class", "a"), ("id", "x"), ("class", ""), ("id", "y"), ("class", "b&c")], text: "t")
        #expect(node.render() == "<td class=\"b&amp;c\" id=\"y\">t</td>")
        #expect(node.render() == node.plot.render())
    }

    /// A chart's shapes are written attribute by attribute: the same bytes as the element's
    /// attributes given whole, for hostile, empty and numeric values, empty and childless elements.
    @Test func attributesOneByOneAreTheAttributesGivenWhole() {
        var generator = SplitMix64(seed: 2_612)
        let numbers: [Double] = [0, -0.0, 0.05, 0.25, -0.25, 12.35, 959.99, 1e15, 0x1p48, -0x1p60, .infinity, .nan, 1 / 3]
        for index in 0..<600 {
            let name = Self.names.randomElement(using: &generator)!
            // Distinct names: the caller of the one-by-one writer names each attribute once.
            let names = Self.attributeNames.shuffled(using: &generator).prefix(Int.random(in: 0...5, using: &generator))
            var attributes: [(String, String)] = []
            var oneByOne = MarkupText()
            oneByOne.startTag(name)
            for attribute in names {
                if Bool.random(using: &generator) {
                    let value = numbers.randomElement(using: &generator)! * Double(Int.random(in: -3...3, using: &generator))
                    attributes.append((attribute, BarChart.number(value)))
                    oneByOne.attribute(attribute, number: value)
                } else {
                    let value = Self.texts.randomElement(using: &generator)!
                    attributes.append((attribute, value))
                    oneByOne.attribute(attribute, value)
                }
            }
            var whole = MarkupText()
            if Bool.random(using: &generator) {
                oneByOne.endEmptyTag()
                whole.empty(name, attributes)
            } else {
                let pieces = (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.texts.randomElement(using: &generator)! }
                oneByOne.endStartTag()
                oneByOne.append(pieces: pieces.joined(separator: "\u{1}"))
                if let first = pieces.first {
                    // Pieces told apart as a chart's title is: each escaped alone or their whole.
                    var apart = MarkupText()
                    apart.append(pieces: first, " — ", pieces.last!, ": ")
                    var joined = MarkupText()
                    joined.append(first + " — " + pieces.last! + ": ")
                    #expect(apart.bytes == joined.bytes, "pieces \(index)")
                }
                oneByOne.close(name)
                whole.element(name, attributes, text: pieces.joined(separator: "\u{1}"))
            }
            #expect(oneByOne.text == whole.text, "element \(index)")
        }
    }

    /// Whole pages: ours, and Plot's rendering of the same body nodes.
    static func expectSamePage(_ model: ReportModel, link: ((String) -> String?)? = nil) {
        let page = ReportPage(model: model, ambitoPage: link)
        let reference = page.html(body: page.bodyNode.plot)
        #expect(page.html() == reference)
        #expect(page.data() == Data(reference.utf8))
    }

    @Test func pagesAreThoseOfPlot() throws {
        for language in [Language.it, .en] {
            var hostile = ReportPageTests.hostileModel()
            hostile.language = language
            Self.expectSamePage(hostile)
            var region = ReportPageTests.regionWithAnAmbitoThatSentNothing()
            region.language = language
            Self.expectSamePage(region)
            Self.expectSamePage(region) { "\($0)-2019/report & <\($0)>.html" }
        }
        let bench = try ReportComparisonTests.twoYears()
        for year in [2018, 2019] {
            Self.expectSamePage(try #require(try bench.builder.ambito("OR", year: year)))
        }
    }
}
