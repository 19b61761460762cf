/// Whether a service is social, health or socio-sanitary: it decides who may co-fund it.
public enum ServiceKind: String, Sendable, Codable, CaseIterable {
    case sociale
    case sanitario
    case socioSanitario = "socio_sanitario"
}

/// Who manages the service: the Ambito jointly (through the capofila) or one Comune alone.
public enum Management: Hashable, Sendable, Codable {
    case associata
    case comune(istatCode: String)

    public var text: String {
        switch self {
        case .associata: "associata"
        case .comune(let code): "comune:\(code)"
        }
    }

    public init?(text: some StringProtocol) {
        // Blanks as Foundation's `.whitespaces` has them (tab and the space separators), trimmed
        // without Foundation: a plan table names the management on every row.
        let isBlank = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        var lowered = text.lowercased()
        let scalars = lowered.unicodeScalars
        if let first = scalars.first, let last = scalars.last, isBlank(first) || isBlank(last) {
            let start = scalars.firstIndex { !isBlank($0) } ?? scalars.endIndex
            let end = scalars.lastIndex { !isBlank($0) }.map(scalars.index(after:)) ?? start
            lowered = String(String.UnicodeScalarView(scalars[start..<max(start, end)]))
        }
        if ["associata", "associato", "ambito", "joint"].contains(lowered) {
            self = .associata
        } else if lowered.hasPrefix("comune:") {
            self = .comune(istatCode: String(lowered.dropFirst("comune:".count)))
        } else {
            return nil
        }
    }
}

/// One service or intervention of the plan, with its cost and how it is funded.
///
/// ```swift
/// var sad = PlannedService(code: "SAD", name: "Assistenza domiciliare", area: "anziani",
///                          kind: .sociale, management: .associata, totalCost: Money(euros: 100_000))
/// sad.funding[.fondoRegionale] = Money(euros: 60_000)
/// sad.funding[.comuni] = Money(euros: 40_000)
/// ```
public struct PlannedService: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    /// Area di utenza: famiglia e minori, anziani, disabili, povertà, dipendenze, ...
    public var area: String
    public var kind: ServiceKind
    public var management: Management
    /// Where the service is delivered, if stated.
    public var location: String?
    public var totalCost: Money
    /// Amount per funding source; absent sources are zero.
    public var funding: [FundingSource: Money]
    /// How the Comuni's line is split among the Comuni, if the plan states it.
    public var sharingCriterion: SharingCriterion?
    /// The plan the row says it belongs to (type, triennium, version, act), when the table states it.
    public var plan: PlanStatement?
    /// The rule on users' co-payment (compartecipazione) the service applies, as the plan table
    /// records it (an act, a regulation, or `nessuna`); `nil` when the table leaves it blank.
    public var copaymentRule: String?
    public var provenance: Provenance?

    public init(
        code: String, name: String, area: String = "", kind: ServiceKind = .sociale,
        management: Management = .associata, location: String? = nil, totalCost: Money,
        funding: [FundingSource: Money] = [:], sharingCriterion: SharingCriterion? = nil,
        plan: PlanStatement? = nil, copaymentRule: String? = nil, provenance: Provenance? = nil
    ) {
        self.plan = plan
        self.copaymentRule = copaymentRule
        self.code = code
        self.name = name
        self.area = area
        self.kind = kind
        self.management = management
        self.location = location
        self.totalCost = totalCost
        self.funding = funding
        self.sharingCriterion = sharingCriterion
        self.provenance = provenance
    }

    public func funding(_ source: FundingSource) -> Money { funding[source] ?? .zero }

    /// The synthesized form, except that the funding list (a dictionary with enum keys is written
    /// as `[key, value, key, value…]`) comes in source order, not in the dictionary's order,
    /// which changes from process to process: the same service is always the same JSON text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(area, forKey: .area)
        try container.encode(kind, forKey: .kind)
        try container.encode(management, forKey: .management)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encode(totalCost, forKey: .totalCost)
        var list = container.nestedUnkeyedContainer(forKey: .funding)
        for (source, amount) in funding.sorted(by: { $0.key < $1.key }) {
            try list.encode(source)
            try list.encode(amount)
        }
        try container.encodeIfPresent(sharingCriterion, forKey: .sharingCriterion)
        try container.encodeIfPresent(plan, forKey: .plan)
        try container.encodeIfPresent(copaymentRule, forKey: .copaymentRule)
        try container.encodeIfPresent(provenance, forKey: .provenance)
    }
}

import Foundation
