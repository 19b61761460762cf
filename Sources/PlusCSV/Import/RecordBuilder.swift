import PlusModel

/// Builds the canonical record of one row, per mapping target: the one builder, whichever reader
/// (``RowReader`` from text, ``BytePlan/Cells`` from bytes) supplies the cells.
///
/// Every check of a cell's value is a ``CellReading`` method's (a parse, a range, a closed set:
/// ``CellReading/parsed(_:required:expected:by:)`` for any other reading); the builder itself
/// decides only on whether a read gave a value. So a row read cleanly asks the questions that
/// its blank and filled cells decide, which is what ``CheckPrograms`` learns and replays.
enum RecordBuilder {
    static func build<Row: CellReading>(_ target: MappingTarget, _ row: inout Row, provenance: Provenance) -> CanonicalRecord? {
        let record: CanonicalRecord?
        switch target {
        case .servizi: record = service(&row, provenance)
        case .riparto: record = costShare(&row, provenance)
        case .dichiarazione: record = declaration(&row, provenance)
        case .comuni: record = comune(&row)
        case .enti: record = signatories(&row)
        case .fondo: record = fundStatement(&row, provenance)
        case .indicatori: record = indicator(&row, provenance)
        case .piani: record = listedPlan(&row)
        }
        return row.hasErrors ? nil : record
    }

    private static func service<Row: CellReading>(_ row: inout Row, _ provenance: Provenance) -> CanonicalRecord? {
        let code = row.text("codice", required: true)
        let name = row.text("denominazione", required: true)
        let cost = row.money("costo_totale", required: true)
        let kind = row.choice("tipologia", Self.serviceKinds) ?? .sociale
        let management = row.parsed("gestione", required: false, expected: nil, by: Management.init(text:)) ?? .associata
        let criterion = row.choice("criterio", Self.criteria)
        // Room for every line at once: growing the table row after row cost more than the lookups.
        // A check that keeps no record reads and checks every line but builds no table: hashing
        // each line into it was 2.5 % of `plus import` on the plan table.
        let keepsFunding = row.keepsRecord
        var funding = [FundingSource: Money](minimumCapacity: keepsFunding ? FundingSource.allCases.count : 0)
        for source in FundingSource.allCases {
            if let amount = row.money(source.rawValue), amount != .zero, keepsFunding { funding[source] = amount }
        }
        let plan = planStatement(&row)
        guard let code, let name, let cost else { return nil }
        return .service(PlannedService(
            code: code, name: name, area: row.text("area") ?? "", kind: kind, management: management,
            location: row.text("sede"), totalCost: cost, funding: funding, sharingCriterion: criterion,
            plan: plan, copaymentRule: row.text("regola_compartecipazione"), provenance: provenance))
    }

    /// A fund's yearly statement; the fund is named by its funding line (`FRNA`, `frna`).
    private static func fundStatement<Row: CellReading>(_ row: inout Row, _ provenance: Provenance) -> CanonicalRecord? {
        let ambito = row.text("ambito", required: true)
        let year = row.year("anno", required: true)
        let fund = row.choice("fondo", Self.funds)
        let assigned = row.money("assegnato", required: true)
        let carriedOver = row.money("residuo_precedente") ?? .zero
        let used = row.money("utilizzato", required: true)
        let residual = row.money("residuo", required: true)
        guard let ambito, let year, let fund, let assigned, let used, let residual else { return nil }
        return .fundStatement(FundStatement(
            ambito: ambito, year: year, fund: fund, assigned: assigned, carriedOver: carriedOver, used: used,
            residual: residual, act: row.text("atto"), provenance: provenance))
    }

    /// The words a statement may name its fund with: the funding line's key or its Italian label.
    private static let funds = Choices<FundingSource>(
        FundingSource.allCases.map { ($0.rawValue, $0) } + FundingSource.allCases.map { ($0.label.it, $0) })

