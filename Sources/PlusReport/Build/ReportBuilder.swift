import Foundation
import PlusModel
import PlusPipeline
import PlusStore
import PlusValidation

/// Builds a ``ReportModel`` from the store and the validator: one Ambito-year, or a region-year.
///
/// ```swift
/// let builder = ReportBuilder(store: store, validator: validator, language: .it)
/// let model = try builder.ambito("OR", year: 2019)
/// ```
public struct ReportBuilder {
    /// How many services an Ambito's table and chart show (a real plan has a few hundred).
    public static let servicesShown = 500
    /// How many Ambiti's allocations an Ambito's page charts: every Ambito of a region the size of
    /// Sardinia's (25), a bounded neighbourhood of Italy's 601. The region's page charts them all.
    public static let allocationsShown = 40

    public let store: any PlanStore
    public let validator: Validator
    public let language: Language
    /// The relative link to an archived source file, by its name and, when the store knows it,
    /// its SHA-256 (the archive tags a second file of the same name with it); `nil` when not known.
    public var sourceLink: (_ file: String, _ sha256: String?) -> String?

    public init(
        store: any PlanStore, validator: Validator, language: Language,
        sourceLink: @escaping (_ file: String, _ sha256: String?) -> String? = { _, _ in nil }
    ) {
        self.store = store
        self.validator = validator
        self.language = language
        self.sourceLink = sourceLink
    }

    /// The report of one Ambito-year, or `nil` when the store knows nothing of it.
    public func ambito(_ code: String, year: Int) throws -> ReportModel? {
        guard let part = try section(AmbitoYearRef(ambito: code, year: year)) else { return nil }
        return model(scope: .ambito, year: year, parts: [part])
    }

    /// The report of every Ambito of a year, or `nil` when the store has none.
    public func region(year: Int) throws -> ReportModel? {
        try region(year: year, parts: [:])
    }

    /// The report of every Ambito of a year, taking the parts already built from `known` and
    /// building the others; `nil` when the store has none.
    func region(year: Int, parts known: [AmbitoYearRef: Part]) throws -> ReportModel? {
        let references = try store.ambitoYears().filter { $0.year == year }.sorted()
        let parts = try references.compactMap { try known[$0] ?? section($0) }
        guard !parts.isEmpty else { return nil }
        return model(scope: .regione, year: year, parts: parts)
    }

    /// What one Ambito-year contributes to a report: what its pages show of it, not the
    /// Ambito-year itself (a run keeps one part per Ambito-year until the region's page).
    struct Part: Sendable {
        var section: AmbitoSection
        /// The year's deliberation, the same for every Ambito of the year.
        var deliberation: Deliberation?
        /// The region whose rule set governs the Ambito.
        var region: String
        var deliberationFindings: [ReportFinding]
        var newest: Date?
        var ambitoNames: [String: String]

        /// The part with every finding's link passed through `link` (links made relative to another folder).
        func relinked(_ link: (String) -> String) -> Part {
            var part = self
            part.deliberationFindings = deliberationFindings.map { $0.relinked(link) }
            part.section.findingGroups = section.findingGroups.map { group in
                var group = group
                group.findings = group.findings.map { $0.relinked(link) }
                return group
            }
            return part
        }
    }

