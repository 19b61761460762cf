import PlusModel

extension Problem {
    /// Another form of the act (its data block, its attachment's table) was read with errors and
    /// not used: a person is told, where before the form that read cleanly was taken in silence.
    public static let xmlOtherFormFlawed = Problem(
        code: "XML030", severity: .warning,
        title: .init(it: "Altra forma dell'atto con errori", en: "Another form of the act has errors"),
        template: .init(
            it: "L'atto riporta il riparto anche nella forma letta da {other}, che ha {count:errore|errori} (il primo: {first}): quella forma non è stata usata, il riparto è letto da {chosen}. Correggere l'atto perché le due forme siano valide e uguali.",
            en: "The act also states the allocation in the form {other} reads, which has {count:error|errors} (the first: {first}): that form was not used, the allocation is read by {chosen}. Correct the act so that both forms are valid and the same."))

    /// Two forms of the act read cleanly and state different figures: which one holds is for the
    /// Region to say; the first mapping's is used, and the difference is named.
    public static let xmlFormsDisagree = Problem(
        code: "XML031", severity: .warning,
        title: .init(it: "Forme dell'atto discordanti", en: "Forms of the act disagree"),
        template: .init(
            it: "Le forme dell'atto non coincidono: {what} vale {found} secondo {chosen} e {expected} secondo {other}. Il riparto è letto da {chosen}; l'atto va corretto.",
            en: "The forms of the act disagree: {what} is {found} according to {chosen} and {expected} according to {other}. The allocation is read by {chosen}; the act needs correcting."))
}

/// The forms in which one act states its allocation, each read by its own mapping, and the one used.
///
/// A Region's act may hold the allocation twice: in a data block (`deliberazione-akn`) and in the
/// human table of its attachment (`deliberazione-akn-allegato`). The first mapping that reads the
/// document cleanly is used, as before; what changes is that nothing about the others is silent:
/// a form that is there but has errors (``Problem/xmlOtherFormFlawed``), or that reads cleanly but
/// states other figures (``Problem/xmlFormsDisagree``), becomes a warning on the result used.
///
/// ```swift
/// let results = try mappings.map { try DeliberationImporter(mapping: $0).importFile(at: url) }
/// let used = DeliberationForms(results).used   // the first clean one, with warnings about the others
/// ```
public struct DeliberationForms {
    /// What each mapping read, in the mappings' order.
    public let results: [ImportResult]

    public init(_ results: [ImportResult]) {
        self.results = results
    }

    /// The errors that say a form is not in the document at all (another root, no node, no field):
    /// a mapping that finds only these found nothing of its form.
    static let absence: Set<String> = [Problem.xmlUnexpectedRoot.code, Problem.xmlNothingFound.code, Problem.xmlNoAllocations.code]

    /// Whether the result read its form without an error.
    static func isClean(_ result: ImportResult) -> Bool {
        result.status == .accepted && !result.diagnostics.containsErrors
    }

    /// Whether the document holds the form the result's mapping reads: rows were found, or an
    /// error other than one saying the form is absent.
    static func holdsForm(_ result: ImportResult) -> Bool {
        result.rowsRead > 0 || result.diagnostics.contains { $0.severity == .error && !absence.contains($0.code) }
    }

    /// The first result read cleanly, with a warning for each other form the document holds that
    /// has errors or states other figures; with none clean, the first result, which tells what is
    /// wrong; `nil` with no result at all.
    public var used: ImportResult? {
        guard var used = results.first(where: Self.isClean) else { return results.first }
        for other in results where other.mapping != used.mapping && Self.holdsForm(other) {
            if Self.isClean(other) {
                if let difference = Self.difference(used, other) { used.diagnostics.append(difference) }
            } else {
                used.diagnostics.append(Self.flawed(other, besides: used))
            }
        }
        return used
    }

    /// XML030 at the other form's first error, which it quotes.
    static func flawed(_ other: ImportResult, besides used: ImportResult) -> Diagnostic {
        let errors = other.diagnostics.filter { $0.severity == .error }
        let first = errors.first
        return Problem.xmlOtherFormFlawed.at(
            first?.location ?? SourceLocation(file: other.file),
            details: ["other": other.mapping, "chosen": used.mapping, "count": String(errors.count)],
            localizedDetails: ["first": first.map { LocalizedText(it: "\($0.code) \(quoted($0.message.it))", en: "\($0.code) \(quoted($0.message.en))") }
                ?? LocalizedText(it: "-", en: "-")])
    }

    /// A message quoted inside another's sentence: without its closing full stop.
    private static func quoted(_ message: String) -> Substring {
        message.hasSuffix(".") ? message.dropLast() : Substring(message)
    }

