/// One line of reference data: the ASL, the Provincia and other signatories of an Ambito's plan.
public struct AmbitoSignatories: Hashable, Sendable, Codable {
    public var ambito: String
    public var ambitoName: String?
    public var asl: Signatory?
    public var provincia: Signatory?
    /// The region whose rule set governs the Ambito (`emilia-romagna`), when the line states it.
    public var region: String?
    /// The ente gestore when it is an Unione di Comuni or a Comunità Montana, when the line states it.
    public var enteGestore: Signatory?
    /// Another signatory of the programme agreement that may share costs; a file lists several
    /// in several lines of the same Ambito.
    public var otherSignatory: Signatory?

    public init(
        ambito: String, ambitoName: String? = nil, asl: Signatory? = nil, provincia: Signatory? = nil,
        region: String? = nil, enteGestore: Signatory? = nil, otherSignatory: Signatory? = nil
    ) {
        self.ambito = ambito
        self.ambitoName = ambitoName
        self.asl = asl
        self.provincia = provincia
        self.region = region
        self.enteGestore = enteGestore
        self.otherSignatory = otherSignatory
    }
}
