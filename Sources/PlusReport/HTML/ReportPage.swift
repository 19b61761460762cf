import Foundation
import Plot
import PlusModel
import PlusPipeline
import PlusValidation

/// The report as one self-contained HTML page: styles inline, charts as inline SVG, nothing fetched.
///
/// Every value comes from the ``ReportModel``; text is escaped by Plot, attribute values by ``Markup``.
///
/// ```swift
/// let html = ReportPage(model: model).html()
/// try Data(html.utf8).write(to: URL(fileURLWithPath: "report.html"))
/// ```
public struct ReportPage {
    public let model: ReportModel
    /// The relative link from the region's page to an Ambito's own page, when the pages are written
    /// side by side (`plus run`), or `nil` for an Ambito with no page there; `nil` itself for a page
    /// written alone (`plus report`).
    public let ambitoPage: ((_ ambito: String) -> String?)?
    /// The Content-Security-Policy the page declares: no script, no fetch, only its own styles and data images.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    /// The most Ambiti whose service and declaration charts the region's page draws: a region the
    /// size of Sardinia's (25) keeps them; Italy's 601 would make a page of many megabytes, so a
    /// larger region links each Ambito's own page instead.
    public static let ambitoChartsOnRegionPage = 40

    public init(model: ReportModel, ambitoPage: ((_ ambito: String) -> String?)? = nil) {
        self.model = model
        self.ambitoPage = ambitoPage
    }

    /// Whether the page draws each Ambito's service and declaration charts: an Ambito's page always,
    /// the region's page up to ``ambitoChartsOnRegionPage`` Ambiti.
    var drawsAmbitoCharts: Bool {
        model.scope == .ambito || model.ambiti.count <= Self.ambitoChartsOnRegionPage
    }

    private var words: ReportWords { ReportWords(model.language) }

    /// An amount in the report's language.
    private func euros(_ money: Money) -> String { ReportFormat.amount(money, in: model.language) }

    public func html() -> String {
        String(decoding: data(), as: UTF8.self)
    }

    /// The page as UTF-8, as written to a file.
    ///
    /// The body is written by ``MarkupText`` and put between the `<body>` tags of Plot's page
    /// around an empty body: the same bytes as Plot's rendering of the body's nodes (``html(body:)``
    /// with them is the tests' reference), a fraction of the time, and no `String` of the page.
    public func data() -> Data {
        let shell = html(body: .empty)
        guard let end = shell.range(of: "</body></html>", options: [.backwards, .anchored]) else {
            return Data(html(body: .raw(bodyNode.render())).utf8)
        }
        var page = MarkupText()
        page.append(bodyNode)
        var data = Data(shell[..<end.lowerBound].utf8)
        data.append(contentsOf: page.bytes)
        data.append(contentsOf: shell[end.lowerBound...].utf8)
        return data
    }

    /// The page around `body`, which must be what ``bodyNode`` renders to.
    func html(body: Node<HTML.BodyContext>) -> String {
        HTML(
            .lang(model.language == .it ? .italian : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.attribute(named: "http-equiv", value: "Content-Security-Policy"), .content(Self.contentSecurityPolicy)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Not Plot's `.title()`: it also copies the title, unescaped, into `twitter:` and `og:` meta attributes.
                .element(named: "title", text: title),
                .style(ReportStyle.css)
            ),
            .body(body)
        ).render()
    }

    var title: String {
        switch model.scope {
        case .ambito:
            let ambito = model.ambiti.first
            return "\(words.ambitoTitle) \(ambito?.code ?? "") \(ambito?.name ?? "") — \(words.year) \(model.year)"
        case .regione:
            return "\(words.regionTitle) — \(words.year) \(model.year)"
        }
    }

