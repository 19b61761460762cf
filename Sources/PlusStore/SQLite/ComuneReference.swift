import Foundation
import GRDB
import PlusModel

/// Rows of the `comune_codes` and `comune_populations` tables: ISTAT's reference through time.
///
/// A list of Comuni (ISTAT's published list, a census file, a list of changes) adds to what is
/// kept: each code with the years it was valid and the Comune it is today, each population
/// under its vintage. A newer list replaces the spans and populations it tells again.
enum ComuneReference {
    /// Keeps the codes and populations the records tell; records of other kinds are ignored.
    static func save(_ records: [CanonicalRecord], at date: Date, in db: Database) throws {
        // A newer list tells a Comune's own codes again, in full; a change tells one merged code.
        let forgetOwn = try db.cachedStatement(sql: "DELETE FROM comune_codes WHERE comune = ? AND NOT merged")
        let forgetMerged = try db.cachedStatement(sql: "DELETE FROM comune_codes WHERE comune = ? AND code = ? AND merged")
        let code = try db.cachedStatement(sql: """
            INSERT INTO comune_codes (code, comune, name, year_from, year_through, merged, source, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // A population told again unchanged keeps the time it last changed: only the Ambiti whose
        // populations changed are validated again.
        let population = try db.cachedStatement(sql: """
            INSERT INTO comune_populations (istat_code, vintage, name, population, source, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (istat_code, vintage) DO UPDATE SET
                changed_at = CASE WHEN population = excluded.population THEN changed_at ELSE excluded.changed_at END,
                name = excluded.name, population = excluded.population, source = excluded.source
            """)
        for record in records {
            // A membership file whose mapping names its populations' vintage adds to that vintage too.
            if case .ambitoMember(let membership) = record, let vintage = membership.comune.vintage {
                let comune = membership.comune
                try population.execute(arguments: [comune.istatCode, vintage, comune.name, comune.population, comune.source, date])
                continue
            }
            guard case .comune(let comune, _) = record else { continue }
            let spans = comune.codes ?? []
            if spans.contains(where: { !$0.isMerged }) { try forgetOwn.execute(arguments: [comune.istatCode]) }
            for span in spans {
                if span.isMerged { try forgetMerged.execute(arguments: [comune.istatCode, span.code]) }
                try code.execute(arguments: [
                    span.code, comune.istatCode, span.name ?? comune.name, span.from, span.through, span.isMerged, comune.source, date,
                ])
            }
            if let vintage = comune.vintage {
                try population.execute(arguments: [comune.istatCode, vintage, comune.name, comune.population, comune.source, date])
            }
        }
    }

    /// Every Comune that ever had `code`, with the years it had it.
    static func history(of code: String, in db: Database) throws -> [ComuneCodeHistory] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM comune_codes WHERE code = ? ORDER BY year_from, comune"), arguments: [code]
        ).map { row in
            ComuneCodeHistory(
                comune: row["comune"], name: row["name"],
                code: ComuneCode(code: row["code"], from: row["year_from"], through: row["year_through"], isMerged: row["merged"]),
                source: row["source"])
        }
    }

    /// The populations of one vintage, by the Comune's code.
    static func populations(vintage: String, in db: Database) throws -> [String: VintagePopulation] {
        var result: [String: VintagePopulation] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM comune_populations WHERE vintage = ?", arguments: [vintage]) {
            let code: String = row["istat_code"]
            result[code] = VintagePopulation(
                istatCode: code, name: row["name"], vintage: vintage, population: row["population"], source: row["source"])
        }
        return result
    }

    /// The populations of `codes` in every vintage kept: vintage, then code.
    static func populations(of codes: [String], in db: Database) throws -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        guard !codes.isEmpty else { return result }
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT istat_code, vintage, population FROM comune_populations WHERE istat_code IN (\(databaseQuestionMarks(count: codes.count)))"),
            arguments: StatementArguments(codes))
        {
            result[row["vintage"], default: [:]][row["istat_code"]] = row["population"]
        }
        return result
    }

    /// The vintages of population kept, oldest name first.
    static func vintages(in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT vintage FROM comune_populations ORDER BY vintage")
    }
}

/// One code a Comune had, as the store keeps it: the Comune it is today and where that is told.
public struct ComuneCodeHistory: Hashable, Sendable {
    /// The Comune's code today.
    public var comune: String
    /// The name under that code.
    public var name: String
    public var code: ComuneCode
    public var source: String?
}

/// A Comune's population of one vintage (a census, a year), with its source.
public struct VintagePopulation: Hashable, Sendable {
    public var istatCode: String
    public var name: String
    public var vintage: String
    public var population: Int
    public var source: String?
}