    /// The plan columns of a plan table's row, or `nil` when it has none.
    private static func planStatement<Row: CellReading>(_ row: inout Row) -> PlanStatement? {
        var statement = PlanStatement(
            type: row.choice("tipo_piano", Self.planTypes),
            version: row.integer("versione_piano", required: false, range: 1...999, expected: "1…999"),
            approvedBy: row.text("atto_approvazione"))
        statement.trienniumStart = row.parsed("triennio", required: false, expected: "2017-2019", by: PlanStatement.trienniumStart(parsing:))
        return statement == PlanStatement() ? nil : statement
    }

    /// The words a sheet may use for a service's kind.
    private static let serviceKinds = Choices<ServiceKind>([
        ("sociale", .sociale), ("sanitario", .sanitario), ("socio_sanitario", .socioSanitario),
        ("sociosanitario", .socioSanitario), ("socio-sanitario", .socioSanitario),
    ])

    /// The words a sheet may use for a sharing criterion.
    private static let criteria = Choices<SharingCriterion>(SharingCriterion.allCases.map { ($0.rawValue, $0) } + [
        ("per residenti", .perResident), ("popolazione", .perResident), ("quote uguali", .equalParts),
        ("quota fissa", .fixedQuota), ("percentuale", .percentages),
    ])

    /// The words a sheet may use for the plan type.
    private static let planTypes = Choices(PlanType.spellings)

    private static func costShare<Row: CellReading>(_ row: inout Row, _ provenance: Provenance) -> CanonicalRecord? {
        let service = row.text("servizio", required: true)
        let ente = enteOf(&row)
        let amount = row.money("importo", required: true)
        let basisPoints = row.basisPoints("percentuale")
        guard let service, let ente, let amount else { return nil }
        return .costShare(CostShare(service: service, ente: ente, amount: amount, basisPoints: basisPoints, provenance: provenance))
    }

    private static func declaration<Row: CellReading>(_ row: inout Row, _ provenance: Provenance) -> CanonicalRecord? {
        let ente = enteOf(&row)
        let year = row.year("anno", required: true)
        let service = row.text("servizio", required: true)
        let amount = row.money("importo", required: true)
        let approvedOn = row.date("data_delibera")
        guard let ente, let year, let service, let amount else { return nil }
        return .declaration(Declaration(
            ente: ente, year: year, service: service, amount: amount, note: row.text("note"),
            approvedOn: approvedOn, provenance: provenance))
    }

    private static func listedPlan<Row: CellReading>(_ row: inout Row) -> CanonicalRecord? {
        let ambito = row.text("ambito", required: true)
        let type = row.choice("tipo_piano", Self.planTypes)
        // An unknown spelling is reported by `choice`; an empty cell here.
        if type == nil, !row.hasErrors { row.add(Problem.csvRequiredValue.at(row.location("tipo_piano"), found: "")) }
        let start = row.parsed("triennio", required: true, expected: "2017-2019", by: PlanStatement.trienniumStart(parsing:))
        let version = row.integer("versione_piano", required: false, range: 1...999, expected: "1…999")
        guard let ambito, let type, let start else { return nil }
        return .ambitoPlan(ListedPlan(
            ambito: ambito, type: type, trienniumStart: start, version: version, approvedBy: row.text("atto_approvazione")))
    }

    private static func indicator<Row: CellReading>(_ row: inout Row, _ provenance: Provenance) -> CanonicalRecord? {
        let service = row.text("servizio", required: true)
        let code = row.text("codice", required: true)
        let year = row.year("anno", required: true)
        let target = row.decimal("obiettivo")
        let actual = row.decimal("valore")
        guard let service, let code, let year else { return nil }
        return .indicator(Indicator(
            service: service, code: code, description: row.text("descrizione"), unit: row.text("unita"),
            target: target, actual: actual, year: year, ambito: row.text("ambito"), provenance: provenance))
    }

