/// The report's only style sheet, inline: screen and print, no web fonts.
enum ReportStyle {
    static let css = """
        :root { --ink: #1c2024; --muted: #5c6f82; --line: #d9dadb; --accent: #0066cc; --bg: #f5f7fa;
                --good: #008758; --warn: #a66300; --bad: #d9364f; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink);
               font: 15px/1.45 "Titillium Web", "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 0 24px 32px; background: #fff; }
        .masthead { margin: 0 -24px 24px; padding: 24px 24px 18px; background: var(--accent); color: #fff; }
        .masthead h1 { margin: 4px 0 8px; font-size: 26px; font-weight: 600; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .85; }
        .meta { margin: 0; font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 20px; opacity: .95; }
        h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3.ambito-heading { font-size: 17px; margin: 22px 0 6px; }
        h4 { font-size: 15px; margin: 16px 0 6px; color: var(--muted); }
        .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
        .card { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 10px 12px; border-radius: 4px; }
        .card.good { border-left-color: var(--good); } .card.warn { border-left-color: var(--warn); } .card.bad { border-left-color: var(--bad); }
        .card-label { display: block; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .card-value { display: block; font-size: 16px; white-space: nowrap; font-weight: 600; font-variant-numeric: tabular-nums; }
        table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
        th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
        td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        table.finding-table { table-layout: fixed; }
        .finding-table th:nth-child(1) { width: 80px; }
        .finding-table th:nth-child(3), .finding-table th:nth-child(4), .finding-table th:nth-child(5) { width: 118px; }
        .finding-table th:nth-child(6) { width: 210px; }
        .when { white-space: nowrap; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .file { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; word-break: break-all; }
        .xpath { color: var(--muted); font-size: 11px; }
        .message .ente { color: var(--muted); font-size: 12px; margin-top: 2px; }
        .severity { color: var(--muted); font-size: 11px; margin-top: 2px; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                 background: #eef0f2; color: var(--ink); white-space: nowrap; }
        .badge.good { background: #e1f4ec; color: var(--good); } .badge.warn { background: #fdf1dc; color: var(--warn); }
        .badge.bad { background: #fbe3e7; color: var(--bad); } .badge.none { background: #eef0f2; color: var(--muted); }
        .badge + .badge { margin-left: .4em; }
        ul.missing { columns: 3 220px; margin: 0; padding-left: 18px; }
        .all-in { color: var(--good); }
        figure.chart-figure { margin: 18px 0; border: 1px solid var(--line); border-radius: 4px; padding: 12px 14px; }
        figcaption { font-weight: 600; margin-bottom: 6px; }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 6px; padding: 0; font-size: 12.5px; }
        .swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
        svg.chart { display: block; }
        svg.chart text { font-size: 12px; fill: var(--ink); }
        svg.chart text.value { font-variant-numeric: tabular-nums; }
        svg.chart text.small { font-size: 10.5px; fill: var(--muted); }
        svg.chart rect.highlight { fill: #e6f0fa; }
        a { color: var(--accent); }
        footer { margin-top: 32px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
        @media print {
            @page { size: A4; margin: 14mm 12mm; }
            body { background: #fff; font-size: 10.5pt; }
            main { max-width: none; padding: 0; }
            .masthead { margin: 0 0 12px; background: none; color: var(--ink); border-bottom: 3px solid var(--accent); padding: 0 0 8px; }
            h2 { break-after: avoid; }
            tr, figure.chart-figure, .card { break-inside: avoid; }
            a { color: inherit; text-decoration: none; }
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
