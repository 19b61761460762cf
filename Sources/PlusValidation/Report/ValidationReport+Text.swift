import PlusModel

extension ValidationReport {
    /// The report for people: grouped by service, then by ente; amounts in Italian format.
    ///
    /// ```text
    /// Validazione Ambito OR (Oristano), anno 2019 — regole sardegna-plus v1
    /// ...
    /// Servizio SAD
    ///   comune:095018
    ///     errore R104: Servizio SAD: comune:095018 ha dichiarato 4.700,00, ...
    ///       atteso 4.786,00 · trovato 4.700,00 · differenza -86,00
    ///       - Quota di comune:095018 per SAD: 4.786,00 (riparto.csv:7)
    /// ```
    public func renderText(language: Language) -> String {
        let words = Words(language)
        var lines: [String] = []
        let name = ambitoName.map { " (\($0))" } ?? ""
        lines.append("\(words.header) \(ambito)\(name), \(words.year) \(year) — \(words.rules) \(ruleSet.scopeText)")
        lines.append(ruleSet.populationText(language: language))
        lines.append("\(words.parameters):")
        for parameter in parameters {
            lines.append("  \(parameter.key) = \(parameter.value) (\(words.origin(parameter.origin)))")
        }
        if let deliberation { lines.append("\(words.deliberation): \(deliberation)") }
        lines.append("")
        for group in groups() {
            lines.append(group.title(words))
            for (ente, findings) in group.byEnte {
                let indent = ente == nil ? "  " : "    "
                if let ente { lines.append("  \(ente)" + (enteNames[ente].map { " — \($0)" } ?? "")) }
                for finding in findings {
                    lines.append("\(indent)\(finding.severity.label(language)) \(finding.code): \(finding.diagnostic.message[language])")
                    var numbers: [String] = []
                    if let expected = finding.expected { numbers.append("\(words.expected) \(expected.formatted(.text(for: language)))") }
                    if let found = finding.found { numbers.append("\(words.found) \(found.formatted(.text(for: language)))") }
                    if let difference = finding.difference { numbers.append("\(words.difference) \(difference.formatted(.text(for: language)))") }
                    if !numbers.isEmpty { lines.append("\(indent)  " + numbers.joined(separator: " · ")) }
                    for term in finding.terms {
                        let source = term.provenance.map { " (\($0))" } ?? " (\(words.computed))"
                        lines.append("\(indent)  - \(term.label[language]): \(term.amount.formatted(.text(for: language)))\(source)")
                    }
                }
            }
            lines.append("")
        }
        if let omitted, !omitted.isEmpty {
            lines.append(words.notListed)
            for left in omitted {
                lines.append("  \(left.severity.label(language)) \(left.code): \(words.more(left.count))")
            }
            lines.append("")
        }
        lines.append("\(words.summary): \(language.counted(counts.errors, it: ("errore", "errori"), en: ("error", "errors"))), "
            + "\(language.counted(counts.warnings, it: ("avviso", "avvisi"), en: ("warning", "warnings"))), \(counts.infos) info")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Findings about a service first (in code order), then the deliberation's per Ambito, then the rest.
    private func groups() -> [Group] {
        var order: [Group.Key] = []
        var members: [Group.Key: [Finding]] = [:]
        for finding in findings {
            let key: Group.Key = if let service = finding.service { .service(service) }
                else if let ambito = finding.ambito, finding.ente == nil, ambito != self.ambito || finding.code.hasPrefix("R2") { .ambito(ambito) }
                else { .general }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(finding)
        }
        return order.sorted().map { Group(key: $0, findings: members[$0]!) }
    }

    private struct Group {
        enum Key: Hashable, Comparable {
            case service(String)
            case ambito(String)
            case general
        }

        var key: Key
        var findings: [Finding]

        func title(_ words: Words) -> String {
            switch key {
            case .service(let code): "\(words.service) \(code)"
            case .ambito(let code): "\(words.deliberation) — Ambito \(code)"
            case .general: words.general
            }
        }

        var byEnte: [(String?, [Finding])] {
            var order: [EnteRef?] = []
            var members: [EnteRef?: [Finding]] = [:]
            for finding in findings {
                if members[finding.ente] == nil { order.append(finding.ente) }
                members[finding.ente, default: []].append(finding)
            }
            let sorted = order.sorted { lhs, rhs in
                switch (lhs, rhs) {
                case (nil, _): rhs != nil
                case (_, nil): false
                case let (lhs?, rhs?): lhs < rhs
                }
            }
            return sorted.map { ($0?.description, members[$0]!) }
        }
    }

    private struct Words {
        let language: Language
        init(_ language: Language) { self.language = language }
        private func pick(_ it: String, _ en: String) -> String { language == .it ? it : en }
        var header: String { pick("Validazione Ambito", "Validation of Ambito") }
        var year: String { pick("anno", "year") }
        var rules: String { pick("regole", "rule set") }
        var parameters: String { pick("Parametri usati", "Parameters used") }
        var deliberation: String { pick("Deliberazione", "Deliberation") }
        var service: String { pick("Servizio", "Service") }
        var general: String { pick("Ambito e presentazioni", "Ambito and submissions") }
        var expected: String { pick("atteso", "expected") }
        var found: String { pick("trovato", "found") }
        var difference: String { pick("differenza", "difference") }
        var computed: String { pick("calcolato", "computed") }
        var summary: String { pick("Riepilogo", "Summary") }
        var notListed: String {
            pick("Rilievi non elencati (contati nel riepilogo; il limite è per codice):",
                 "Findings not listed (counted in the summary; the limit is per code):")
        }
        func more(_ count: Int) -> String {
            let number = Money.grouped(String(count), by: language == .it ? "." : ",")
            return language == .it ? "e altri \(number) come questo" : "and \(number) more like this"
        }
        var errors: String { pick("errori", "errors") }
        var warnings: String { pick("avvisi", "warnings") }
        func origin(_ origin: ParameterOrigin) -> String {
            switch origin {
            case .ruleSet: pick("set di regole", "rule set")
            case .deliberation: pick("deliberazione", "deliberation")
            }
        }
    }
}
