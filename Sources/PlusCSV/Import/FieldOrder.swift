import PlusModel

/// The order in which ``RecordBuilder`` asks for a target's fields, learnt by building one
/// record from a row that has none: what ``BytePlan`` lines its fields up in.
///
/// Only the order is taken from this: a field the builder asks for only when another has a
/// value comes later in the plan's list, and is still found.
///
/// ```swift
/// FieldOrder.asked(by: .dichiarazione)   // ["ente", "ente_istat", "anno", "servizio", "importo", …]
/// ```
struct FieldOrder: CellReading {
    private(set) var asked: [String] = []
    /// Every question in the order asked, a field asked twice twice.
    private(set) var questions: [String] = []

    static func asked(by target: MappingTarget) -> [String] {
        learntByTarget[target]!.asked
    }

    /// The fields in the order the builder asks for them, repeats included: what a row whose
    /// fields are all there is asked, question after question.
    static func questions(of target: MappingTarget) -> [String] {
        learntByTarget[target]!.questions
    }

    /// Every target's order, learnt once per process: a plan is made for every file, and learning
    /// took a third of making one (FieldOrderTests compares it with a fresh lesson).
    private static let learntByTarget = Dictionary(uniqueKeysWithValues: MappingTarget.allCases.map { ($0, learnt($0)) })

    static func learnt(_ target: MappingTarget) -> FieldOrder {
        var order = FieldOrder()
        _ = RecordBuilder.build(target, &order, provenance: Provenance(file: "", sha256: "", line: 0))
        return order
    }

    private mutating func ask(_ field: String) {
        questions.append(field)
        if !asked.contains(field) { asked.append(field) }
    }

    var hasErrors: Bool { false }
    mutating func add(_ diagnostic: Diagnostic) {}
    func location(_ field: String) -> SourceLocation { SourceLocation(file: "", line: 0, column: field) }
    /// Every field is there, so that the builder asks for the fields it reads only when another is present.
    func has(_ field: String) -> Bool { true }
    mutating func text(_ field: String, required: Bool, expected: String?) -> String? { ask(field); return nil }
    mutating func money(_ field: String, required: Bool) -> Money? { ask(field); return nil }
    mutating func basisPoints(_ field: String) -> Int64? { ask(field); return nil }
    mutating func decimal(_ field: String) -> ExactDecimal? { ask(field); return nil }
    mutating func integer(_ field: String, required: Bool, range: ClosedRange<Int>, expected: String) -> Int? { ask(field); return nil }
    mutating func year(_ field: String, required: Bool) -> Int? { ask(field); return nil }
    mutating func istat(_ field: String, required: Bool) -> String? { ask(field); return nil }
    mutating func ente(_ field: String) -> EnteRef? { ask(field); return nil }
    mutating func date(_ field: String) -> CivilDate? { ask(field); return nil }
    mutating func boolean(_ field: String) -> Bool { ask(field); return false }
    mutating func choice<Value>(_ field: String, _ options: Choices<Value>) -> Value? { ask(field); return nil }
    mutating func parsed<Value>(_ field: String, required: Bool, expected: String?, by parse: @escaping (String) -> Value?) -> Value? {
        ask(field)
        return nil
    }
}
