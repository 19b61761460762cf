import Foundation
import PlusModel

/// A horizontal bar chart drawn as inline SVG: stacked parts, or bars side by side.
///
/// ```swift
/// BarChart(title: "Riparto", series: [.init(label: "Quota uguale", color: "#06c")],
///          rows: [.init(label: "Oristano", values: [Money(cents: 100)])], layout: .stacked).node()
/// ```
struct BarChart {
    struct Series {
        var label: String
        var color: String
    }

    struct Row {
        var label: String
        /// One value per series, in the series' order.
        var values: [Money]
        var highlighted = false
    }

    enum Layout { case stacked, grouped }

    var title: String
    var series: [Series]
    var rows: [Row]
    var layout: Layout
    /// The language amounts are written in.
    var language: PlusModel.Language = .it

    private let width = 960.0
    private let labelWidth = 300.0
    private let valueWidth = 130.0
    private var rowHeight: Double { layout == .stacked ? 24 : 34 }

    func node() -> BodyNode {
        let barWidth = width - labelWidth - valueWidth
        // Cents added saturating, for the drawing's scale only: amounts out of range (R404)
        // would overflow a plain sum, and the bars need no more than the largest row's size.
        let extent = rows.map { row in
            layout == .stacked
                ? row.values.reduce(Int64(0)) { total, value in
                    let (sum, overflow) = total.addingReportingOverflow(value.cents)
                    return overflow ? (value.cents > 0 ? .max : .min) : sum
                }
                : (row.values.map(\.cents).max() ?? 0)
        }.max() ?? 0
        let scale = extent > 0 ? barWidth / Double(extent) : 0
        let height = Double(rows.count) * rowHeight + 8
        // The shapes are written as text (``MarkupText``), attribute by attribute: the same bytes
        // as Markup's nodes, a fraction of the time.
        var svg = MarkupText()
        svg.open("svg", [
            ("viewBox", "0 0 \(number(width)) \(number(height))"),
            ("width", "100%"), ("role", "img"), ("aria-label", title), ("class", "chart"),
        ])
        let valueClass = layout == .stacked ? "value" : "value small"
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight + 4
            if row.highlighted {
                svg.startTag("rect")
                svg.attribute("x", "0")
                svg.attribute("y", number: top - 2)
                svg.attribute("width", number: width)
                svg.attribute("height", number: rowHeight)
                svg.attribute("class", "highlight")
                svg.endEmptyTag()
            }
            text(at: labelWidth - 10, top + rowHeight / 2 + 2, class: "label", row.label, into: &svg)
            var x = labelWidth
            for (seriesIndex, value) in row.values.enumerated() where value.cents > 0 {
                let length = max(Double(value.cents) * scale, 0.5)
                let (y, thickness) = layout == .stacked
                    ? (top + 3, rowHeight - 8)
                    : (top + 2 + Double(seriesIndex) * (rowHeight - 6) / Double(series.count), (rowHeight - 8) / Double(series.count))
                svg.startTag("rect")
                svg.attribute("x", number: layout == .stacked ? x : labelWidth)
                svg.attribute("y", number: y)
                svg.attribute("width", number: length)
                svg.attribute("height", number: thickness)
                svg.attribute("fill", series[seriesIndex].color)
                svg.endStartTag()
                svg.startTag("title")
                svg.endStartTag()
                svg.append(pieces: row.label, " — ", series[seriesIndex].label, ": ", ReportFormat.amount(value, in: language))
                svg.close("title")
                svg.close("rect")
                if layout == .stacked { x += length }
            }
            // Stacked: the row's total; side by side: each bar's own amount, level with it.
            // A total that does not fit in 64 bits (amounts out of range, R404) is said to be so.
            if layout == .stacked {
                let total = row.values.checkedSum()
                text(at: width - 4, top + rowHeight / 2 + 2, class: valueClass,
                     total.map { ReportFormat.amount($0, in: language) } ?? ReportWords(language).outOfRange, into: &svg)
            } else {
                for (index, value) in row.values.enumerated() {
                    let y = top + 2 + (Double(index) + 0.5) * (rowHeight - 6) / Double(series.count) + 3
                    text(at: width - 4, y, class: valueClass, ReportFormat.amount(value, in: language), into: &svg)
                }
            }
        }
        svg.close("svg")
        let legend = Markup.element("ul", [("class", "legend")], series.map { item in
            Markup.element("li", [], [
                Markup.element("span", [("class", "swatch"), ("style", "background:\(item.color)")]),
                .text(item.label),
            ])
        })
        return Markup.element("figure", [("class", "chart-figure")], [
            Markup.element("figcaption", [], text: title), legend, .written(svg),
        ])
    }

    /// `<text x y text-anchor="end" class>content</text>`: a row's label or amount.
    private func text(at x: Double, _ y: Double, class name: String, _ content: String, into svg: inout MarkupText) {
        svg.startTag("text")
        svg.attribute("x", number: x)
        svg.attribute("y", number: y)
        svg.attribute("text-anchor", "end")
        svg.attribute("class", name)
        svg.endStartTag()
        svg.append(content)
        svg.close("text")
    }

    private func number(_ value: Double) -> String { Self.number(value) }

    /// `value` with one decimal, exactly as C's `%.1f` writes it (the binary value rounded half
    /// to even, `-` kept on a negative that rounds to zero), from integer tenths: Foundation's
    /// `String(format:)` allocated a formatter per number and was most of a page's time.
    static func number(_ value: Double) -> String {
        withDigits(of: value) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of ``number(_:)``, written on the stack.
    static func withDigits<Result>(of value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let magnitude = value.magnitude
        // Beyond 2^48 (and for NaN and infinities) `magnitude * 10` loses the digits; no chart gets there.
        guard magnitude < 0x1p48 else {
            var text = String(format: "%.1f", value)
            return text.withUTF8(body)
        }
        let scaled = magnitude * 10
        let error = (-scaled).addingProduct(magnitude, 10)  // exactly magnitude × 10 − scaled
        let whole = scaled.rounded(.down)
        var tenths = Int(whole)
        // How far the exact product lies above the midpoint `whole + 0.5`: `above + error`, compared exactly.
        let above = (scaled - whole) - 0.5
        if above > -error || (above == -error && !tenths.isMultiple(of: 2)) { tenths += 1 }
        // Digits put from the right into a buffer on the stack: a chart writes four or five
        // numbers per bar, and the text joined from `String(units)` and the rest allocated.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            put(UInt8(ascii: "0") + UInt8(tenths % 10))
            put(UInt8(ascii: "."))
            var units = tenths / 10
            repeat {
                put(UInt8(ascii: "0") + UInt8(units % 10))
                units /= 10
            } while units > 0
            if value.sign == .minus { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
