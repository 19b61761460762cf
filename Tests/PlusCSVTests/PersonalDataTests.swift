import Foundation
import Testing
import PropertyBased
import PlusModel
@testable import PlusCSV

@Suite("Personal data in a free-text cell rejects the row and is never kept in full")
struct PersonalDataTests {
    @Test(arguments: [
        ("pagamento a RSSMRA80A01H501U", PersonalDataFinding.Kind.codiceFiscale, "RSS************U"),
        ("cf mrtmtt25d09f205z", .codiceFiscale, "mrt************z"),
        ("omocodia RSSMRA80A01H50MM.", .codiceFiscale, "RSS************M"),
        ("IBAN IT60X0542811101000000123456", .iban, "IT6***********************6"),
        ("accredito su IT60 X054 2811 1010 0000 0123 456 entro marzo", .iban, "IT6*****************************6"),
        ("GB82WEST12345698765432", .iban, "GB8******************2"),
        ("scrivere a mario.rossi@comune.cabras.or.it per info", .email, "mar***************************t"),
        ("tel. +39 333 123 4567", .phone, "+39************7"),
        ("cell 3331234567", .phone, "333******7"),
        ("ufficio 0783 290123", .phone, "078*******3"),
        ("0039 0783-290123", .phone, "003************3"),
    ])
    func findsAndMasks(text: String, kind: PersonalDataFinding.Kind, masked: String) throws {
        let finding = try #require(PersonalDataScanner.scan(text))
        #expect(finding.kind == kind)
        #expect(finding.masked == masked)
        #expect(!text.maskingPersonalData.contains(String(text[finding.range])))
    }

    @Test(arguments: [
        "RSSMRA80A01H501A", "RSSMRA80A01H50MU", "IT60X0542811101000000123457", "1.234,56", "-18.226,71", "1234.56",
        "095038", "095018;2019", "06/10/2019", "2019-10-06", "20/9", "Delibera n. 20/9 del 06/10/2019", "2019", "S1",
        "SET-MIN", "Servizio di assistenza domiciliare", "Socioassistenziale integrata", "12345678", "prot. 0012345 del 2019",
        "1.500.000,00", "10,5 %", "importo 333,00", "Centro diurno disabili \"Il Girasole\"", "n.@", "@comune", "a@b",
    ])
    func leavesAmountsCodesDatesAndActNumbersAlone(text: String) {
        #expect(PersonalDataScanner.scan(text) == nil, "\(text)")
        #expect(text.maskingPersonalData == text)
    }

    @Test func theByteFilterLetsThroughEveryCellTheScannerWouldFlag() {
        let flagged = [
            "RSSMRA80A01H501U", "RSSMRAUUAMMHQMMA", "IT60X0542811101000000123456", "a@b.it", "+39 333 123 4567", "0783 290123",
            "+39  0783 290123", "n1 333 1234567", "x 00393331234567",
        ]
        for text in flagged {
            var bytes = text
            #expect(bytes.withUTF8 { PersonalDataScanner.mightContain($0) }, "\(text)")
        }
        // A service's number is no phone: six digits that start with neither 0 nor 3.
        for text in ["Servizio di assistenza domiciliare", "Vedi nota prot. n. 1234 del 12/03 \"servizi sociali\"", "Comprende l'IVA al 5%",
                     "Servizio n. 123456 per la comunità", "S579198", "prot. 1234567 del 2019"] {
            var plain = text
            #expect(!plain.withUTF8 { PersonalDataScanner.mightContain($0) }, "\(text)")
        }
    }