    /// XML031 for the first figure the two forms state differently, at the used form's place of it.
    static func difference(_ used: ImportResult, _ other: ImportResult) -> Diagnostic? {
        guard let mine = deliberation(in: used), let theirs = deliberation(in: other) else { return nil }
        func told(_ what: LocalizedText, _ found: String, _ expected: String, at place: Provenance?) -> Diagnostic {
            Problem.xmlFormsDisagree.at(
                place?.location ?? SourceLocation(file: used.file), found: found, expected: expected,
                details: ["other": other.mapping, "chosen": used.mapping], localizedDetails: ["what": what])
        }
        // Amounts as each language writes them in the message (the diagnostic's fields keep them plain).
        func told(_ what: LocalizedText, _ found: Money, _ expected: Money, at place: Provenance?) -> Diagnostic {
            Problem.xmlFormsDisagree.at(
                place?.location ?? SourceLocation(file: used.file), found: found.description, expected: expected.description,
                details: ["other": other.mapping, "chosen": used.mapping], localizedDetails: ["what": what],
                arguments: ["found": .money(found), "expected": .money(expected)])
        }
        // Percentages plain in the diagnostic's fields, as each language writes them in the message.
        func told(_ what: LocalizedText, basisPoints found: Int64, _ expected: Int64, at place: Provenance?) -> Diagnostic {
            Problem.xmlFormsDisagree.at(
                place?.location ?? SourceLocation(file: used.file),
                found: MessageArgument.percent(basisPoints: found).plain + "%", expected: MessageArgument.percent(basisPoints: expected).plain + "%",
                details: ["other": other.mapping, "chosen": used.mapping], localizedDetails: ["what": what],
                arguments: ["found": .percentWithSign(basisPoints: found), "expected": .percentWithSign(basisPoints: expected)])
        }
        let act = mine.provenance
        if mine.number != theirs.number { return told(.init(it: "il numero", en: "the number"), mine.number, theirs.number, at: act) }
        if mine.date != theirs.date { return told(.init(it: "la data", en: "the date"), "\(mine.date)", "\(theirs.date)", at: act) }
        if mine.year != theirs.year { return told(.init(it: "l'anno", en: "the year"), String(mine.year), String(theirs.year), at: act) }
        if mine.fundTotal != theirs.fundTotal {
            return told(.init(it: "il fondo", en: "the fund"), mine.fundTotal, theirs.fundTotal, at: act)
        }
        // The rules' figures, where both forms state them: a form that states one and not the
        // other leaves it to the rule set, which says so in its report.
        let (myRules, theirRules) = (mine.parameters, theirs.parameters)
        let percentages: [(LocalizedText, Int64?, Int64?)] = [
            (.init(it: "la percentuale in parti uguali", en: "the equal-share percentage"), myRules.equalShareBasisPoints, theirRules.equalShareBasisPoints),
            (.init(it: "la percentuale per popolazione", en: "the population percentage"), myRules.populationShareBasisPoints, theirRules.populationShareBasisPoints),
        ]
        for case let (what, found?, expected?) in percentages where found != expected {
            return told(what, basisPoints: found, expected, at: act)
        }
        if let found = myRules.udpThreshold, let expected = theirRules.udpThreshold, found != expected {
            return told(.init(it: "la soglia di abitanti per la quota UdP", en: "the residents' threshold of the UdP share"), String(found), String(expected), at: act)
        }
        let ruleAmounts: [(LocalizedText, Money?, Money?)] = [
            (.init(it: "la quota UdP minore", en: "the smaller UdP share"), myRules.udpShareSmall, theirRules.udpShareSmall),
            (.init(it: "la quota UdP maggiore", en: "the larger UdP share"), myRules.udpShareLarge, theirRules.udpShareLarge),
            (.init(it: "il tetto delle quote UdP", en: "the cap on the UdP shares"), myRules.udpCap, theirRules.udpCap),
        ]
        for case let (what, found?, expected?) in ruleAmounts where found != expected {
            return told(what, found, expected, at: act)
        }
        let others = Dictionary(theirs.allocations.map { ($0.ambito, $0) }, uniquingKeysWith: { first, _ in first })
        for allocation in mine.allocations {
            let ambito = allocation.ambito
            guard let their = others[ambito] else {
                return told(.init(it: "l'Ambito \(ambito)", en: "Ambito \(ambito)"), ambito, "-", at: allocation.provenance)
            }
            if allocation.population != their.population {
                return told(.init(it: "la popolazione di \(ambito)", en: "the population of \(ambito)"),
                            String(allocation.population), String(their.population), at: allocation.provenance)
            }
            let amounts: [(LocalizedText, Money, Money)] = [
                (.init(it: "le parti uguali di \(ambito)", en: "the equal share of \(ambito)"), allocation.equalShare, their.equalShare),
                (.init(it: "la quota per popolazione di \(ambito)", en: "the population share of \(ambito)"), allocation.populationShare, their.populationShare),
                (.init(it: "la quota UdP di \(ambito)", en: "the UdP share of \(ambito)"), allocation.udpShare, their.udpShare),
                (.init(it: "la deroga di \(ambito)", en: "the derogation of \(ambito)"), allocation.derogation ?? .zero, their.derogation ?? .zero),
                (.init(it: "il totale di \(ambito)", en: "the total of \(ambito)"), allocation.total, their.total),
            ]
            if let (what, found, expected) = amounts.first(where: { $0.1 != $0.2 }) {
                return told(what, found, expected, at: allocation.provenance)
            }
        }
        let mineCodes = Set(mine.allocations.map(\.ambito))
        if let missing = theirs.allocations.first(where: { !mineCodes.contains($0.ambito) }) {
            return told(.init(it: "l'Ambito \(missing.ambito)", en: "Ambito \(missing.ambito)"), "-", missing.ambito, at: act)
        }
        return nil
    }

    /// The act a result read, if it read one.
    static func deliberation(in result: ImportResult) -> Deliberation? {
        for record in result.records {
            if case .deliberation(let deliberation) = record.record { return deliberation }
        }
        return nil
    }
}