    /// What the page's `<body>` holds.
    var bodyNode: BodyNode {
        var nodes: [BodyNode] = [header, summary]
        // Totals not added up (R404) are said to be missing, not shown as zero.
        if model.totals.amountsOutOfRange == true {
            nodes.append(Markup.element("p", [("class", "not-shown"), ("data-amounts-out-of-range", "true")], text: words.amountsOutOfRange))
        }
        if model.scope == .regione { nodes.append(ambitiTable) }
        if let ambito = model.ambiti.first, model.scope == .ambito {
            nodes.append(contentsOf: submissions(ambito))
            nodes.append(indicators(ambito))
            nodes.append(fundStatements(ambito))
            nodes.append(comparison(ambito))
        }
        nodes.append(charts)
        nodes.append(deliberationFindings)
        nodes.append(findings)
        nodes.append(Markup.element("footer", [], text: words.footer))
        return Markup.element("main", [], nodes)
    }

    private var header: BodyNode {
        var meta: [BodyNode] = [
            Markup.element("span", [], text: "\(words.generated) \(ReportFormat.time(model.generatedAt))"),
            Markup.element("span", [], text: "\(words.rules): \(model.ruleSet)"),
        ]
        if !model.population.isEmpty { meta.append(Markup.element("span", [], text: model.population)) }
        if model.scope == .ambito, let listed = model.ambiti.first?.listedPlan {
            meta.append(Markup.element("span", [("class", "listed-plan")], text: listed))
        }
        if let deliberation = model.deliberation {
            meta.append(Markup.element("span", [], text:
                "\(words.deliberation) \(deliberation.number) (\(deliberation.date)) — \(words.fund) \(euros(deliberation.fundTotal))"))
        }
        return Markup.element("header", [("class", "masthead")], [
            Markup.element("p", [("class", "kicker")], text: words.reportOf),
            Markup.element("h1", [], text: title),
            Markup.element("p", [("class", "meta")], meta),
        ])
    }

    private var summary: BodyNode {
        let totals = model.totals
        let amount = { (money: Money) in totals.amountsOutOfRange == true ? self.words.outOfRange : self.euros(money) }
        var cards: [(String, String, String, String)] = [
            ("enti", words.submitted, "\(totals.entiSubmitted)/\(totals.entiExpected)", ""),
            ("errori", words.errorsHeading, "\(totals.errors)", totals.errors > 0 ? "bad" : "good"),
            ("avvisi", words.warningsHeading, "\(totals.warnings)", totals.warnings > 0 ? "warn" : "good"),
            ("costo", words.totalCost, amount(totals.totalCost), ""),
            ("assegnato", words.allocated, amount(totals.fundAllocated), ""),
            ("fondo-piano", words.fundPlanned, amount(totals.fundPlanned), ""),
        ]
        if model.scope == .regione { cards.insert(("ambiti", words.ambiti, "\(totals.ambiti)", ""), at: 0) }
        return Markup.element("section", [("class", "summary"), ("aria-label", words.summary)], cards.map { key, label, value, tone in
            Markup.element("div", [("class", "card \(tone)"), ("data-total", key)], [
                Markup.element("span", [("class", "card-label")], text: label),
                Markup.element("span", [("class", "card-value")], text: value),
            ])
        })
    }

    private func statusText(_ ambito: AmbitoSection) -> (String, String) {
        if ambito.submittedCount == 0 { return (words.noSubmissions, "none") }
        if !ambito.validates { return (words.errors(ambito.errors), "bad") }
        return (ambito.warnings > 0 ? "\(words.validates), \(words.warnings(ambito.warnings))" : words.validates, ambito.warnings > 0 ? "warn" : "good")
    }

