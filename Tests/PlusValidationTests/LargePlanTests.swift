import Foundation
import PlusModel
import Synchronization
import Testing
@testable import PlusValidation

/// A plan of many services is checked in batches, and a report lists a bounded number of findings
/// of each code while counting them all.
@Suite struct LargePlanTests {
    typealias F = Fixtures

    /// The fixture with `count` more services, each broken in one of several ways, some with shares.
    static func plan(adding count: Int) -> AmbitoYear {
        var year = F.year
        for index in 1...count {
            let code = "X\(index)"
            let cost = F.euros(index % 4 == 0 ? "0.00" : "1000.00")
            let comuni = F.euros(index % 3 == 0 ? "600.00" : "1000.00")
            year.services.append(PlannedService(
                code: code, name: "Servizio \(index)", totalCost: cost, funding: [.comuni: comuni],
                sharingCriterion: index % 2 == 0 ? .equalParts : .percentages, provenance: F.source("servizi.csv", 4 + index)))
            if index % 5 == 0 {
                year.costShares.append(CostShare(
                    service: code, ente: F.a, amount: F.euros("100.00"), basisPoints: 1_000,
                    provenance: F.source("riparto.csv", 20 + index)))
            }
        }
        return year
    }

    @Test func validationInBatchesGivesTheWholeYearsReport() {
        let year = Self.plan(adding: 23)
        var whole = Validator(ruleSet: F.ruleSet)
        whole.serviceBatchSize = 1_000
        let reference = whole.validate(year)
        #expect(reference.findings.count > 23)
        for size in [1, 2, 7] {
            var batched = Validator(ruleSet: F.ruleSet)
            batched.serviceBatchSize = size
            #expect(batched.validate(year) == reference, "batches of \(size)")
        }
    }

