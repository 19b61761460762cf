import Foundation
import GRDB
import PlusModel

/// Rows of the `ambiti` and `ambito_members` tables: the reference Ambiti.
enum ReferenceRows {
    /// Saves each of `ambiti` that differs from its version in `stored` (what ``all(in:)`` read),
    /// or is new. A reference file once read every Ambito back and then each again before saving
    /// it: 1,202 queries of members for Italy's 601, on the storing thread, the other core idle.
    ///
    /// ```swift
    /// let stored = try ReferenceRows.all(in: db)
    /// try ReferenceRows.save(updated(stored), replacing: stored, at: date, in: db)
    /// ```
    static func save(_ ambiti: [Ambito], replacing stored: [Ambito], at date: Date, in db: Database) throws {
        var known = Dictionary(stored.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for ambito in ambiti where known[ambito.code] != ambito {
            try replace(with: ambito, at: date, in: db)
            // A code given twice is compared with what this call saved, as the store would be asked.
            known[ambito.code] = ambito
        }
    }

    /// Writes `ambito` over its stored version, if any.
    private static func replace(with ambito: Ambito, at date: Date, in db: Database) throws {
        // Deleting the Ambito cascades to its members, so a Comune that left is gone too.
        // Cached statements: a reference file saves every Ambito of a region, and compiling each
        // statement afresh (GRDB's authorizer called for every foreign key) cost several times its
        // run: 137 M instructions of the region-year's run, about 36 M cached.
        try db.cachedStatement(sql: "DELETE FROM ambiti WHERE code = ?").execute(arguments: [ambito.code])
        let others = try RecordCoding.writer.string(ambito.otherSignatories)
        try db.cachedStatement(
            sql: """
                INSERT INTO ambiti (code, name, capofila, asl_ente, asl_name, provincia_ente, provincia_name,
                    other_signatories, changed_at, region, gestore_ente, gestore_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                ambito.code, ambito.name, ambito.capofila, ambito.asl?.ente.description, ambito.asl?.name,
                ambito.provincia?.ente.description, ambito.provincia?.name, others, date,
                ambito.region == Ambito.defaultRegion ? nil : ambito.region,
                ambito.enteGestore?.ente.description, ambito.enteGestore?.name,
            ])
        let member = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO ambito_members (ambito, ordinal, istat_code, name, population, province)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (ordinal, comune) in ambito.comuni.enumerated() {
            try member.execute(
                arguments: [ambito.code, ordinal, comune.istatCode, comune.name, comune.population, comune.province])
        }
    }

    /// Every reference Ambito, by code: the members of all in one query, not one per Ambito.
    static func all(in db: Database) throws -> [Ambito] {
        var members: [String: [MemberComune]] = [:]
        for member in try Row.fetchAll(db, sql: "SELECT * FROM ambito_members ORDER BY ambito, ordinal") {
            members[member["ambito"], default: []].append(comune(from: member))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM ambiti ORDER BY code").map { row in
            try ambito(from: row, comuni: members[row["code"]] ?? [])
        }
    }

    static func ambito(code: String, in db: Database) throws -> Ambito? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM ambiti WHERE code = ?"), arguments: [code]).map { row in
            let comuni = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM ambito_members WHERE ambito = ? ORDER BY ordinal"), arguments: [code]
            ).map(comune(from:))
            return try ambito(from: row, comuni: comuni)
        }
    }

    private static func comune(from member: Row) -> MemberComune {
        MemberComune(
            istatCode: member["istat_code"], name: member["name"], population: member["population"], province: member["province"])
    }

    private static func ambito(from row: Row, comuni: [MemberComune]) throws -> Ambito {
        let code: String = row["code"]
        let otherText: String = row["other_signatories"]
        // Most Ambiti have no other signatory: their empty list needs no JSON decoder.
        let others = otherText == "[]" ? [] : try RecordCoding.decoder.decode([Signatory].self, from: Data(otherText.utf8))
        return Ambito(
            code: code, name: row["name"], capofila: row["capofila"], comuni: comuni,
            asl: signatory(row["asl_ente"], row["asl_name"]),
            provincia: signatory(row["provincia_ente"], row["provincia_name"]),
            otherSignatories: others, region: row["region"] ?? Ambito.defaultRegion,
            enteGestore: signatory(row["gestore_ente"], row["gestore_name"]))
    }

    private static func signatory(_ ente: String?, _ name: String?) -> Signatory? {
        guard let ente = ente.flatMap({ EnteRef(parsing: $0) }) else { return nil }
        return Signatory(ente: ente, name: name ?? ente.description)
    }
}
