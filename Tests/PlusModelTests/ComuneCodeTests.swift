import Testing
import PlusModel

@Suite("A Comune's codes through time")
struct ComuneCodeTests {
    @Test func thePublishedColumnsBecomeSpansOfYears() {
        // Carbonia: Cagliari's until 2005, Carbonia-Iglesias' until 2016, Sud Sardegna's since.
        let carbonia = ComuneCode.fromPublishedList(
            current: "111009", earlier: [(1995...2005, "092012"), (2006...2009, "107003"), (2010...2016, "107003")])
        #expect(carbonia == [
            ComuneCode(code: "092012", from: 1995, through: 2005), ComuneCode(code: "107003", from: 2006, through: 2016),
            ComuneCode(code: "111009", from: 2017),
        ])
        #expect(carbonia[1].isValid(in: 2014) && !carbonia[1].isValid(in: 2017) && !carbonia[2].isValid(in: 2014))
        #expect(carbonia[1].years == LocalizedText(it: "2006–2016", en: "2006–2016"))
        #expect(carbonia[2].years == LocalizedText(it: "dal 2017", en: "from 2017"))
    }

    @Test func aCodeThatNeverChangedIsValidAsFarBackAsKnown() {
        let oristano = ComuneCode.fromPublishedList(
            current: "095038", earlier: [(1995...2005, "095038"), (2006...2009, "095038"), (2010...2016, "095038")])
        #expect(oristano == [ComuneCode(code: "095038")])
        #expect(oristano[0].isValid(in: 1990) && oristano[0].isValid(in: 2030))
    }

    @Test func aComuneWithoutEarlierCodesIsNotGivenAStartItDidNotHave() {
        // Valsamoggia (2014) has no code in the earlier columns: its start is told by the list of changes.
        #expect(ComuneCode.fromPublishedList(current: "037061", earlier: [(1995...2005, nil), (2006...2009, nil), (2010...2016, nil)])
            == [ComuneCode(code: "037061")])
    }
}