    func model(scope: ReportModel.Scope, year: Int, parts: [Part]) -> ReportModel {
        let deliberation = parts.lazy.compactMap(\.deliberation).first
        // Every Ambito-year checks the same deliberation: its findings are shown once.
        var seen = Set<String>()
        let deliberationFindings = parts.flatMap(\.deliberationFindings).filter {
            seen.insert("\($0.code)|\($0.file)|\($0.line ?? 0)|\($0.xpath ?? "")|\($0.message)").inserted
        }
        // An Ambito's page would otherwise grow with the region: 601 bars on each of Italy's 601 pages.
        // Its bars are made for the Ambiti shown alone, from the region's ranking kept between pages.
        let stated = deliberation?.allocations ?? []
        var shown = Array(stated.indices)
        var allocationsNotShown: Int?
        if scope == .ambito, let own = parts.first?.section.code, stated.count > Self.allocationsShown {
            let order = Self.rankOrder(of: stated)
            shown = Self.window(around: order.firstIndex { stated[$0].ambito == own }, in: order, count: Self.allocationsShown)
            allocationsNotShown = stated.count - shown.count
        }
        let names = parts.reduce(into: [String: String]()) { $0.merge($1.ambitoNames) { first, _ in first } }
        let allocations = shown.map { index in
            let allocation = stated[index]
            return AllocationBar(
                ambito: allocation.ambito, name: allocation.ambitoName ?? names[allocation.ambito] ?? allocation.ambito,
                equalShare: allocation.equalShare, populationShare: allocation.populationShare, udpShare: allocation.udpShare,
                total: allocation.total)
        }
        let sections = parts.map(\.section)
        var totals = Totals(
            ambiti: sections.count, entiExpected: sections.reduce(0) { $0 + $1.enti.count },
            entiSubmitted: sections.reduce(0) { $0 + $1.submittedCount },
            // The deliberation's findings count once, not once per Ambito that checked it.
            errors: Self.count(.error, in: deliberationFindings) + sections.reduce(0) { $0 + $1.ownCount(.error) },
            warnings: Self.count(.warning, in: deliberationFindings) + sections.reduce(0) { $0 + $1.ownCount(.warning) },
            totalCost: .zero, fundAllocated: .zero, fundPlanned: .zero)
        // Checked: each Ambito's totals fit, not necessarily all of them together.
        if !sections.contains(where: { $0.amountsOutOfRange == true }),
           let cost = sections.map(\.totalCost).checkedSum(), let allocated = sections.compactMap(\.fundAllocated).checkedSum(),
           let planned = sections.map(\.fundPlanned).checkedSum()
        {
            (totals.totalCost, totals.fundAllocated, totals.fundPlanned) = (cost, allocated, planned)
        } else {
            totals.amountsOutOfRange = true
        }
        let ruleSet = validator.ruleSet(region: parts.first?.region ?? Ambito.defaultRegion, year: year).identity
        return ReportModel(
            scope: scope, year: year, language: language,
            generatedAt: parts.compactMap(\.newest).max() ?? Date(timeIntervalSince1970: 0),
            ruleSet: ruleSet.scopeText, population: ruleSet.populationText(language: language),
            deliberation: deliberation.map {
                DeliberationSummary(number: $0.number, date: $0.date.italian, fundTotal: $0.fundTotal, file: $0.provenance?.file)
            },
            deliberationFindings: deliberationFindings, ambiti: sections, allocations: allocations, totals: totals,
            allocationsNotShown: allocationsNotShown)
    }

    /// The `count` allocations nearest to `ambito`'s in rank (by total, largest first; ties in the
    /// deliberation's order), itself included, in that rank order: the Ambiti funded like it.
    /// An Ambito the deliberation does not list gets the first `count` by rank.
    static func allocationsAround(_ ambito: String, of allocations: [AllocationBar], count: Int) -> [AllocationBar] {
        let order = rankOrder(of: allocations.map(\.total))
        return window(around: order.firstIndex { allocations[$0].ambito == ambito }, in: order, count: count).map { allocations[$0] }
    }

    /// The positions of `totals` by rank: largest first, equal ones in their order.
    static func rankOrder(of totals: [Money]) -> [Int] {
        totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
    }

    /// The ranking of a deliberation's allocations, kept from the last page that asked: every
    /// Ambito's page of a region ranks the same deliberation, and ranking it for each made the
    /// region's pages grow with the square of its Ambiti.
    static func rankOrder(of allocations: [RegionalAllocation]) -> [Int] {
        // The ranking depends on the totals alone: they are compared in place, not the allocations
        // whole (their provenance strings made the comparison cost as much as the sort).
        lastRanked.value(if: { totals in totals.count == allocations.count && totals.indices.allSatisfy { totals[$0] == allocations[$0].total } }) {
            let totals = allocations.map(\.total)
            return (totals, rankOrder(of: totals))
        }
    }

