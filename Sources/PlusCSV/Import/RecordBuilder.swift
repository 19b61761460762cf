import PlusModel

/// Builds the canonical record of one row, per mapping target.
enum RecordBuilder {
    static func build(_ target: MappingTarget, _ row: inout RowReader, provenance: Provenance) -> CanonicalRecord? {
        let record: CanonicalRecord?
        switch target {
        case .servizi: record = service(&row, provenance)
        case .riparto: record = costShare(&row, provenance)
        case .dichiarazione: record = declaration(&row, provenance)
        case .comuni: record = comune(&row)
        case .enti: record = signatories(&row)
        }
        return row.hasErrors ? nil : record
    }

    private static func service(_ row: inout RowReader, _ provenance: Provenance) -> CanonicalRecord? {
        let code = row.text("codice", required: true)
        let name = row.text("denominazione", required: true)
        let cost = row.money("costo_totale", required: true)
        let kind = row.choice("tipologia", [
            ("sociale", ServiceKind.sociale), ("sanitario", .sanitario), ("socio_sanitario", .socioSanitario),
            ("sociosanitario", .socioSanitario), ("socio-sanitario", .socioSanitario),
        ]) ?? .sociale
        var management = Management.associata
        if let raw = row.text("gestione") {
            if let parsed = Management(text: raw) {
                management = parsed
            } else {
                row.add(Problem.csvUnknownValue.at(row.location("gestione"), found: raw))
            }
        }
        let criterion = row.choice("criterio", SharingCriterion.allCases.map { ($0.rawValue, $0) } + [
            ("per residenti", .perResident), ("popolazione", .perResident), ("quote uguali", .equalParts),
            ("quota fissa", .fixedQuota), ("percentuale", .percentages),
        ])
        var funding: [FundingSource: Money] = [:]
        for source in FundingSource.allCases {
            if let amount = row.money(source.rawValue), amount != .zero { funding[source] = amount }
        }
        let plan = planStatement(&row)
        guard let code, let name, let cost else { return nil }
        return .service(PlannedService(
            code: code, name: name, area: row.text("area") ?? "", kind: kind, management: management,
            location: row.text("sede"), totalCost: cost, funding: funding, sharingCriterion: criterion,
            plan: plan, provenance: provenance))
    }

    /// The plan columns of a plan table's row, or `nil` when it has none.
    private static func planStatement(_ row: inout RowReader) -> PlanStatement? {
        var statement = PlanStatement(
            type: row.choice("tipo_piano", PlanType.spellings),
            version: row.integer("versione_piano", range: 1...999, expected: "1…999"),
            approvedBy: row.text("atto_approvazione"))
        if let raw = row.text("triennio") {
            statement.trienniumStart = PlanStatement.trienniumStart(parsing: raw)
            if statement.trienniumStart == nil {
                row.add(Problem.csvUnknownValue.at(row.location("triennio"), found: raw, expected: "2017-2019"))
            }
        }
        return statement == PlanStatement() ? nil : statement
    }

    private static func costShare(_ row: inout RowReader, _ provenance: Provenance) -> CanonicalRecord? {
        let service = row.text("servizio", required: true)
        let ente = enteOf(&row)
        let amount = row.money("importo", required: true)
        let basisPoints = row.basisPoints("percentuale")
        guard let service, let ente, let amount else { return nil }
        return .costShare(CostShare(service: service, ente: ente, amount: amount, basisPoints: basisPoints, provenance: provenance))
    }

    private static func declaration(_ row: inout RowReader, _ provenance: Provenance) -> CanonicalRecord? {
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

    private static func comune(_ row: inout RowReader) -> CanonicalRecord? {
        let ambito = row.text("ambito")
        let code = row.istat("codice_istat", required: true)
        let name = row.text("denominazione", required: true)
        let population = row.integer("popolazione", required: true, expected: "0…")
        let isCapofila = row.boolean("capofila")
        guard let code, let name, let population else { return nil }
        let comune = MemberComune(istatCode: code, name: name, population: population, province: row.text("sigla_provincia"))
        guard let ambito else { return .comune(comune, ambito: nil) }
        return .ambitoMember(AmbitoMembership(ambito: ambito, ambitoName: row.text("nome_ambito"), comune: comune, isCapofila: isCapofila))
    }

    private static func signatories(_ row: inout RowReader) -> CanonicalRecord? {
        guard let ambito = row.text("ambito", required: true, expected: "ambito") else { return nil }
        let asl = row.ente("asl").map { Signatory(ente: $0, name: row.text("nome_asl") ?? $0.code) }
        let provincia = row.ente("provincia").map { Signatory(ente: $0, name: row.text("nome_provincia") ?? $0.code) }
        return .ambitoSignatories(AmbitoSignatories(ambito: ambito, ambitoName: row.text("nome_ambito"), asl: asl, provincia: provincia))
    }

    private static func enteOf(_ row: inout RowReader) -> EnteRef? {
        if let ente = row.ente("ente") { return ente }
        if let code = row.istat("ente_istat") { return EnteRef(comune: code) }
        if !row.hasErrors {
            row.add(Problem.csvRequiredValue.at(row.location(row.labels["ente"] != nil ? "ente" : "ente_istat"), found: ""))
        }
        return nil
    }
}
