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
}