    private static let lastRanked = LastComputed<[Money], [Int]>()

    /// The `count` entries of `order` around `position` (the first `count` without one), clamped at the ends.
    static func window(around position: Int?, in order: [Int], count: Int) -> [Int] {
        guard order.count > count else { return order }
        let start = min(max(0, (position ?? 0) - count / 2), order.count - count)
        return Array(order[start..<start + count])
    }

    /// One Ambito-year's part, loaded from the store and validated; `nil` when the store knows nothing of it.
    func section(_ reference: AmbitoYearRef) throws -> Part? {
        guard let (year, services) = try store.ambitoYearInBatches(ambito: reference.ambito, year: reference.year) else { return nil }
        // The page's summary reads the services as the validation does: one pass for both.
        let summary = ServiceSummary(shown: Self.servicesShown)
        let report = try validator.validate(year, services: ServicesReadAlongside(services, by: summary), comparingClaimsIn: store)
        let submissions = try store.submissions(ambito: reference.ambito, year: reference.year, includeHistory: false)
        return try part(year, services: services, report: report, submissions: submissions, summary: summary)
    }

    /// One Ambito-year's part from the year, its services, its report and its submissions not
    /// replaced (the current ones and the sheets refused whole since) already in hand; the services
    /// are read once, in batches, unless `summary` read them alongside the validation
    /// (``ServicesReadAlongside``).
    func part(
        _ year: AmbitoYear, services source: some ServiceSource, report: ValidationReport, submissions standing: [Submission],
        summary: ServiceSummary? = nil
    ) throws -> Part {
        let reference = AmbitoYearRef(ambito: year.ambito.code, year: year.year)
        let names = StatusReport.memberNames(of: year.ambito)
        // The sheets refused whole, which the page names beside their ente: a refused sheet did come.
        let submissions = standing.filter(\.isCurrent), refused = standing.filter { $0.status == .rejected }
        let enti = try StatusReport.enti(of: year, submissions: submissions, refused: refused, warnings: store.warningCodes(submission:)).map {
            EnteSubmission(
                ente: $0.ente, name: $0.name, file: $0.file, receivedAt: $0.receivedAt.map(Self.wholeSeconds), rowsRejected: $0.rowsRejected,
                warnings: $0.warnings,
                refused: $0.refused.map { var version = $0; version.receivedAt = Self.wholeSeconds(version.receivedAt); return version })
        }
        // Which bytes each file name stands for here: the current sheets and the deliberation.
        var checksums = Dictionary(submissions.map { ($0.file, $0.sha256) }, uniquingKeysWith: { _, newest in newest })
        if let source = year.deliberation?.provenance { checksums[source.file] = source.sha256 }
        let deliberationFile = year.deliberation?.provenance?.file
        let isAboutDeliberation = { (finding: Finding) in deliberationFile != nil && finding.diagnostic.location.file == deliberationFile }
        let summary = summary ?? ServiceSummary(shown: Self.servicesShown)
        try summary.complete(from: source, naming: Set(report.findings.compactMap(\.service)))
        // A plan of many thousands of services shows the first ones by code and says how many more.
        let services = summary.firstByCode.map { service in
            ServiceFunding(
                code: service.code, name: service.name, totalCost: service.totalCost,
                funding: service.funding.filter { $0.value != .zero }.sorted { $0.key < $1.key }
                    .map { ServiceFunding.Part(source: $0.key, amount: $0.value) })
        }
        let allocated = year.deliberation?.allocation(for: reference.ambito)?.total
        // Amounts no plan reaches (R404) are not added up: the sums would not fit, and the rules
        // that add did not run either. The page lists R404's findings and says why totals are missing.
        let declaredVsPlanned = Self.declaredVsPlanned(year, names: names)
        let inRange = !summary.outOfRange && declaredVsPlanned != nil && !report.hasAmountsOutOfRange
        var section = AmbitoSection(
            code: reference.ambito, name: year.ambito.name, validates: !report.hasErrors, errors: report.counts.errors,
            warnings: report.counts.warnings, infos: report.counts.infos, isClosed: year.isClosed, enti: enti,
            services: services, declaredVsPlanned: inRange ? declaredVsPlanned ?? [] : [],
            findingGroups: groups(
                report.findings.filter { !isAboutDeliberation($0) }, serviceNames: summary.names, names: names, checksums: checksums),
            totalCost: inRange ? summary.totalCost : .zero, fundAllocated: inRange ? allocated : nil,
            fundPlanned: inRange ? summary.fundPlanned : .zero)
        section.amountsOutOfRange = inRange ? nil : true
        section.servicesNotShown = summary.count > Self.servicesShown ? summary.count - Self.servicesShown : nil
        section.findingsNotListed = report.omitted
        let refusedSheets = StatusReport.refusedSheets(refused, current: submissions).map {
            var sheet = $0
            sheet.refused.receivedAt = Self.wholeSeconds(sheet.refused.receivedAt)
            return sheet
        }
        section.refusedSheets = refusedSheets.isEmpty ? nil : refusedSheets
        section.listedPlan = ListedPlan.summary(of: year.listedPlans, year: year.year)?[language]
        section.indicators = year.indicators.filter { $0.year == year.year }.map(IndicatorLine.init)
        // One statement per fund, a later one correcting an earlier (as the export keeps them).
        let statements = Dictionary(year.fundStatements.filter { $0.year == year.year }.map { ($0.fund, $0) }, uniquingKeysWith: { _, later in later })
        section.fundStatements = statements.values.sorted { $0.fund < $1.fund }.map(FundStatementLine.init)
        section.comparison = inRange ? try comparison(with: year, services: source, names: names) : nil
        return Part(
            section: section, deliberation: year.deliberation, region: year.ambito.region,
            deliberationFindings: report.findings.filter(isAboutDeliberation).map { finding($0, names: names, checksums: checksums) },
            newest: submissions.map(\.storedAt).max().map(Self.wholeSeconds),
            ambitoNames: [reference.ambito: year.ambito.name])
    }

