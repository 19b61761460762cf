/// A member Comune of an Ambito, with its resident population.
public struct MemberComune: Hashable, Sendable, Codable {
    /// The six-digit ISTAT code, e.g. `095038` for Oristano.
    public var istatCode: String
    public var name: String
    public var population: Int
    /// The province's abbreviation, e.g. `OR`.
    public var province: String?
    /// The population's vintage, e.g. `censimento-2011`, when a reference list states it; a list
    /// of Comuni without populations (ISTAT's 2024 edition) has `population` 0 and no vintage.
    public var vintage: String?
    /// Where the reference data come from (publisher, edition, licence), when a list states it.
    public var source: String?
    /// Every code the Comune had, with the years valid (from ISTAT's list of Comuni or of
    /// administrative changes); `nil` when the source tells none.
    public var codes: [ComuneCode]?

    public init(
        istatCode: String, name: String, population: Int, province: String? = nil,
        vintage: String? = nil, source: String? = nil, codes: [ComuneCode]? = nil
    ) {
        self.istatCode = istatCode
        self.name = name
        self.population = population
        self.province = province
        self.vintage = vintage
        self.source = source
        self.codes = codes
    }

    public var ente: EnteRef { EnteRef(comune: istatCode) }
}

/// A signatory that is not a Comune: the ASL, the Provincia, or another body.
public struct Signatory: Hashable, Sendable, Codable {
    public var ente: EnteRef
    public var name: String

    public init(ente: EnteRef, name: String) {
        self.ente = ente
        self.name = name
    }
}

/// A group of Comuni that plan social services together (Ambito PLUS, zona sociale).
///
/// ```swift
/// let oristano = Ambito(code: "OR", name: "Oristano", capofila: "095038", comuni: members,
///                       asl: Signatory(ente: .init(kind: .asl, code: "ASL5"), name: "ASL 5 Oristano"))
/// oristano.population   // 75,495 with the 2011 census
/// ```
public struct Ambito: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    /// The ISTAT code of the Comune capofila (ente gestore).
    public var capofila: String
    public var comuni: [MemberComune]
    public var asl: Signatory?
    public var provincia: Signatory?
    public var otherSignatories: [Signatory]
    /// The ente gestore when it is not the Comune capofila: an Unione di Comuni or a Comunità
    /// Montana (`unione:SORBARA`), which signs the plan and may share its costs.
    public var enteGestore: Signatory?
    /// The region whose rules govern the Ambito's plan, e.g. `sardegna`: it picks the rule set.
    public var region: String

    /// The region of Ambiti whose reference data names none: every Ambito stored so far is Sardinian.
    public static let defaultRegion = "sardegna"

    public init(
        code: String, name: String, capofila: String, comuni: [MemberComune],
        asl: Signatory? = nil, provincia: Signatory? = nil, otherSignatories: [Signatory] = [],
        region: String = Ambito.defaultRegion, enteGestore: Signatory? = nil
    ) {
        self.region = region
        self.enteGestore = enteGestore
        self.code = code
        self.name = name
        self.capofila = capofila
        self.comuni = comuni
        self.asl = asl
        self.provincia = provincia
        self.otherSignatories = otherSignatories
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, capofila, comuni, asl, provincia, otherSignatories, region, enteGestore
    }

    /// Decodes an Ambito; one written before Ambiti had a region is Sardinian.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(String.self, forKey: .code), name: try container.decode(String.self, forKey: .name),
            capofila: try container.decode(String.self, forKey: .capofila),
            comuni: try container.decode([MemberComune].self, forKey: .comuni),
            asl: try container.decodeIfPresent(Signatory.self, forKey: .asl),
            provincia: try container.decodeIfPresent(Signatory.self, forKey: .provincia),
            otherSignatories: try container.decodeIfPresent([Signatory].self, forKey: .otherSignatories) ?? [],
            region: try container.decodeIfPresent(String.self, forKey: .region) ?? Ambito.defaultRegion,
            enteGestore: try container.decodeIfPresent(Signatory.self, forKey: .enteGestore))
    }

    /// The resident population: the sum over the member Comuni.
    public var population: Int { comuni.reduce(0) { $0 + $1.population } }

    /// Every ente that may submit or share costs in this Ambito.
    public var members: [EnteRef] {
        comuni.map(\.ente) + signatories.map(\.ente)
    }

    /// The signatories that are not member Comuni: the ente gestore (when not a Comune), the
    /// ASL, the Provincia and the others, in that order.
    public var signatories: [Signatory] {
        [enteGestore, asl, provincia].compactMap { $0 } + otherSignatories
    }

    public func contains(_ ente: EnteRef) -> Bool { members.contains(ente) }

    public func comune(_ istatCode: String) -> MemberComune? { comuni.first { $0.istatCode == istatCode } }
}
