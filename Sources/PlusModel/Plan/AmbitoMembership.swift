/// One line of reference data: a Comune's membership of an Ambito.
///
/// ```swift
/// AmbitoMembership(ambito: "OR", ambitoName: "Oristano",
///                  comune: MemberComune(istatCode: "095038", name: "Oristano", population: 31_155),
///                  isCapofila: true)
/// ```
public struct AmbitoMembership: Hashable, Sendable, Codable {
    public var ambito: String
    public var ambitoName: String?
    public var comune: MemberComune
    public var isCapofila: Bool

    public init(ambito: String, ambitoName: String? = nil, comune: MemberComune, isCapofila: Bool = false) {
        self.ambito = ambito
        self.ambitoName = ambitoName
        self.comune = comune
        self.isCapofila = isCapofila
    }
}
