import Foundation
import GRDB
import PlusModel

/// Which Ambiti an ente belongs to, after the reference Ambiti and the current membership records.
enum Membership {
    /// The Ambiti that count `ente` among their members or signatories.
    static func ambiti(containing ente: EnteRef, in db: Database) throws -> Set<String> {
        var codes = Set<String>()
        // The Ambiti that name the ente in a column of their own: a condition on `ambiti`, with its arguments.
        let naming: (condition: String, arguments: StatementArguments)
        switch ente.kind {
        case .comune:
            // Cached statements: this runs for every sheet of every Comune.
            codes.formUnion(try String.fetchAll(
                db.cachedStatement(sql: "SELECT ambito FROM ambito_members WHERE istat_code = ?"), arguments: [ente.code]))
            codes.formUnion(try String.fetchAll(
                db.cachedStatement(sql: ambitiOfComuneRecords), arguments: [ente.description]))
            naming = ("capofila = ?", [ente.code])
        case .asl, .provincia:
            naming = ("asl_ente = ? OR provincia_ente = ?", [ente.description, ente.description])
        case .unione, .altro:
            naming = ("gestore_ente = ?", [ente.description])
        }
        // Each condition has its index (schema v11): a scan of every Ambito for each sheet was a
        // twentieth of an Italy-year's storing.
        codes.formUnion(try String.fetchAll(
            db.cachedStatement(sql: "SELECT code FROM ambiti WHERE \(naming.condition)"), arguments: naming.arguments))
        // Any kind of ente may be another signatory: only the few Ambiti that have any are decoded.
        for (code, others) in try otherSignatories(in: db) where others.contains(where: { $0.ente == ente }) {
            codes.insert(code)
        }
        return codes
    }

    /// The membership records that count, after `FROM`: a Comune's current place in an Ambito.
    private static let currentComuneRecords = """
        FROM records r JOIN submissions s ON s.id = r.submission_id
        WHERE s.status = 'accepted' AND r.kind = 'comune' AND \(RecordQuery.indexedKinds) AND r.ambito IS NOT NULL
        """

    /// The Ambiti a Comune's current membership records (``currentComuneRecords``) place it in.
    private static let ambitiOfComuneRecords = "SELECT r.ambito \(currentComuneRecords) AND r.ente = ?"

    /// Each Ambito that has other signatories, with them. The condition is the partial index's,
    /// word for word, or SQLite would not use it.
    private static func otherSignatories(in db: Database) throws -> [(code: String, others: [Signatory])] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT code, other_signatories FROM ambiti WHERE other_signatories NOT IN ('', '[]')")).map { row in
            (row["code"], try RecordCoding.decoder.decode([Signatory].self, from: Data((row["other_signatories"] as String).utf8)))
        }
    }

    /// Which Ambiti each ente belongs to, read in one pass over the reference Ambiti, their
    /// members and the current membership records: what ``ambiti(containing:in:)`` tells of one
    /// ente, for a sheet that names thousands (a regional collection names every Comune of Italy,
    /// and four queries a Comune, some 54,000 instructions in all, were a twentieth of storing it).
    /// Codes are compared as SQLite compares them, byte for byte.
    ///
    /// ```swift
    /// let index = try Membership.Index(db)
    /// index.ambiti(containing: cabras) == Membership.ambiti(containing: cabras, in: db)   // true
    /// ```
    struct Index {
        /// How many entes are looked up one by one before the index is read instead: reading it
        /// costs about as much as that many lookups in a store of every Comune of Italy.
        static let worthFrom = 256

        private var members: [[UInt8]: Set<String>] = [:]
        private var comuneRecords: [[UInt8]: Set<String>] = [:]
        private var capofila: [[UInt8]: Set<String>] = [:]
        private var aslOrProvincia: [[UInt8]: Set<String>] = [:]
        private var gestore: [[UInt8]: Set<String>] = [:]
        private var signatories: [EnteRef: Set<String>] = [:]

        init(_ db: Database) throws {
            func collect(_ sql: String, into table: inout [[UInt8]: Set<String>]) throws {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    guard let key: String = row[0], let code: String = row[1] else { continue }
                    table[Array(key.utf8), default: []].insert(code)
                }
            }
            try collect("SELECT istat_code, ambito FROM ambito_members", into: &members)
            try collect("SELECT r.ente, r.ambito \(currentComuneRecords)", into: &comuneRecords)
            try collect("SELECT capofila, code FROM ambiti", into: &capofila)
            try collect("SELECT asl_ente, code FROM ambiti", into: &aslOrProvincia)
            try collect("SELECT provincia_ente, code FROM ambiti", into: &aslOrProvincia)
            try collect("SELECT gestore_ente, code FROM ambiti", into: &gestore)
            for (code, others) in try otherSignatories(in: db) {
                for other in others { signatories[other.ente, default: []].insert(code) }
            }
        }

        /// The Ambiti that count `ente` among their members or signatories.
        func ambiti(containing ente: EnteRef) -> Set<String> {
            let code = Array(ente.code.utf8), description = Array(ente.description.utf8)
            var codes = signatories[ente] ?? []
            switch ente.kind {
            case .comune:
                codes.formUnion(members[code] ?? [])
                codes.formUnion(comuneRecords[description] ?? [])
                codes.formUnion(capofila[code] ?? [])
            case .asl, .provincia:
                codes.formUnion(aslOrProvincia[description] ?? [])
            case .unione, .altro:
                codes.formUnion(gestore[description] ?? [])
            }
            return codes
        }
    }

    /// The Ambito whose capofila is `ente`, if exactly one.
    static func ambito(ledBy ente: EnteRef, in db: Database) throws -> String? {
        let codes = try String.fetchAll(
            db.cachedStatement(sql: "SELECT code FROM ambiti WHERE capofila = ?"), arguments: [ente.code])
        return codes.count == 1 ? codes[0] : nil
    }

    /// Every Ambito the store knows of: reference, membership records, submissions.
    static func knownAmbiti(in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(
            db,
            sql: """
                SELECT code FROM ambiti
                UNION SELECT r.ambito FROM records r
                WHERE r.kind IN ('comune', 'allocation') AND \(RecordQuery.indexedKinds) AND r.ambito IS NOT NULL
                UNION SELECT ambito FROM submissions WHERE ambito IS NOT NULL
                """))
    }

    /// Each Ambito of the reference data and its region: `sardegna` where none is stated, as
    /// ``ambitiOfOtherRegions(than:in:)`` reads them.
    static func regions(in db: Database) throws -> [String: String] {
        var regions: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, COALESCE(region, '\(Ambito.defaultRegion)') AS region FROM ambiti") {
            regions[row["code"]] = row["region"]
        }
        return regions
    }

    /// The Ambiti the reference data places in another region than every one of `codes`: a
    /// regional deliberation listing `codes` is not theirs (a Sardinian act does not concern an
    /// Emilia-Romagna district). Ambiti without a stated region are `sardegna`.
    static func ambitiOfOtherRegions(than codes: some Collection<String>, in db: Database) throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        let regionOf = "COALESCE(region, '\(Ambito.defaultRegion)')"
        return Set(try String.fetchAll(
            db,
            sql: """
                SELECT code FROM ambiti WHERE \(regionOf) NOT IN (
                    SELECT \(regionOf) FROM ambiti WHERE code IN (\(databaseQuestionMarks(count: codes.count))))
                AND EXISTS (SELECT 1 FROM ambiti WHERE code IN (\(databaseQuestionMarks(count: codes.count))))
                """,
            arguments: StatementArguments(Array(codes) + Array(codes))))
    }
}
