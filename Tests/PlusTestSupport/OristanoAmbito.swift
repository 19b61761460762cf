import PlusModel

/// The test Ambito of Oristano, as the suites that store or compare plans start from: two member
/// Comuni (Cabras, and Oristano its capofila) and the ASL. A suite that needs more adds it to a copy.
///
/// ```swift
/// var ambito = OristanoAmbito.ambito
/// ambito.provincia = OristanoAmbito.provincia   // a suite that signs with the Provincia too
/// ```
public enum OristanoAmbito {
    public static let cabras = EnteRef(comune: "095018")
    public static let oristano = EnteRef(comune: "095038")
    public static let asl = EnteRef(kind: .asl, code: "ASL5")
    /// The Provincia, for a suite whose Ambito signs with it; not in ``ambito``.
    public static let provincia = Signatory(ente: EnteRef(kind: .provincia, code: "OR"), name: "Provincia di Oristano")

    public static let ambito = Ambito(
        code: "OR", name: "Oristano", capofila: "095038",
        comuni: [
            MemberComune(istatCode: "095018", name: "Cabras", population: 9_066, province: "OR"),
            MemberComune(istatCode: "095038", name: "Oristano", population: 31_155, province: "OR"),
        ],
        asl: Signatory(ente: asl, name: "ASL 5 Oristano"))
}