    /// Records how many services each call of a rule saw: the count, not memory, is what is bounded.
    struct ServiceCounter: ServiceByServiceRule {
        static let problem = Problem.serviceWithoutCost
        static let description = LocalizedText(it: "conta", en: "counts")
        final class Seen: Sendable { let counts = Mutex<[Int]>([]) }
        let seen = Seen()
        func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
            seen.counts.withLock { $0.append(year.services.count) }
            return []
        }
    }

    @Test func aRuleOfEachServiceSeesNoMoreThanABatch() {
        let year = Self.plan(adding: 20)
        let counter = ServiceCounter()
        var validator = Validator(ruleSet: F.ruleSet, rules: [counter])
        validator.serviceBatchSize = 4
        _ = validator.validate(year)
        let seen = counter.seen.counts.withLock { $0 }
        #expect(seen == [4, 4, 4, 4, 4, 3])
        #expect(seen.reduce(0, +) == year.services.count)
    }

    /// Records how many services a rule of the whole year was handed, call by call.
    struct YearLevelCounter: ValidationRule {
        static let problem = Problem.negativeAmount
        static let description = LocalizedText(it: "conta", en: "counts")
        let seen = ServiceCounter.Seen()
        func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] {
            seen.counts.withLock { $0.append(year.services.count) }
            return []
        }
    }

    /// Records the batches a rule that tallies the whole year was handed.
    struct BatchCounter: ServiceBatchRule {
        static let problem = Problem.unknownService
        static let description = LocalizedText(it: "conta", en: "counts")
        let seen = ServiceCounter.Seen()
        func tally(for year: AmbitoYear, context: ValidationContext) -> Int { year.services.count }
        func check(_ services: [PlannedService], of year: AmbitoYear, into tally: inout Int, context: ValidationContext) -> [Finding] {
            seen.counts.withLock { $0.append(services.count + tally) }
            return []
        }
        func conclude(_ tally: Int, year: AmbitoYear, context: ValidationContext) -> [Finding] { [] }
    }

    /// A plan with more amounts than add up safely (R404) and a finding of R401, R402 and R403 in
    /// every few services: the rules that still run read it batch by batch, and the report is the
    /// same whatever the batch.
    @Test func aPlanTooLargeToHoldIsValidatedTheSameInAnyBatches() {
        var year = Self.plan(adding: 20_100)
        for index in stride(from: 0, to: year.services.count, by: 1_001) { year.services[index].funding[.asl] = F.euros("-1.00") }
        year.costShares.append(CostShare(service: "X20099", ente: F.a, amount: F.euros("1.00"), provenance: F.source("riparto.csv", 2)))
        year.costShares.append(CostShare(service: "NOWHERE", ente: F.a, amount: F.euros("1.00"), provenance: F.source("riparto.csv", 3)))
        var validator = Validator(ruleSet: F.ruleSet)
        validator.serviceBatchSize = year.services.count
        let whole = validator.validate(year)
        #expect(whole.findings(code: "R404").count == 1)
        // What is out of range is named: the number of amounts, not a bare figure.
        #expect(whole.findings(code: "R404").first?.diagnostic.message.it.contains("numero degli importi del piano: ") == true)
        #expect(whole.findings(code: "R404").first?.diagnostic.message.en.contains("number of amounts in the plan: ") == true)
        #expect(!whole.findings(code: "R401").isEmpty)
        #expect(whole.findings(code: "R403").map(\.service) == ["NOWHERE"])
        #expect(whole.omitted?.contains { $0.code == "R402" } == true)
        for size in [1, 999, 5_000] {
            validator.serviceBatchSize = size
            #expect(validator.validate(year) == whole, "batches of \(size)")
        }
    }

    /// No rule is handed more services than a batch: those that check a service at a time and
    /// those that tally the year see batches, the others the year without its services.
    @Test func noRuleIsHandedMoreThanABatch() {
        let year = Self.plan(adding: 20)
        let yearLevel = YearLevelCounter(), byBatch = BatchCounter(), byService = ServiceCounter()
        var validator = Validator(ruleSet: F.ruleSet, rules: [yearLevel, byBatch, byService])
        validator.serviceBatchSize = 6
        _ = validator.validate(year)
        #expect(yearLevel.seen.counts.withLock { $0 } == [0])
        #expect(byBatch.seen.counts.withLock { $0 } == [6, 6, 6, 5])
        #expect(byService.seen.counts.withLock { $0 } == [6, 6, 6, 5])
    }

    /// A rule that tallies the year gives, over batches of any size, what it gives over the whole plan.
    @Test func theYearsSumsAreTheSameInAnyBatches() throws {
        var year = Self.plan(adding: 30)
        for index in year.services.indices { year.services[index].funding[.fondoRegionale] = F.euros("1000000.00") }
        year.fundStatements = [FundStatement(
            ambito: year.ambito.code, year: year.year, fund: .fna, assigned: F.euros("1.00"), carriedOver: .zero,
            used: F.euros("7.00"), residual: .zero)]
        var context = ValidationContext(parameters: EffectiveParameters(ruleSet: F.ruleSet, deliberation: year.deliberation), ruleSet: F.ruleSet)
        context.ruleSet?.fundStatements = [.fondoRegionale]
        for index in year.services.indices where index % 3 == 0 { year.services[index].funding[.fna] = F.euros("2.00") }
        let rules: [any ServiceBatchRule] = [FondoWithinAllocation(), FundStatementMatchesPlan(), FundStatementPresent()]
        for rule in rules {
            let whole = rule.check(year, context: context)
            #expect(!whole.isEmpty, "\(type(of: rule).code)")
            for size in [1, 4, 29] {
                var batched: [Finding] = []
                rule.check(year.withoutServices, services: year.services, batchSize: size, context: context) { batched += $0 }
                #expect(batched == whole, "\(type(of: rule).code) in batches of \(size)")
            }
        }
    }

    /// Rules run together in one pass keep their findings apart; gathered rule after rule they make
    /// the list, the counts and the order of the omitted codes that each rule on its own makes.
    @Test func findingsKeptApartAreGatheredAsOneByOne() {
        // A fixed pseudo-random sequence (a linear congruential generator): the same cases on every run.
        var state: UInt64 = 14
        func draw(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let problems = [Problem.serviceWithoutCost, .unknownService, .negativeAmount]
        // Findings about a few enti or Ambiti (or none), so that past the limit some are listed as
        // the first about their ente and others are not; the rules share codes.
        func subject(_ rule: Int, _ index: Int) -> FindingSubject {
            switch draw(4) {
            case 0: .init(service: "S\(rule)-\(index)")
            case 1: .init(ambito: "A\(draw(4))")
            default: .init(service: "S\(rule)-\(index)", ente: EnteRef(comune: "0950\(draw(12))"))
            }
        }
        for _ in 0..<400 {
            let rules = (0..<3).map { rule in
                (0..<draw(30)).map { index in
                    problems[draw(3)].finding(at: nil, about: subject(rule, index), severity: draw(2) == 0 ? .error : .warning)
                }
            }
            let perCode = draw(5)
            var oneByOne = CappedFindings(perCode: perCode)
            var apart = CappedFindings(perCode: perCode)
            for findings in rules {
                oneByOne.add(findings)
                var kept = RuleFindings(perCode: perCode)
                for finding in findings { kept.add([finding]) }
                #expect(kept.isEmpty == findings.isEmpty)
                apart.add(kept)
            }
            #expect(apart.kept == oneByOne.kept)
            #expect(apart.omitted == oneByOne.omitted)
        }
    }

    /// A finding about `ente` of the code R402.
    static func withoutCost(_ ente: EnteRef, _ index: Int) -> Finding {
        Problem.serviceWithoutCost.finding(at: nil, about: .init(service: "S\(index)", ente: ente))
    }

    /// Gathers `findings` as the report does, directly and through one rule's kept findings, and
    /// expects both to give the same.
    static func gathered(_ findings: [Finding], perCode: Int) -> CappedFindings {
        var direct = CappedFindings(perCode: perCode), replayed = CappedFindings(perCode: perCode)
        direct.add(findings)
        var rule = RuleFindings(perCode: perCode)
        rule.add(findings)
        replayed.add(rule)
        #expect(replayed.kept == direct.kept)
        #expect(replayed.omitted == direct.omitted)
        return direct
    }

    /// 500 findings about one Comune do not hide the one about another Comune from the list.
    @Test func theFirstFindingAboutAnotherEnteIsListedBeyondTheLimit() {
        let other = EnteRef(comune: "095099")
        let findings = (0..<520).map { Self.withoutCost(F.a, $0) } + [Self.withoutCost(other, 520), Self.withoutCost(other, 521)]
        let gathered = Self.gathered(findings, perCode: 500)
        #expect(gathered.kept == Array(findings.prefix(500)) + [findings[520]])
        #expect(gathered.omitted == [OmittedFindings(code: "R402", severity: .error, count: 21)])
    }

    /// Past the limit, at most `perCode` more are listed, one per ente; the rest are counted, exactly.
    @Test func theExtrasAboutOtherEntiAreBounded() {
        let perCode = 500
        let enti = (0..<600).map { EnteRef(comune: "9\($0)") }
        let findings = (0..<perCode).map { Self.withoutCost(F.a, $0) } + enti.enumerated().map { Self.withoutCost($1, perCode + $0) }
        let gathered = Self.gathered(findings, perCode: perCode)
        #expect(gathered.kept == Array(findings.prefix(2 * perCode)))
        #expect(gathered.omitted == [OmittedFindings(code: "R402", severity: .error, count: 100)])

        // Through the validator: the report's counts include every finding, listed or not.
        struct Reports: ValidationRule {
            static let problem = Problem.serviceWithoutCost
            static let description = LocalizedText(it: "restituisce", en: "returns")
            let findings: [Finding]
            func check(_ year: AmbitoYear, context: ValidationContext) -> [Finding] { findings }
        }
        let report = Validator(ruleSet: F.ruleSet, rules: [Reports(findings: findings)]).validate(F.year)
        #expect(report.findings(code: "R402").count == 2 * perCode)
        #expect(Set(report.findings(code: "R402").compactMap(\.ente)).count == perCode + 1)
        #expect(report.omitted == [OmittedFindings(code: "R402", severity: .error, count: 100)])
        #expect(report.counts.errors == findings.count)
    }

    @Test func findingsBeyondTheLimitAreCountedAndSaid() throws {
        let year = Self.plan(adding: 20)
        var validator = Validator(ruleSet: F.ruleSet)
        validator.serviceBatchSize = 3
        let full = validator.validate(year)
        let withoutCost = full.findings(code: "R402").count
        #expect(withoutCost == 5)
        validator.findingsPerCode = 2
        let capped = validator.validate(year)
        #expect(capped.findings(code: "R402") == Array(full.findings(code: "R402").prefix(2)))
        // A code lists its first 2, then the first about each ente not listed yet, 2 more at most.
        #expect(capped.findings.allSatisfy { finding in capped.findings(code: finding.code).count <= 2 * 2 })
        #expect(capped.omitted?.contains(OmittedFindings(code: "R402", severity: .error, count: 3)) == true)
        let listedAndLeft = capped.findings.count + (capped.omitted ?? []).reduce(0) { $0 + $1.count }
        #expect(listedAndLeft == full.findings.count)
        #expect(capped.counts == full.counts)
        #expect(capped.hasErrors)

        let italian = capped.renderText(language: .it)
        #expect(italian.contains("Rilievi non elencati (contati nel riepilogo; il limite è per codice):\n  errore R402: e altri 3 come questo\n")
            || italian.contains("  errore R402: e altri 3 come questo\n"))
        #expect(italian.contains("Riepilogo: \(full.counts.errors) errori"))
        #expect(capped.renderText(language: .en).contains("  error R402: and 3 more like this\n"))
        #expect(try JSONDecoder().decode(ValidationReport.self, from: capped.jsonData()) == capped)
        // Under the limit the report lists everything and says nothing of omissions.
        #expect(full.omitted == nil)
        #expect(!String(decoding: try full.jsonData(), as: UTF8.self).contains("omitted"))
        #expect(!full.renderText(language: .it).contains("Rilievi non elencati"))
    }
}
