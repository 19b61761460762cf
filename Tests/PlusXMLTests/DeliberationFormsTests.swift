import Foundation
import PlusModel
import Testing
@testable import PlusXML

/// An act that states its allocation twice (the data block and the attachment's table) is read by
/// each form's mapping; the first clean one is used, and the other is never passed over in silence:
/// a data block with an absurd population once gave way to the table with no word to anyone.
@Suite("The forms of one act: the one used, and a word about the others")
struct DeliberationFormsTests {
    static let mappings = ["deliberazione-akn", "deliberazione-akn-allegato", "ripartizione-semplice"]

    /// Every mapping's reading of `text`, as `plus run` reads an XML file, and the result used.
    static func read(_ text: String, named name: String = "dgr-2019.xml") throws -> ImportResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        let results = try mappings.map { try DeliberationImporter(mapping: try Paths.mapping($0)).importFile(at: url) }
        return try #require(DeliberationForms(results).used)
    }

    static func sample(_ file: String = "dgr-2019.xml") throws -> String {
        try String(contentsOf: Paths.deliberations.appendingPathComponent(file), encoding: .utf8)
    }

    static func line(of marker: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }.map { $0 + 1 }
    }

    @Test("Acts whose forms agree, or that hold one form, are read with no warning", arguments: [
        "dgr-2017.xml", "dgr-2018.xml", "dgr-2019.xml", "dgr-2019-errata.xml", "errati/dgr-2019-popolazioni-tetto.xml",
        "ripartizione-2019-semplice.xml",
    ])
    func agreeingFormsSayNothing(file: String) throws {
        let used = try Self.read(try Self.sample(file))
        #expect(used.status == .accepted)
        #expect(!used.diagnostics.contains { ["XML030", "XML031"].contains($0.code) }, "\(used.diagnostics.map { $0.rendered(.en) })")
        let onlyTable = try Self.sample(file).replacingOccurrences(
            of: ##"<proprietary source="#ras">[\s\S]*?</proprietary>"##, with: "", options: .regularExpression)
        let onlyBlock = try Self.sample(file).replacingOccurrences(of: #"<attachments>[\s\S]*?</attachments>"#, with: "", options: .regularExpression)
        for (form, text) in [("deliberazione-akn-allegato", onlyTable), ("deliberazione-akn", onlyBlock)] where file.hasPrefix("dgr-") {
            let alone = try Self.read(text)
            #expect(alone.mapping == form && alone.status == .accepted, "\(file) \(form)")
            #expect(!alone.diagnostics.contains { ["XML030", "XML031"].contains($0.code) }, "\(file) \(form)")
        }
    }

    @Test("A data block with errors gives way to the table, and says so where the error is")
    func aFlawedBlockIsNamed() throws {
        let text = try Self.sample().replacingOccurrences(
            of: "<plus:popolazione>75495</plus:popolazione>", with: "<plus:popolazione>9000000000000000000</plus:popolazione>")
        let used = try Self.read(text)
        #expect(used.mapping == "deliberazione-akn-allegato" && used.status == .accepted)
        let warning = try #require(used.diagnostics.first { $0.code == "XML030" })
        #expect(warning.severity == .warning)
        #expect(warning.location.line == Self.line(of: "9000000000000000000", in: text))
        #expect(warning.location.xpath?.hasSuffix("plus:ambito[1]/plus:popolazione") == true)
        #expect(warning.message.it.contains(
            "nella forma letta da deliberazione-akn, che ha 1 errore (il primo: XML022 Il campo population vale «9000000000000000000», che non è un numero intero non negativo): quella forma non è stata usata, il riparto è letto da deliberazione-akn-allegato"),
            "\(warning.message.it)")
        #expect(warning.message.en.contains("which has 1 error (the first: XML022"), "\(warning.message.en)")
        // The table's figures are the ones read.
        #expect(used.deliberation?.allocations.first { $0.ambito == "OR" }?.population == 75_495)
    }

    @Test("Two clean forms that state different figures: the first used, the difference named at its place")
    func disagreeingFormsAreNamed() throws {
        let text = try Self.sample().replacingOccurrences(of: "<td><p>808.344,17</p></td>", with: "<td><p>808.344,18</p></td>")
        #expect(text != (try Self.sample()))
        let used = try Self.read(text)
        #expect(used.mapping == "deliberazione-akn")
        let warning = try #require(used.diagnostics.first { $0.code == "XML031" })
        #expect(warning.severity == .warning)
        #expect(warning.found == "808344.17" && warning.expected == "808344.18")
        #expect(warning.message.it == "Le forme dell'atto non coincidono: il totale di OR vale 808.344,17 secondo deliberazione-akn e 808.344,18 secondo deliberazione-akn-allegato. Il riparto è letto da deliberazione-akn; l'atto va corretto.",
                "\(warning.message.it)")
        #expect(warning.message.en.contains("the total of OR is 808,344.17 according to deliberazione-akn and 808,344.18 according to deliberazione-akn-allegato"),
                "\(warning.message.en)")
        #expect(warning.location.line == Self.line(of: "<plus:ambito codice=\"OR\"", in: text))

        // A population, and an Ambito only one form has.
        let population = try Self.read(try Self.sample().replacingOccurrences(of: "<td><p>75.495</p></td>", with: "<td><p>75.496</p></td>"))
        #expect(population.diagnostics.first { $0.code == "XML031" }?.message.it.contains("la popolazione di OR vale 75495 secondo deliberazione-akn e 75496") == true)
        let dropped = try Self.sample().replacingOccurrences(of: #"<tr><td><p>OR</p></td>.*?</tr>"#, with: "", options: .regularExpression)
        let missing = try Self.read(dropped)
        #expect(missing.diagnostics.first { $0.code == "XML031" }?.message.it.contains("l'Ambito OR vale OR secondo deliberazione-akn e - secondo deliberazione-akn-allegato") == true,
                "\(missing.diagnostics.map(\.message.it))")
    }

    @Test("Two clean forms that state the rules' figures differently: the first difference named; one a form leaves out is no difference")
    func disagreeingParametersAreNamed() throws {
        func result(_ mapping: String, _ parameters: AllocationParameters) -> ImportResult {
            let act = Deliberation(
                number: "40/32", date: CivilDate(year: 2019, month: 10, day: 6)!, body: "Giunta Regionale", year: 2019,
                fundTotal: Money(cents: 1_861_000_000), parameters: parameters,
                provenance: Provenance(file: "dgr-2019.xml", sha256: "aaaa", line: 12, xpath: "/akomaNtoso[1]"))
            var result = ImportResult(file: "dgr-2019.xml", sha256: "aaaa", byteCount: 1, mapping: mapping, mappingVersion: 1, status: .accepted)
            result.records = [ImportedRecord(record: .deliberation(act), provenance: act.provenance!)]
            result.rowsRead = 1
            result.rowsAccepted = 1
            return result
        }
        let stated = AllocationParameters(
            equalShareBasisPoints: 4_000, populationShareBasisPoints: 6_000, udpShareSmall: Money(cents: 6_100_000),
            udpShareLarge: Money(cents: 7_600_000), udpThreshold: 35_000, udpCap: Money(cents: 192_418_400))
        func warning(_ other: AllocationParameters) -> Diagnostic? {
            DeliberationForms([result("blocco", stated), result("tabella", other)]).used?.diagnostics.first { $0.code == "XML031" }
        }
        // The same figures, or none stated by the other form: nothing to say.
        #expect(warning(stated) == nil)
        #expect(warning(AllocationParameters()) == nil)
        var percentages = stated
        (percentages.equalShareBasisPoints, percentages.populationShareBasisPoints) = (3_750, 6_250)
        let percentage = try #require(warning(percentages))
        #expect(percentage.found == "40.00%" && percentage.expected == "37.50%")
        #expect(percentage.message.it == "Le forme dell'atto non coincidono: la percentuale in parti uguali vale 40,00 % secondo blocco e 37,50 % secondo tabella. Il riparto è letto da blocco; l'atto va corretto.",
                "\(percentage.message.it)")
        #expect(percentage.message.en.contains("the equal-share percentage is 40.00% according to blocco and 37.50% according to tabella"), "\(percentage.message.en)")
        #expect(percentage.location.line == 12)
        var threshold = stated
        threshold.udpThreshold = 30_000
        #expect(warning(threshold)?.message.it.contains("la soglia di abitanti per la quota UdP vale 35000 secondo blocco e 30000 secondo tabella") == true)
        var cap = stated
        cap.udpCap = Money(cents: 192_418_500)
        #expect(warning(cap)?.message.it.contains("il tetto delle quote UdP vale 1.924.184,00 secondo blocco e 1.924.185,00 secondo tabella") == true,
                "\(String(describing: warning(cap)?.message.it))")
    }

    @Test("With no clean form, the first mapping's result tells what is wrong, as before")
    func noCleanFormIsTheFirstsResult() throws {
        let used = try Self.read("<notAnAct/>")
        #expect(used.mapping == "deliberazione-akn" && used.status == .rejected)
        #expect(used.diagnostics.contains { $0.code == "XML005" })
        #expect(DeliberationForms([]).used == nil)
    }
}