    /// The fast path keeps a row when the filter says no: the filter must say yes to everything the scanner finds.
    @Test func theByteFilterIsNeverStricterThanTheScanner() {
        var generator = Xoshiro(case: 301, of: "personal data filter")
        let pieces = [
            "RSSMRA80A01H501U", "IT60X0542811101000000123456", "IT60 X054 2811 1010 0000 0123 456", "GB82WEST12345698765432",
            "a.b@c.it", "+39 ", "0039", "333", "1234567", "0783", "290123", " ", ".", "-", "/", ",", "@", "n. ", "del ", "à", "A", "7",
        ]
        var found = 0
        for _ in 0..<20_000 {
            var text = (0..<Int(generator.next() % 6 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            guard PersonalDataScanner.scan(text) != nil else { continue }
            found += 1
            #expect(text.withUTF8 { PersonalDataScanner.mightContain($0) }, "\(text)")
        }
        #expect(found > 1_000)
    }

    /// The pre-scan counts digits and `@`s in a pass of its own, looks for a token of sixteen
    /// letters and digits only where it covers every sixteenth byte, and for a phone number or an
    /// IBAN's opening only where a run of digits starts: it answers as the one-pass table scan it
    /// replaced (written out here) on text of tokens 14–18 long, joiners, digits, `@`s and bytes
    /// beyond ASCII, at every length and offset.
    @Test func thePreScanAnswersAsTheOnePassScan() {
        var generator = Xoshiro(case: 16, of: "personal data pre-scan")
        let pieces = [
            "A", "b", "7", "0", "3", " ", ".", "-", "@", "à", "\u{00A0}", "RSSMRA80A01H501U", "RSSMRAUUAMMHQMMA", "ABCDEFGHIJKLMNO",
            "ABCDEFGHIJKLMNOPQ", "X1234567890123", "0783 290123", "n. ", "12/03", "è", ";", "+39 ", "333", "1234567",
            "IT60", "n1", "12", "  ", "--", ". ",
        ]
        var differing: [String] = []
        var flagged = 0
        for _ in 0..<30_000 {
            var text = (0..<Int(generator.next() % 9 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let (now, before) = text.withUTF8 { (PersonalDataScanner.mightContain($0), Self.onePassPreScan($0)) }
            if now != before { differing.append(text) }
            if before { flagged += 1 }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(flagged > 5_000 && flagged < 25_000, "\(flagged)")
    }

    /// Cells of up to 64 bytes are scanned as bit masks, one bit per byte, longer ones by the
    /// passes above: every slice of these texts (each start up to 40, each length up to 80, so
    /// that tokens, digit runs and IBAN openings straddle bytes 16 and 64) gets the one-pass
    /// scan's answer.
    @Test func theShortCellScanAnswersAsTheOnePassScanAtEveryLength() {
        let texts = [
            "Servizio n. 300123 per la comunità RSSMRA80A01H501U e x@y, poi IT60X0542811101000000123456 e 0783 290123 ABCDEFGHIJKLMNOP",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaRSSMRA80A01H501U 3 3 3 3 3 3 ab12 IT60",
            "S300000;0-0-0-0-0-0;3..3.3.3.3.3;n1 333 1234567;à0783 290123à;x 00393331234567;ABCDEFGHIJKLMNOPQ;ABCDEFGHIJKLMNO",
            "1234567890123456 12345678901234567 ab12cd34 AB12 zz99zz 0.1.2.3.4.5 3- 3- 3- 3- 3- 3 @@ fine",
        ]
        var flagged = 0
        var differing: [String] = []
        for text in texts {
            let bytes = Array(text.utf8)
            for start in 0..<min(bytes.count, 40) {
                for end in start...min(bytes.count, start + 80) {
                    let slice = Array(bytes[start..<end])
                    let (now, before) = slice.withUnsafeBufferPointer { (PersonalDataScanner.mightContain($0), Self.onePassPreScan($0)) }
                    if now != before { differing.append(String(decoding: slice, as: UTF8.self)) }
                    if before { flagged += 1 }
                }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(flagged > 3_000, "\(flagged)")
    }

    /// The pre-scan as it was: one pass through a table for an `@`, the digits and a token of exactly sixteen, then the rules.
    static func onePassPreScan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let isDigit = { (byte: UInt8) in byte &- 0x30 <= 9 }
        let isLetter = { (byte: UInt8) in (byte | 0x20) &- 0x61 <= 25 }
        var (at, digits, run, sixteen) = (false, 0, 0, false)
        for byte in bytes {
            at = at || byte == 0x40
            if isDigit(byte) { digits += 1 }
            if isDigit(byte) || isLetter(byte) {
                run += 1
            } else {
                sixteen = sixteen || run == 16
                run = 0
            }
        }
        if at || sixteen || run == 16 { return true }
        if digits < 2 { return false }
        var (token, joined, previousDigit, previousAlnum) = (0, 0, false, false)
        for index in bytes.indices {
            let byte = bytes[index]
            let digit = isDigit(byte)
            let letter = !digit && isLetter(byte)
            if digit || letter {
                token += 1
            } else {
                if token == 16 { return true }
                token = 0
            }
            if digit {
                if joined > 0 {
                    joined += 1
                    if joined >= 6 { return true }
                } else if !previousDigit && (byte == 0x30 || byte == 0x33) {
                    joined = 1
                }
            } else if !(previousDigit && (byte == 0x20 || byte == 0x2E || byte == 0x2D)) {
                joined = 0
            }
            if letter && !previousAlnum && index + 3 < bytes.count
                && isLetter(bytes[index + 1]) && isDigit(bytes[index + 2]) && isDigit(bytes[index + 3]) { return true }
            previousDigit = digit
            previousAlnum = digit || letter
        }
        return token == 16
    }

    /// The byte scan must find exactly what the `Character` scan finds (kind, place and mask), on
    /// text built of personal data, its near misses and what sits around them: Latin letters and
    /// numbers at a value's edge (`àIT60…`, `²333…`), CR LF, combining accents, curly quotes.
    @Test(arguments: 0..<4)
    func theByteScanFindsWhatTheCharacterScanFinds(seed: Int) {
        var generator = Xoshiro(case: seed, of: "personal data byte scan")
        let pieces = [
            "RSSMRA80A01H501U", "rssmra80a01h501u", "RSSMRA80A01H50MM", "RSSMRA80A01H501A", "IT60X0542811101000000123456",
            "IT60 X054 2811 1010 0000 0123 456", "GB82WEST12345698765432", "SM86U0322509800000000270100", "a.b@c.it", "x@y", "@",
            "+39 ", "+3", "0039", "333", "1234567", "0783", "290123", "3331234567", " ", "  ", ".", "-", "/", ",", "n. ", "à", "é",
            "È", "ª", "µ", "²", "½", "\u{00A0}", "\r\n", "\n", "\t", "\u{0301}", "’", "€", "A", "z", "7", "0", "S123456", "Servizio n. ",
        ]
        var found = 0
        for _ in 0..<5_000 {
            let text = (0..<Int(generator.next() % 8 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let reference = PersonalDataScanner.scanCharacters(text)
            #expect(PersonalDataScanner.scan(text) == reference, "\(text.debugDescription)")
            if reference != nil { found += 1 }
        }
        #expect(found > 500)
    }

    /// Text with a scalar from U+0300 up goes to the `Character` scan: a combining accent makes
    /// `U` and `\u{301}` one character, so the code below is not a token of sixteen.
    @Test func aCombiningAccentLeavesTheTextToTheCharacterScan() {
        #expect(PersonalDataScanner.scan("cf RSSMRA80A01H501U") != nil)
        #expect(PersonalDataScanner.scan("cf RSSMRA80A01H501U\u{0301}") == nil)
        #expect(PersonalDataScanner.scan("tel. 333 123 4567à") == nil)
        #expect(PersonalDataScanner.scan("tel. 333 123 4567²")?.kind == .phone)
    }

    /// A Comune sheet with personal data in notes and descriptions, read on the fast path
    /// (sequential and parallel) and on the general one.
    @Test(arguments: [false, true])
    func aRowWithPersonalDataIsRejectedAndTheValueMasked(general: Bool) throws {
        let rows = [
            "095018;2019;SAD;Assistenza;1.000,00;;nota qualsiasi",
            "095018;2019;CDD;Centro diurno;2.000,00;;per RSSMRA80A01H501U",
            "095018;2019;UDP;Ufficio;3.000,00;;IBAN IT60X0542811101000000123456",
            "095018;2019;SET;Referente mario.rossi@comune.cabras.or.it;4.000,00;;",
            "095018;2019;TRA;Trasporto;5.000,00;;chiamare 333 1234567",
            "095018;2019;ADI;Assistenza;6.000,00;06/10/2019;delibera 20/9, spesa 1.234,56, ISTAT 095018",
        ]
        let text = "Codice ISTAT;Anno;Cod. servizio;Descrizione intervento;Quota comunale (€);Data delibera;Note\n"
            + rows.map { $0 + "\n" }.joined()
        let url = try TemporaryFile.write(Array(text.utf8))
        var mapping = try Support.comuneMapping()
        if general { mapping.defaults["ambito"] = "OR" }
        let result = try CSVImporter(mapping: mapping).importFile(at: url)
        var parallel = CSVImporter(mapping: mapping)
        (parallel.parallelism, parallel.blockSize) = (2, 16)
        #expect(try parallel.importFile(at: url) == result)

        #expect(result.declarations.map(\.service) == ["SAD", "ADI"])
        #expect(result.errorLines == [3: ["CSV301"], 4: ["CSV302"], 5: ["CSV303"], 6: ["CSV304"]])
        let codiceFiscale = try #require(result.diagnostics.first { $0.code == "CSV301" })
        #expect(codiceFiscale.location.column == "Note")
        #expect(codiceFiscale.found == "RSS************U")
        #expect(codiceFiscale.message.it.contains("codice fiscale"))
        #expect(codiceFiscale.message.en.contains("codice fiscale"))
        let email = try #require(result.diagnostics.first { $0.code == "CSV303" })
        #expect(email.location.column == "Descrizione intervento")
        #expect(result.rejectedRows.first { $0.line == 3 }?.cells.last == "per RSS************U")

        let everything = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for secret in ["RSSMRA80A01H501U", "IT60X0542811101000000123456", "mario.rossi@comune", "333 1234567"] {
            #expect(!everything.contains(secret), "\(secret) kept")
        }
    }

    @Test func aMessageAboutAnotherProblemDoesNotEchoPersonalData() throws {
        let text = "Codice ISTAT;Anno;Cod. servizio;Quota comunale (€)\n095018;2019;S1;10,00\n095018;2019;S2;mario.rossi@comune.it\n"
        let result = try CSVImporter(mapping: try Support.comuneMapping()).importFile(at: try TemporaryFile.write(Array(text.utf8)))
        let amount = try #require(result.diagnostics.first { $0.code == "CSV202" })
        #expect(amount.found == "mar*****************t")
        #expect(!amount.message.it.contains("mario.rossi") && !amount.message.en.contains("mario.rossi"))
        #expect(result.rejectedRows.first?.cells == ["095018", "2019", "S2", "mar*****************t"])
    }
}