    private var ambitiTable: BodyNode {
        let head = [words.ambito, words.submitted, words.status, words.totalCost, words.allocated, words.fundPlanned]
        return Markup.element("section", [], [
            Markup.element("h2", [], text: words.ambiti),
            table(head: head, numeric: 3...5, rows: model.ambiti.map { ambito in
                let (status, tone) = statusText(ambito)
                let name = "\(ambito.code) — \(ambito.name)"
                return Markup.element("tr", [("data-ambito", ambito.code)], [
                    Markup.element("td", [], [ambitoPage?(ambito.code).map { Markup.element("a", [("href", $0)], text: name) } ?? .text(name)]),
                    Markup.element("td", [], text: "\(ambito.submittedCount)/\(ambito.enti.count)"),
                    Markup.element("td", [], [Markup.element("span", [("class", "badge \(tone)")], text: status)]),
                    Markup.element("td", [("class", "num")], text: ambito.amountsOutOfRange == true ? words.outOfRange : euros(ambito.totalCost)),
                    Markup.element("td", [("class", "num")], text: ambito.amountsOutOfRange == true ? words.outOfRange : ambito.fundAllocated.map(euros) ?? "—"),
                    Markup.element("td", [("class", "num")], text: ambito.amountsOutOfRange == true ? words.outOfRange : euros(ambito.fundPlanned)),
                ])
            }),
        ])
    }

    private func submissions(_ ambito: AmbitoSection) -> [BodyNode] {
        let rows = ambito.enti.map { ente -> BodyNode in
            let outcome: (String, String) = ente.file == nil
                ? (ente.refused == nil ? words.notSubmitted : words.noSheetAccepted, "none")
                : (ente.rowsRejected ?? 0) > 0 ? (words.rejectedRows(ente.rowsRejected!), "warn")
                : ente.warnings.map { (words.acceptedWithWarnings($0), "warn") } ?? (words.accepted, "good")
            var badges = [Markup.element("span", [("class", "badge \(outcome.1)")], text: outcome.0)]
            // A sheet refused whole: in place of one (the ente did send), or after the current one (a
            // correction that did not replace it).
            if let refused = ente.refused {
                badges.append(Markup.element("span", [("class", "badge bad"), ("data-refused", String(refused.submission))],
                    text: words.refusedSheet(refused.file, at: ReportFormat.time(refused.receivedAt), afterCurrent: ente.file != nil)))
            }
            return Markup.element("tr", [("data-ente", ente.ente)], [
                Markup.element("td", [], text: ente.name),
                Markup.element("td", [("class", "file")], text: ente.file ?? "—"),
                Markup.element("td", [("class", "when")], text: ente.receivedAt.map(ReportFormat.time) ?? "—"),
                Markup.element("td", [], badges),
            ])
        }
        let missing: BodyNode = ambito.missing.isEmpty
            ? Markup.element("p", [("class", "all-in")], text: words.noneMissing)
            : Markup.element("ul", [("class", "missing")], ambito.missing.map { missing in
                // One whose sheet was refused did send: the list says so, as its row above does.
                let refused = ambito.enti.contains { $0.ente == missing.ente && $0.refused != nil }
                return Markup.element("li", [("data-missing", missing.ente)], text: missing.name + (refused ? " — " + words.sheetRefused : ""))
            })
        // The Ambito's own sheets refused whole (a plan, a split): above the enti's table, one line each.
        let refusedSheets = (ambito.refusedSheets ?? []).map { sheet -> BodyNode in
            Markup.element("p", [("class", "refused-sheet"), ("data-refused", String(sheet.refused.submission))], [
                Markup.element("span", [("class", "badge bad")], text: words.refusedSheet(
                    sheet.refused.file, at: ReportFormat.time(sheet.refused.receivedAt), standing: sheet.standing)),
            ])
        }
        return [
            Markup.element("section", [], [
                Markup.element("h2", [], text: "\(words.submissions) (\(ambito.submittedCount)/\(ambito.enti.count))"),
            ] + refusedSheets + [
                table(head: [words.ente, words.file, words.received, words.outcome], numeric: nil, rows: rows),
            ]),
            Markup.element("section", [("class", "missing-section")], [
                Markup.element("h2", [], text: "\(words.missing) (\(ambito.missing.count))"), missing,
            ]),
        ]
    }