    private static func comune<Row: CellReading>(_ row: inout Row) -> CanonicalRecord? {
        let ambito = row.text("ambito")
        let code = row.istat("codice_istat", required: true)
        let name = row.text("denominazione", required: true)
        // A member of an Ambito needs its population; a list of all Comuni may come without one
        // (ISTAT's 2024 edition) and takes it from a census file of its own vintage.
        let population = row.integer("popolazione", required: ambito != nil, expected: "0…")
        let isCapofila = row.boolean("capofila")
        let earlier = earlierCodes(&row)
        guard let code, let name, !row.hasErrors else { return nil }
        let comune = MemberComune(
            istatCode: code, name: name, population: population ?? 0, province: row.text("sigla_provincia"),
            vintage: population == nil ? nil : row.text("vintage"), source: row.text("fonte"),
            codes: earlier.map { $0.published.map { ComuneCode.fromPublishedList(current: code, earlier: $0) } ?? $0.changed })
        guard let ambito else { return .comune(comune, ambito: nil) }
        return .ambitoMember(AmbitoMembership(ambito: ambito, ambitoName: row.text("nome_ambito"), comune: comune, isCapofila: isCapofila))
    }

    /// The earlier codes a row of ISTAT's list of Comuni (`published`) or of its administrative
    /// changes (`changed`: the old Comune's code, up to the change) tells, if its mapping reads any.
    private static func earlierCodes<Row: CellReading>(_ row: inout Row) -> (published: [(years: ClosedRange<Int>, code: String?)]?, changed: [ComuneCode])? {
        if row.has("codice_precedente") {
            guard let old = row.istat("codice_precedente", required: true) else { return nil }
            // A change from 1 January leaves the old code valid to the year before; one within
            // the year, to that year too (both codes appear in it).
            let through = row.date("data_decorrenza").map { $0.month == 1 && $0.day == 1 ? $0.year - 1 : $0.year }
            return (nil, [ComuneCode(code: old, name: row.text("denominazione_precedente"), through: through, isMerged: true)])
        }
        let columns: [(field: String, years: ClosedRange<Int>)] = [
            ("codice_1995", 1995...2005), ("codice_2006", 2006...2009), ("codice_2010", 2010...2016),
        ]
        guard columns.contains(where: { row.has($0.field) }) else { return nil }
        // ISTAT writes these codes as numbers: `92012` is `092012`.
        let published = columns.map { column in
            (years: column.years, code: row.integer(column.field, required: false, range: 1...999_999, expected: "92012").map(Self.sixDigits))
        }
        return (published, [])
    }

    private static func sixDigits(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

        private static func signatories<Row: CellReading>(_ row: inout Row) -> CanonicalRecord? {
        guard let ambito = row.text("ambito", required: true, expected: "ambito") else { return nil }
        let asl = row.ente("asl").map { Signatory(ente: $0, name: row.text("nome_asl") ?? $0.code) }
        let provincia = row.ente("provincia").map { Signatory(ente: $0, name: row.text("nome_provincia") ?? $0.code) }
        let gestore = row.ente("ente_gestore").map { Signatory(ente: $0, name: row.text("nome_ente_gestore") ?? $0.code) }
        let other = row.ente("altro_firmatario").map { Signatory(ente: $0, name: row.text("nome_altro_firmatario") ?? $0.code) }
        return .ambitoSignatories(AmbitoSignatories(
            ambito: ambito, ambitoName: row.text("nome_ambito"), asl: asl, provincia: provincia,
            region: row.text("regione")?.lowercased(), enteGestore: gestore, otherSignatory: other))
    }

    private static func enteOf<Row: CellReading>(_ row: inout Row) -> EnteRef? {
        if let ente = row.ente("ente") { return ente }
        if let code = row.istat("ente_istat") { return EnteRef(comune: code) }
        if !row.hasErrors {
            row.add(Problem.csvRequiredValue.at(row.location(row.has("ente") ? "ente" : "ente_istat"), found: ""))
        }
        return nil
    }
}
