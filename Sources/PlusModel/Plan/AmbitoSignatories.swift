/// One line of reference data: the ASL, the Provincia and other signatories of an Ambito's plan.
public struct AmbitoSignatories: Hashable, Sendable, Codable {
    public var ambito: String
    public var ambitoName: String?
    public var asl: Signatory?
    public var provincia: Signatory?

    public init(ambito: String, ambitoName: String? = nil, asl: Signatory? = nil, provincia: Signatory? = nil) {
        self.ambito = ambito
        self.ambitoName = ambitoName
        self.asl = asl
        self.provincia = provincia
    }
}