    private var charts: BodyNode {
        var figures: [BodyNode] = []
        if !model.allocations.isEmpty {
            let highlighted = model.scope == .ambito ? model.ambiti.first?.code : nil
            figures.append(BarChart(
                title: words.allocationChart,
                series: [
                    .init(label: words.equalShare, color: "#0066cc"),
                    .init(label: words.populationShare, color: "#6aa8ec"),
                    .init(label: words.udpShare, color: "#e8a317"),
                ],
                rows: model.allocations.map {
                    .init(label: "\($0.ambito) — \($0.name)", values: [$0.equalShare, $0.populationShare, $0.udpShare],
                          highlighted: $0.ambito == highlighted)
                },
                layout: .stacked, language: model.language).node())
            if let left = model.allocationsNotShown {
                figures.append(Markup.element("p", [("class", "not-shown"), ("data-allocations-not-shown", String(left))],
                                              text: words.allocationsNotShown(left)))
            }
        }
        if !drawsAmbitoCharts {
            figures.append(Markup.element("p", [("class", "not-shown"), ("data-ambito-charts-not-shown", String(model.ambiti.count))],
                                          text: words.ambitoChartsOnTheirPages(linked: ambitoPage != nil)))
        }
        for ambito in model.ambiti where drawsAmbitoCharts && !ambito.services.isEmpty {
            let sources = FundingSource.allCases.filter { source in ambito.services.contains { $0.funding.contains { $0.source == source } } }
            let suffix = model.scope == .regione ? " — \(ambito.code) \(ambito.name)" : ""
            figures.append(BarChart(
                title: words.fundingChart + suffix,
                series: sources.map { .init(label: $0.label[model.language], color: Self.color(of: $0)) },
                rows: ambito.services.map { service in
                    .init(label: "\(service.code) — \(service.name)", values: sources.map { source in
                        service.funding.first { $0.source == source }?.amount ?? .zero
                    })
                },
                layout: .stacked, language: model.language).node())
            if let left = ambito.servicesNotShown { figures.append(Markup.element("p", [("class", "not-shown")], text: words.servicesNotShown(left))) }
            if !ambito.declaredVsPlanned.isEmpty {
                figures.append(BarChart(
                    title: words.declaredChart + suffix,
                    series: [.init(label: words.declared, color: "#0066cc"), .init(label: words.planned, color: "#a5adb5")],
                    rows: ambito.declaredVsPlanned.map { .init(label: $0.name, values: [$0.declared, $0.planned]) },
                    layout: .grouped, language: model.language).node())
            }
        }
        return Markup.element("section", [("class", "charts")], [Markup.element("h2", [], text: words.charts)] + figures)
    }

    /// The plan's monitoring indicators (L.R. 23/2005 art. 20 item 9), when any were sent.
    private func indicators(_ ambito: AmbitoSection) -> BodyNode {
        guard !ambito.indicators.isEmpty else { return .empty }
        let number = { (plain: String?) -> BodyNode in
            let shown = plain.map { self.model.language == .it ? $0.replacingOccurrences(of: ".", with: ",") : $0 } ?? "—"
            return Markup.element("td", [("class", "num")], text: shown)
        }
        return Markup.element("section", [("class", "indicators")], [
            Markup.element("h2", [], text: "\(words.indicators) (\(ambito.indicators.count))"),
            table(className: "indicator-table",
                  head: [words.service, words.indicator, words.message, words.unit, words.target, words.actual], numeric: 4...5,
                  rows: ambito.indicators.map { line in
                      Markup.element("tr", [("data-indicator", "\(line.service)/\(line.code)")], [
                          Markup.element("td", [], text: line.service), Markup.element("td", [], text: line.code),
                          Markup.element("td", [], text: line.description ?? ""), Markup.element("td", [], text: line.unit ?? ""),
                          number(line.target), number(line.actual),
                      ])
                  }),
        ])
    }

