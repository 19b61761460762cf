import Foundation
import GRDB
import PlusModel

/// The `ambito_plans` table: the plans of each Ambito as the reference list states them.
///
/// A list sent again replaces the rows of the plans it names (Ambito, type, triennium), so a
/// new version or approving act overwrites the old one; plans it does not name stay.
///
/// ```swift
/// try PlanListRows.save(records, at: now, in: db)
/// let plans = try PlanListRows.plans(ambito: "OR", in: db)
/// ```
enum PlanListRows {
    static func save(_ records: [CanonicalRecord], at date: Date, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO ambito_plans (ambito, type, triennium_start, version, approved_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for record in records {
            guard case .ambitoPlan(let plan) = record else { continue }
            try statement.execute(arguments: [
                plan.ambito, plan.type.rawValue, plan.trienniumStart, plan.version, plan.approvedBy, date,
            ])
        }
    }

    /// The Ambito's listed plans, oldest triennium first.
    static func plans(ambito: String, in db: Database) throws -> [ListedPlan] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM ambito_plans WHERE ambito = ? ORDER BY triennium_start, type"),
            arguments: [ambito]
        ).map { row in
            guard let type = PlanType(rawValue: row["type"]) else { throw StoreError.corruptRecord(kind: "ambito_plan") }
            return ListedPlan(
                ambito: row["ambito"], type: type, trienniumStart: row["triennium_start"], version: row["version"],
                approvedBy: row["approved_by"])
        }
    }
}
