/// One monitoring indicator of a planned service in a year, with its target and what was achieved.
///
/// A PLUS states "quality indicators and the criteria for monitoring and evaluation" (L.R.
/// 23/2005 art. 20 item 9), a Piano di Zona its indicator system: the Ufficio di Piano lists,
/// per service, what it measures, in which unit, the target and the actual value. Numbers are
/// ``ExactDecimal``, never floating point.
///
/// ```swift
/// let users = Indicator(
///     service: "SAD", code: "UTENTI", description: "Utenti presi in carico", unit: "persone",
///     target: ExactDecimal(units: 120), actual: ExactDecimal(units: 112), year: 2019, ambito: "OR")
/// ```
public struct Indicator: Hashable, Sendable, Codable {
    /// The code of the service of the plan it measures.
    public var service: String
    /// The indicator's own code, unique within the service.
    public var code: String
    public var description: String?
    /// What it counts: `persone`, `ore`, `%`.
    public var unit: String?
    public var target: ExactDecimal?
    public var actual: ExactDecimal?
    public var year: Int
    /// The Ambito, when the sheet states it; else the submission's.
    public var ambito: String?
    public var provenance: Provenance?

    public init(
        service: String, code: String, description: String? = nil, unit: String? = nil, target: ExactDecimal? = nil,
        actual: ExactDecimal? = nil, year: Int, ambito: String? = nil, provenance: Provenance? = nil
    ) {
        self.service = service
        self.code = code
        self.description = description
        self.unit = unit
        self.target = target
        self.actual = actual
        self.year = year
        self.ambito = ambito
        self.provenance = provenance
    }
}
