import Testing
@testable import PlusCSV

@Suite("The byte plan lines fields up in the order the record builder asks for them")
struct FieldOrderTests {
    /// The plan finds a field by moving on from the last one: a field the builder asks for but
    /// the target does not declare would never be bound, and would be searched for on every row.
    @Test(arguments: MappingTarget.allCases)
    func theBuilderAsksOnlyForTheTargetsFields(target: MappingTarget) {
        let asked = FieldOrder.asked(by: target)
        #expect(!asked.isEmpty)
        #expect(Set(asked).isSubset(of: target.fields.map(\.name)), "\(asked)")
    }

    @Test func aServiceIsReadCodeAndNameFirst() {
        #expect(FieldOrder.asked(by: .servizi).prefix(4) == ["codice", "denominazione", "costo_totale", "tipologia"])
    }

    /// The questions, repeats included, are the fields asked, in the same order of first asking.
    @Test(arguments: MappingTarget.allCases)
    func theQuestionsAreTheFieldsAskedInOrder(target: MappingTarget) {
        var seen: Set<String> = []
        let firsts = FieldOrder.questions(of: target).filter { seen.insert($0).inserted }
        #expect(firsts == FieldOrder.asked(by: target))
    }

    /// The order kept for the process is the order a fresh lesson gives, to the bits of each name
    /// (the plan compares a question's bits with the builder's literal).
    @Test(arguments: MappingTarget.allCases)
    func theKeptOrderIsAFreshLesson(target: MappingTarget) {
        let fresh = FieldOrder.learnt(target)
        #expect(FieldOrder.asked(by: target) == fresh.asked)
        #expect(FieldOrder.questions(of: target) == fresh.questions)
        let bits = BytePlan.Question.bits
        #expect(FieldOrder.questions(of: target).map { bits($0).0 } == fresh.questions.map { bits($0).0 })
        #expect(FieldOrder.questions(of: target).map { bits($0).1 } == fresh.questions.map { bits($0).1 })
    }

    /// A question matches the builder's own literal by its bits, and a field of another name never does.
    @Test func aQuestionIsTheSameLiteralByItsBits() {
        let question = BytePlan.Question.bits
        let long = "regola_compartecipazione"
        #expect(question(long) == question(long))
        #expect(question("anno") == question("anno"))
        #expect(question("anno") != question("anni"))
        #expect(question("regola_compartecipazione") != question("regola_compartecipazioni"))
    }
}