    /// The year's fund statements (Emilia-Romagna's FRNA), when any were sent: a person checks
    /// here that assigned and carried over make used and residual, and which act approved them.
    private func fundStatements(_ ambito: AmbitoSection) -> BodyNode {
        guard !ambito.fundStatements.isEmpty else { return .empty }
        let money = { (amount: Money) -> BodyNode in Markup.element("td", [("class", "num")], text: self.euros(amount)) }
        return Markup.element("section", [("class", "fund-statements")], [
            Markup.element("h2", [], text: words.fundStatements),
            table(className: "fund-statement-table",
                  head: [words.statedFund, words.assigned, words.carriedOver, words.used, words.residual, words.balances, words.act], numeric: 1...4,
                  rows: ambito.fundStatements.map { line in
                      Markup.element("tr", [("data-fund", line.fund.rawValue)], [
                          Markup.element("td", [], text: line.fund.label[model.language]),
                          money(line.assigned), money(line.carriedOver), money(line.used), money(line.residual),
                          Markup.element("td", [], [Markup.element(
                              "span", [("class", line.balances ? "badge good" : "badge bad")], text: line.balances ? words.yes : words.no)]),
                          Markup.element("td", [], text: line.act ?? ""),
                      ])
                  }),
        ])
    }

    /// What changed since the year before, by service and ente; nothing when the store has no such year.
    private func comparison(_ ambito: AmbitoSection) -> BodyNode {
        guard let comparison = ambito.comparison else { return .empty }
        let heading = Markup.element("h2", [], text: words.comparedWith(comparison.previousYear))
        // An amount that cannot be compared (CMP001) is said apart, below the table of the others.
        let overflows = (comparison.overflows ?? []).map { Markup.element("p", [("class", "overflow")], text: $0.message[model.language]) }
        guard !comparison.changes.isEmpty else {
            return Markup.element("section", [("class", "comparison")], [heading] + (overflows.isEmpty ? [Markup.element("p", [], text: words.noChange)] : overflows))
        }
        let money = { (amount: Money?) -> BodyNode in Markup.element("td", [("class", "num")], text: amount.map(euros) ?? "—") }
        return Markup.element("section", [("class", "comparison")], [
            heading,
            table(className: "comparison-table",
                  head: [words.service, words.ente, String(comparison.previousYear), String(model.year), words.difference], numeric: 2...4,
                  rows: comparison.changes.map { change in
                      let sign = change.difference.isNegative || change.difference == .zero ? "" : "+"
                      return Markup.element("tr", [("data-change", "\(change.service)/\(change.ente ?? "totale")")], [
                          Markup.element("td", [], text: change.serviceName.map { "\(change.service) — \($0)" } ?? change.service),
                          Markup.element("td", [], text: change.enteName ?? words.totalCost),
                          money(change.previous), money(change.current),
                          Markup.element("td", [("class", "num")], text: sign + euros(change.difference)),
                      ])
                  }),
            comparison.changesNotListed.map {
                Markup.element("p", [("class", "not-listed")], text: YearComparison.notListed($0, listed: comparison.changes.count)[model.language])
            } ?? .empty,
        ] + overflows)
    }

    private var deliberationFindings: BodyNode {
        guard !model.deliberationFindings.isEmpty else { return .empty }
        return Markup.element("section", [("class", "findings deliberation")], [
            Markup.element("h2", [], text: "\(words.deliberationFindings) (\(model.deliberationFindings.count))"),
            findingTable(model.deliberationFindings),
        ])
    }

