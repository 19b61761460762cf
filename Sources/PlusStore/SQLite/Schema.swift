import GRDB

/// The SQLite schema of a plan store, as an ordered list of migrations.
///
/// A migration, once released, is never edited: a later change is a new migration, so that
/// every store on disk can be brought forward from the version it was written with.
/// Migrations use raw SQL names only, never the store's Swift types, for the same reason.
///
/// ```swift
/// try Schema.migrator.migrate(dbQueue)              // to the newest version
/// try Schema.migrator.migrate(dbQueue, upTo: "v1")  // to the first release (tests)
/// ```
enum Schema {
    /// The identifier of every released migration, oldest first.
    static var versions: [String] { migrator.migrations }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createFirstRelease)
        migrator.registerMigration("v2", migrate: addImporterAndRecordIndex)
        migrator.registerMigration("v3", migrate: addSubmissionsByAmbitoIndex)
        migrator.registerMigration("v4", migrate: addComuneCodesAndPopulations)
        migrator.registerMigration("v5", migrate: addTypedPlanColumns)
        migrator.registerMigration("v6", migrate: addRegionAndEnteGestore)
        migrator.registerMigration("v7", migrate: addIndicators)
        migrator.registerMigration("v8", migrate: moveDeclarationsToNarrowTable)
        migrator.registerMigration("v9", migrate: indexDeclarationsByEnteFirst)
        migrator.registerMigration("v10", migrate: leaveCostSharesAndServicesOutOfKindIndex)
        migrator.registerMigration("v11", migrate: indexAmbitiBySignatory)
        migrator.registerMigration("v12", migrate: moveCostSharesToNarrowTable)
        migrator.registerMigration("v13", migrate: addCitedFile)
        migrator.registerMigration("v14", migrate: addDeferredIndexes)
        migrator.registerMigration("v15", migrate: indexScopesByAmbitoYear)
        return migrator
    }()

    /// v1, the first release: submissions, what they produced, reference Ambiti, closures.
    private static func createFirstRelease(_ db: Database) throws {
        /// A table of what a submission holds, in file order, deleted with it.
        func createPartOfSubmission(_ name: String, columns: (TableDefinition) -> Void) throws {
            try db.create(table: name) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("submission_id", .integer).notNull().indexed()
                    .references("submissions", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                columns(t)
            }
        }

        try db.create(table: "submissions") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("file", .text).notNull()
            t.column("sha256", .text).notNull()
            t.column("byte_count", .integer).notNull()
            t.column("mapping", .text).notNull()
            t.column("mapping_version", .integer).notNull()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('accepted', 'rejected', 'superseded')")
            t.column("ente", .text)
            t.column("ambito", .text)
            t.column("year", .integer)
            // The supersede key: a newer accepted submission with the same key replaces this one.
            t.column("key_kind", .text)
            t.column("key_scope", .text)
            t.column("key_year", .integer)
            t.column("received_at", .datetime).notNull()
            t.column("stored_at", .datetime).notNull()
            t.column("rows_read", .integer).notNull()
            t.column("rows_accepted", .integer).notNull()
            t.column("rows_rejected", .integer).notNull()
            t.column("record_count", .integer).notNull()
            t.column("details", .text).notNull()
            t.column("superseded_by", .integer).references("submissions")
        }
        try db.create(index: "submissions_by_bytes", on: "submissions", columns: ["sha256", "mapping"])
        try db.create(index: "submissions_by_key", on: "submissions", columns: ["key_kind", "key_scope", "key_year"])
        try db.create(index: "submissions_by_ente", on: "submissions", columns: ["ente", "year"])

        try createPartOfSubmission("records") { t in
            t.column("kind", .text).notNull()
            t.column("ente", .text)
            t.column("ambito", .text)
            t.column("year", .integer)
            t.column("service", .text)
            // Money is whole cents, never a float.
            t.column("amount_cents", .integer)
            t.column("line", .integer)
            t.column("xpath", .text)
            // The whole canonical record as JSON (amounts as integer cents).
            t.column("payload", .text).notNull()
        }

        try createPartOfSubmission("diagnostics") { t in
            t.column("code", .text).notNull()
            t.column("severity", .text).notNull()
            t.column("file", .text).notNull()
            t.column("line", .integer)
            t.column("column_name", .text)
            t.column("xpath", .text)
            t.column("found", .text)
            t.column("expected", .text)
            t.column("message_it", .text).notNull()
            t.column("message_en", .text).notNull()
        }

        try createPartOfSubmission("rejected_rows") { t in
            t.column("line", .integer).notNull()
            t.column("cells", .jsonText).notNull()
            t.column("reasons", .jsonText).notNull()
        }

        // The Ambito-years a submission touched, so a nightly job re-validates only those.
        try db.create(table: "submission_scopes") { t in
            t.column("submission_id", .integer).notNull()
                .references("submissions", onDelete: .cascade)
            t.column("ambito", .text).notNull()
            t.column("year", .integer).notNull()
            t.primaryKey(["submission_id", "ambito", "year"])
        }

        try db.create(table: "ambiti") { t in
            t.primaryKey("code", .text)
            t.column("name", .text).notNull()
            t.column("capofila", .text).notNull()
            t.column("asl_ente", .text)
            t.column("asl_name", .text)
            t.column("provincia_ente", .text)
            t.column("provincia_name", .text)
            t.column("other_signatories", .jsonText).notNull()
        }

        try db.create(table: "ambito_members") { t in
            t.column("ambito", .text).notNull().references("ambiti", onDelete: .cascade)
            t.column("ordinal", .integer).notNull()
            t.column("istat_code", .text).notNull().indexed()
            t.column("name", .text).notNull()
            t.column("population", .integer).notNull()
            t.column("province", .text)
            t.primaryKey(["ambito", "istat_code"])
        }

        try db.create(table: "plan_closures") { t in
            t.column("ambito", .text).notNull()
            t.column("year", .integer).notNull()
            t.column("closed", .boolean).notNull()
            t.column("changed_at", .datetime).notNull()
            t.primaryKey(["ambito", "year"])
        }
    }

    /// v2: who handed a submission in (an inbox folder, a user), when a reference Ambito last
    /// changed (its years must be validated again), and the index the assembly of an
    /// Ambito-year reads declarations by.
    private static func addImporterAndRecordIndex(_ db: Database) throws {
        try db.alter(table: "submissions") { t in
            t.add(column: "imported_by", .text)
        }
        try db.alter(table: "ambiti") { t in
            t.add(column: "changed_at", .datetime)
        }
        try db.create(index: "records_by_kind_year_ente", on: "records", columns: ["kind", "year", "ente"])
    }

    /// v3: the index the assembly of an Ambito-year finds its submissions by, so that reading one
    /// Ambito costs its own records, not a scan of every Ambito's. From v3 on, a declaration or
    /// cost share that its columns say whole has an empty payload (see `EncodedRecord`); rows written
    /// before keep their JSON, which is still read.
    private static func addSubmissionsByAmbitoIndex(_ db: Database) throws {
        try db.create(index: "submissions_by_ambito", on: "submissions", columns: ["ambito", "year"])
    }

    /// v4: ISTAT's reference through time: every code a Comune had with the years it was valid
    /// (a merged Comune's code leads to the Comune it merged into), and the populations of each
    /// vintage (a census, a year) with their source.
    private static func addComuneCodesAndPopulations(_ db: Database) throws {
        // One row per span: a code may come back (Olbia: 090047, then 104017, then 090047 again).
        try db.create(table: "comune_codes") { t in
            t.column("code", .text).notNull().indexed()
            // The Comune's code today.
            t.column("comune", .text).notNull().indexed()
            t.column("name", .text).notNull()
            t.column("year_from", .integer)
            t.column("year_through", .integer)
            // Another Comune's code, merged into this one after year_through (a fusione).
            t.column("merged", .boolean).notNull()
            t.column("source", .text)
            t.column("changed_at", .datetime).notNull()
        }
        try db.create(table: "comune_populations") { t in
            t.column("istat_code", .text).notNull()
            t.column("vintage", .text).notNull()
            t.column("name", .text).notNull()
            t.column("population", .integer).notNull()
            t.column("source", .text)
            t.column("changed_at", .datetime).notNull()
            t.primaryKey(["istat_code", "vintage"])
        }
    }

    /// v5: declarations, cost shares and services in typed columns (see `PlanColumns`), not in a
    /// JSON payload: a note, a date, a percentage, and a service's name, area, kind, management,
    /// place, sharing criterion, plan statement and its amount per funding source in integer cents.
    ///
    /// The rows written before are converted, a thousand at a time. Their payload is the `Codable`
    /// form of the records, which only the store's own decoder reads: the one exception to the
    /// rule above, for the reader of old payloads stays (a record with a provenance of its own
    /// keeps its JSON).
    private static func addTypedPlanColumns(_ db: Database) throws {
        try db.alter(table: "records") { t in
            t.add(column: "note", .text)
            t.add(column: "approved_on", .text)
            t.add(column: "basis_points", .integer)
            t.add(column: "name", .text)
            t.add(column: "area", .text)
            t.add(column: "service_kind", .text)
            t.add(column: "management", .text)
            t.add(column: "location", .text)
            t.add(column: "sharing", .text)
            for source in [
                "fondo_regionale", "comuni", "asl", "provincia", "fnps", "fna", "ue", "compartecipazione", "altro",
                "frna", "fondo_sociale_regionale", "altri_firmatari",
            ] {
                t.add(column: "fund_" + source, .integer)
            }
            t.add(column: "plan_type", .text)
            t.add(column: "triennium_start", .integer)
            t.add(column: "plan_version", .integer)
            t.add(column: "approved_by", .text)
            t.add(column: "copayment_rule", .text)
        }
        try PlanColumns.convertPayloads(in: db)
    }

    /// v6: the region whose rule set governs an Ambito
    /// (`emilia-romagna`; none is `sardegna`) and an ente gestore that is not a Comune (an Unione
    /// di Comuni, a Comunità Montana).
    private static func addRegionAndEnteGestore(_ db: Database) throws {
        try db.alter(table: "ambiti") { t in
            t.add(column: "region", .text)
            t.add(column: "gestore_ente", .text)
            t.add(column: "gestore_name", .text)
        }
    }

    /// v7: the plans' monitoring indicators, one typed row each, deleted with
    /// their submission (target and actual are exact decimals written as text, `12.5`: SQLite's
    /// REAL is a binary float); and the plans of each Ambito as the reference list states them.
    private static func addIndicators(_ db: Database) throws {
        try db.create(table: "ambito_plans") { t in
            t.column("ambito", .text).notNull()
            t.column("type", .text).notNull()
            t.column("triennium_start", .integer).notNull()
            t.column("version", .integer)
            t.column("approved_by", .text)
            t.column("changed_at", .datetime).notNull()
            t.primaryKey(["ambito", "type", "triennium_start"])
        }
        try db.create(table: "indicators") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("submission_id", .integer).notNull().indexed()
                .references("submissions", onDelete: .cascade)
            t.column("ordinal", .integer).notNull()
            t.column("ambito", .text)
            t.column("year", .integer).notNull()
            t.column("service", .text).notNull()
            t.column("code", .text).notNull()
            t.column("description", .text)
            t.column("unit", .text)
            t.column("target", .text)
            t.column("actual", .text)
            t.column("line", .integer)
            t.column("xpath", .text)
            // The file a row was first read from when another carried it (an Ambito's export at the Region).
            t.column("source_file", .text)
        }
        try db.create(index: "indicators_by_ambito_year", on: "indicators", columns: ["ambito", "year"])
    }

    /// v8: declarations whole in columns in a narrow table of their own (`DeclarationRows`):
    /// the submission and the record's place in it as the key, the ente a Comune's ISTAT code as
    /// an integer, one index, by year and ente, for the assembly of an Ambito-year. The
    /// declarations stored before move there; one with a JSON payload stays in `records`.
    private static func moveDeclarationsToNarrowTable(_ db: Database) throws {
        try db.create(table: "declarations", options: .withoutRowID) { t in
            t.column("submission_id", .integer).notNull().references("submissions", onDelete: .cascade)
            t.column("ordinal", .integer).notNull()
            t.column("line", .integer)
            t.column("xpath", .text)
            t.column("year", .integer).notNull()
            // A Comune's six-digit ISTAT code as an integer; any other ente as its text (`asl:8`).
            t.column("ente", .integer)
            t.column("service", .text)
            // Money is whole cents, never a float.
            t.column("amount_cents", .integer)
            t.column("note", .text)
            t.column("approved_on", .text)
            t.primaryKey(["submission_id", "ordinal"])
        }
        try db.execute(sql: """
            INSERT INTO declarations (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, note, approved_on)
            SELECT submission_id, ordinal, line, xpath, year,
                CASE WHEN ente GLOB 'comune:[0-9][0-9][0-9][0-9][0-9][0-9]' THEN CAST(substr(ente, 8) AS INTEGER) ELSE ente END,
                service, amount_cents, note, approved_on
            FROM records WHERE kind = 'declaration' AND payload = '' AND year IS NOT NULL
            ORDER BY submission_id, ordinal;
            DELETE FROM records WHERE kind = 'declaration' AND payload = '' AND year IS NOT NULL;
            """)
        try db.create(index: "declarations_by_year_ente", on: "declarations", columns: ["year", "ente"])
    }

    /// v9: the declarations' index by ente, then year, in place of year, then ente: the same
    /// lookups (an Ambito-year's members, both columns by equality), but built faster. A streamed
    /// sheet builds this index again by sorting every row (`DeferredIndexes`), and SQLite's
    /// sorter compares a first column of integers without decoding the rest of the key: with the
    /// year first, which a sheet's rows all share, every comparison went on to the generic one;
    /// with the Comune's code first, most end at it (18 % less CPU for a 250 MB sheet's rebuild,
    /// Benchmarks/README.md). No row changes.
    private static func indexDeclarationsByEnteFirst(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX declarations_by_year_ente")
        try db.create(index: "declarations_by_ente_year", on: "declarations", columns: ["ente", "year"])
    }

    /// v10: the records' index by kind, year and ente without the cost shares and services. An
    /// Ambito-year reads those through its submissions (`RecordQuery.filedForAmbito`), never through
    /// this index, yet they were nearly all its entries (an Italy-year: 1.21 M of 1.23 M), each
    /// inserted at its own place: the dearest insert of the storing thread. SQLite uses a partial
    /// index only for a query that states its condition word for word (`RecordQuery.indexedKinds`).
    /// No row changes.
    private static func leaveCostSharesAndServicesOutOfKindIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX records_by_kind_year_ente;
            CREATE INDEX records_by_kind_year_ente ON records(kind, year, ente) WHERE kind NOT IN ('cost_share', 'service');
            """)
    }

    /// v11: the reference Ambiti indexed by each signatory column, and the few with other
    /// signatories in an index of their own. Every sheet of a Comune asks which Ambiti name it
    /// (`Membership`): a scan of every Ambito for each, an Italy-year's 7,904 sheets times 601
    /// Ambiti on the storing thread. No row changes.
    private static func indexAmbitiBySignatory(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX ambiti_by_capofila ON ambiti(capofila);
            CREATE INDEX ambiti_by_asl ON ambiti(asl_ente);
            CREATE INDEX ambiti_by_provincia ON ambiti(provincia_ente);
            CREATE INDEX ambiti_by_gestore ON ambiti(gestore_ente);
            CREATE INDEX ambiti_with_other_signatories ON ambiti(code) WHERE other_signatories NOT IN ('', '[]');
            """)
    }

    /// v12: cost shares whole in columns in a narrow table of their own (`CostShareRows`), as v8
    /// did for declarations: the submission and the record's place in it as the key, the ente a
    /// Comune's ISTAT code as an integer, and no other index (an Ambito-year reads them through
    /// its submissions). They were nine rows in ten of `records` in an Italy-year, each 37 columns
    /// wide. The cost shares stored before move there; one with a JSON payload stays in `records`.
    private static func moveCostSharesToNarrowTable(_ db: Database) throws {
        try db.create(table: "cost_shares", options: .withoutRowID) { t in
            t.column("submission_id", .integer).notNull().references("submissions", onDelete: .cascade)
            t.column("ordinal", .integer).notNull()
            t.column("line", .integer)
            t.column("xpath", .text)
            // The submission's; NULL for a submission without a year, as in `records`.
            t.column("year", .integer)
            // A Comune's six-digit ISTAT code as an integer; any other ente as its text (`asl:8`).
            t.column("ente", .integer).notNull()
            t.column("service", .text).notNull()
            // Money is whole cents, never a float.
            t.column("amount_cents", .integer).notNull()
            t.column("basis_points", .integer)
            t.primaryKey(["submission_id", "ordinal"])
        }
        let moved = "kind = 'cost_share' AND payload = '' AND ente IS NOT NULL AND service IS NOT NULL AND amount_cents IS NOT NULL"
        try db.execute(sql: """
            INSERT INTO cost_shares (submission_id, ordinal, line, xpath, year, ente, service, amount_cents, basis_points)
            SELECT submission_id, ordinal, line, xpath, year,
                CASE WHEN ente GLOB 'comune:[0-9][0-9][0-9][0-9][0-9][0-9]' THEN CAST(substr(ente, 8) AS INTEGER) ELSE ente END,
                service, amount_cents, basis_points
            FROM records WHERE \(moved)
            ORDER BY submission_id, ordinal;
            DELETE FROM records WHERE \(moved);
            """)
    }

    /// v13: the file a submission's rows cite, when it is not the file itself: a workbook's rows
    /// cite its sheet, `piano.xlsx[Riparto]`. Stored once here, each of its declarations and cost
    /// shares is whole in its columns, where each kept that citation in a JSON payload of its own
    /// (a store seven times the size of the same rows sent as CSV, and a JSON decoding of every
    /// row read back). NULL for every submission stored before: theirs is `file`.
    private static func addCitedFile(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE submissions ADD COLUMN cited_file TEXT")
    }

    /// v14: the indexes a large streamed submission dropped and has yet to build again
    /// (``DeferredIndexes``), each by name with the `CREATE INDEX` that makes it. The submission
    /// commits its rows with them, and builds them in a transaction of its own, while its rows are
    /// copied from the log into the store's file on the other core; a kill between the two leaves
    /// them here, and the next opening of the store builds them. No row changes.
    private static func addDeferredIndexes(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY NOT NULL, sql TEXT NOT NULL) WITHOUT ROWID")
    }

    /// v15: the Ambito-years' scopes found from the Ambito-year. Consolidating an Ambito-year asks
    /// which of its submissions had rows rejected (and, past the row limit, which brought the
    /// most), and storing a reference file asks each Ambito's years: through the table's key,
    /// which starts with the submission, each question read every scope of the store, so that an
    /// Italy-year's 601 Ambito-years read its 10,909 scopes 601 times, and three years nine times
    /// as much. The index holds the submission too, so a question is answered from it alone.
    private static func indexScopesByAmbitoYear(_ db: Database) throws {
        try db.create(index: "submission_scopes_by_ambito_year", on: "submission_scopes", columns: ["ambito", "year", "submission_id"])
    }
}