    /// What changed since the year before, as `plus status` compares them: only when the store has
    /// that year's plan (a year with no services is no plan to compare with). Neither year is read
    /// whole: the store hands the changes over in order, and only the services listed are named.
    private func comparison(with current: AmbitoYear, services: some ServiceSource, names: [EnteRef: String]) throws -> ReportComparison? {
        let code = current.ambito.code
        // With no submission for the year before there is no plan: not compared just to find that out.
        guard try !store.submissions(ambito: code, year: current.year - 1, includeHistory: false).isEmpty,
              let comparison = try YearComparison(store: store, ambito: code, year: current.year)
        else { return nil }
        // A service is named as this year names it first; one gone this year, as the year before did.
        let listed = Set(comparison.changes.map(\.service))
        var serviceNames: [String: String] = [:]
        for service in try services.firstServices(coded: listed) { serviceNames[service.code] = service.name }
        let gone = listed.subtracting(serviceNames.keys)
        for service in try store.services(ambito: code, year: current.year - 1).firstServices(coded: gone) {
            serviceNames[service.code] = service.name
        }
        // The Ambito and its members are the same whatever the year: the enti are named from this year's.
        return ReportComparison(comparison, services: serviceNames, enti: names)
    }

    /// Findings about a service first, in service order, then those about the Ambito and its submissions.
    private func groups(
        _ findings: [Finding], serviceNames: [String: String], names: [EnteRef: String], checksums: [String: String]
    ) -> [FindingGroup] {
        let words = ReportWords(language)
        var byService: [String: [Finding]] = [:]
        var general: [Finding] = []
        for finding in findings {
            if let service = finding.service { byService[service, default: []].append(finding) } else { general.append(finding) }
        }
        // Errors first, then warnings, then infos; in the validator's order within each.
        let ordered = { (list: [Finding]) in
            list.enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }.map(\.element)
        }
        var groups = byService.keys.sorted().map { code in
            FindingGroup(
                title: "\(words.service) \(code)" + (serviceNames[code].map { " — \($0)" } ?? ""),
                findings: ordered(byService[code]!).map { finding($0, names: names, checksums: checksums) })
        }
        if !general.isEmpty {
            groups.append(FindingGroup(title: words.general, findings: ordered(general).map { finding($0, names: names, checksums: checksums) }))
        }
        return groups
    }

    private func finding(_ finding: Finding, names: [EnteRef: String], checksums: [String: String]) -> ReportFinding {
        let location = finding.diagnostic.location
        return ReportFinding(
            code: finding.code, severity: finding.severity, message: Self.naming(finding.diagnostic.message[language], names: names),
            ente: finding.ente.map { names[$0] ?? $0.description }, expected: finding.expected, found: finding.found,
            difference: finding.difference, file: location.file, line: location.line, xpath: location.xpath,
            // To the file as sent: a workbook's finding names its sheet, which is no file in the archive.
            link: Self.isFile(location.file) ? sourceLink(location.sentFileName, checksums[location.sentFileName]) : nil)
    }

    /// A message with each ente's code replaced by its name: people know enti by name.
    static func naming(_ message: String, names: [EnteRef: String]) -> String {
        // Longest codes first, so that `comune:09501` never replaces part of `comune:095018`;
        // a code already followed by its name in brackets becomes the name alone.
        names.sorted { $0.key.description.count > $1.key.description.count }.reduce(message) { text, entry in
            text.replacingOccurrences(of: "\(entry.key.description) (\(entry.value))", with: entry.value)
                .replacingOccurrences(of: entry.key.description, with: entry.value)
        }
    }

    /// Times to the second, as the JSON model writes them: the model reads back equal to itself.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    static func count(_ severity: Severity, in findings: [ReportFinding]) -> Int {
        findings.count { $0.severity == severity }
    }

    /// Whether a finding's location names a file (a missing sheet's finding has none: `-`).
    static func isFile(_ name: String) -> Bool { !name.isEmpty && name != "-" }

    /// Each ente's declared and planned amounts; `nil` when a sum does not fit in 64 bits.
    private static func declaredVsPlanned(_ year: AmbitoYear, names: [EnteRef: String]) -> [EnteAmounts]? {
        var planned: [EnteRef: Money] = [:]
        var declared: [EnteRef: Money] = [:]
        // By index, each amount added in place: a loop over the rows copied each one whole, and
        // each row looked its ente up twice.
        // Checked, in place: a sheet's amounts reach the page whatever the rules found of them.
        func add(_ amount: Money, to total: inout Money) -> Bool {
            guard let sum = total.adding(amount) else { return false }
            total = sum
            return true
        }
        let shares = year.costShares, declarations = year.declarations
        for index in shares.indices where !add(shares[index].amount, to: &planned[shares[index].ente, default: .zero]) { return nil }
        for index in declarations.indices where declarations[index].year == year.year {
            guard add(declarations[index].amount, to: &declared[declarations[index].ente, default: .zero]) else { return nil }
        }
        let members = year.ambito.members
        let others = Set(planned.keys).union(declared.keys).subtracting(members).sorted()
        return (members + others).compactMap { ente in
            guard planned[ente] != nil || declared[ente] != nil else { return nil }
            return EnteAmounts(
                ente: ente.description, name: names[ente] ?? ente.description,
                planned: planned[ente] ?? .zero, declared: declared[ente] ?? .zero)
        }
    }
}