    private var findings: BodyNode {
        let count = model.ambiti.reduce(0) { $0 + $1.findingCount }
        var nodes: [BodyNode] = [Markup.element("h2", [], text: "\(words.findings) (\(count))")]
        if count == 0 { nodes.append(Markup.element("p", [], text: words.noFindings)) }
        for ambito in model.ambiti where ambito.findingCount > 0 || ambito.findingsNotListed != nil {
            if model.scope == .regione {
                nodes.append(Markup.element("h3", [("class", "ambito-heading")], text: "\(words.ambito) \(ambito.code) — \(ambito.name)"))
            }
            for group in ambito.findingGroups {
                nodes.append(Markup.element("h4", [], text: group.title))
                // On the region's page an Ambito that sent nothing has one line for its missing enti, not one each.
                let collapsed = model.scope == .regione && ambito.submittedCount == 0
                let missing = collapsed ? group.findings.filter { $0.code == Problem.missingSubmission.code } : []
                if !missing.isEmpty {
                    nodes.append(Markup.element("details", [("class", "missing-group"), ("data-missing-count", String(missing.count))], [
                        Markup.element("summary", [], text: words.missingEnti(missing.count)),
                        findingTable(missing),
                    ]))
                }
                let rest = group.findings.filter { !missing.contains($0) }
                if !rest.isEmpty { nodes.append(findingTable(rest)) }
            }
            for left in ambito.findingsNotListed ?? [] {
                nodes.append(Markup.element("p", [("class", "not-listed")], text: words.findingsNotListed(left.code, left.count)))
            }
        }
        return Markup.element("section", [("class", "findings")], nodes)
    }

    private func findingTable(_ findings: [ReportFinding]) -> BodyNode {
        table(className: "finding-table",
            head: [words.code, words.message, words.expected, words.found, words.difference, words.source], numeric: 2...4,
            rows: findings.map { finding in
                var source = ReportBuilder.isFile(finding.file) ? finding.file : "—"
                if let line = finding.line { source += ":\(line)" }
                let sourceNode: BodyNode = finding.link.map {
                    Markup.element("a", [("href", $0)], text: source)
                } ?? .text(source)
                var sourceCell: [BodyNode] = [sourceNode]
                if let xpath = finding.xpath { sourceCell.append(Markup.element("div", [("class", "xpath")], text: xpath)) }
                let money = { (amount: Money?) -> BodyNode in
                    Markup.element("td", [("class", "num")], text: amount.map(euros) ?? "")
                }
                return Markup.element("tr", [("class", "finding \(finding.severity.rawValue)"), ("data-finding", finding.code)], [
                    Markup.element("td", [], [
                        Markup.element("span", [("class", "badge \(finding.severity == .error ? "bad" : finding.severity == .warning ? "warn" : "none")")],
                                       text: finding.code),
                        Markup.element("div", [("class", "severity")], text: finding.severity.label(model.language)),
                    ]),
                    Markup.element("td", [("class", "message")], [.text(finding.message)]
                        // The ente's name under the message, unless the message already says it.
                        + (finding.ente.flatMap { finding.message.contains($0) ? nil : [Markup.element("div", [("class", "ente")], text: $0)] } ?? [])),
                    money(finding.expected), money(finding.found), money(finding.difference),
                    Markup.element("td", [("class", "file")], sourceCell),
                ])
            })
    }

    private func table(className: String = "", head: [String], numeric: ClosedRange<Int>?, rows: [BodyNode]) -> BodyNode {
        Markup.element("table", className.isEmpty ? [] : [("class", className)], [
            Markup.element("thead", [], [Markup.element("tr", [], head.enumerated().map { index, label in
                Markup.element("th", numeric?.contains(index) == true ? [("class", "num")] : [], text: label)
            })]),
            Markup.element("tbody", [], rows),
        ])
    }

    static func color(of source: FundingSource) -> String {
        switch source {
        case .fondoRegionale: "#0066cc"
        case .comuni: "#2e8b57"
        case .asl: "#c0392b"
        case .provincia: "#8e44ad"
        case .fnps: "#e8a317"
        case .fna: "#16a085"
        case .ue: "#34495e"
        case .compartecipazione: "#d35400"
        case .altro: "#95a5a6"
        case .frna: "#1f7a8c"
        case .fondoSocialeRegionale: "#5d6d7e"
        case .altriFirmatari: "#a0522d"
        }
    }
}
