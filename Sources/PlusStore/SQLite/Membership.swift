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
                db.cachedStatement(sql: """
                    SELECT r.ambito FROM records r JOIN submissions s ON s.id = r.submission_id
                    WHERE s.status = 'accepted' AND r.kind = 'comune' AND \(RecordQuery.indexedKinds)
                    AND r.ente = ? AND r.ambito IS NOT NULL
                    """),
                arguments: [ente.description]))
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
        // The condition is the partial index's, word for word, or SQLite would not use it.
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT code, other_signatories FROM ambiti WHERE other_signatories NOT IN ('', '[]')"))
        {
            let signatories: String = row["other_signatories"]
            let others = try RecordCoding.decoder.decode([Signatory].self, from: Data(signatories.utf8))
            if others.contains(where: { $0.ente == ente }) { codes.insert(row["code"]) }
        }
        return codes
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
