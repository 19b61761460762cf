import GRDB
import PlusModel

/// Completes what a submission is about from its records and the reference Ambiti, and tells
/// which Ambito-years it changes.
struct SubjectResolution {
    let db: Database

    /// The caller's subject over the importer's; missing fields told by the records when they
    /// agree on one value, the Ambito by membership when the ente belongs to exactly one.
    /// `records` are the result's records, when the caller has them already (``PreparedImport``).
    func resolve(_ result: ImportResult, override: SubmissionSubject, records: [CanonicalRecord]? = nil) throws -> SubmissionSubject {
        let records = records ?? result.records.map(\.record)
        var subject = result.subject
        subject.ente = override.ente ?? subject.ente
        subject.ambito = override.ambito ?? subject.ambito
        subject.year = Self.year(of: records, subject: result.subject, override: override)
        if subject.ente == nil {
            subject.ente = Self.single(records.compactMap { record in
                if case .declaration(let declaration) = record { return declaration.ente }
                return nil
            })
        }
        let regionWide = records.contains { record in
            switch record {
            case .deliberation, .allocation: true
            default: false
            }
        }
        if subject.ambito == nil, !regionWide {
            subject.ambito = Self.single(records.compactMap(\.ambito))
        }
        if subject.ambito == nil, !regionWide, let ente = subject.ente {
            let planTable = records.contains { record in
                switch record {
                case .service, .costShare, .indicator: true
                default: false
                }
            }
            if planTable {
                subject.ambito = try Membership.ambito(ledBy: ente, in: db)
            } else {
                let codes = try Membership.ambiti(containing: ente, in: db)
                subject.ambito = codes.count == 1 ? codes.first : nil
            }
        }
        return subject
    }

    /// The year ``resolve(_:override:)`` gives the submission: the caller's, the importer's, or the
    /// one all the records agree on. It reads no store, so a reading thread can tell it ahead.
    /// `records` and `subject` are the import's.
    static func year(of records: [CanonicalRecord], subject: SubmissionSubject, override: SubmissionSubject) -> Int? {
        override.year ?? subject.year ?? single(records.compactMap(\.year))
    }

    /// The Ambito-years whose assembled plan changes when these records become current.
    func touched(by records: [CanonicalRecord], subject: SubmissionSubject) throws -> Set<AmbitoYearRef> {
        var touched = Set<AmbitoYearRef>()
        func add(_ ambiti: some Sequence<String>, _ year: Int?) {
            guard let year else { return }
            for ambito in ambiti { touched.insert(AmbitoYearRef(ambito: ambito, year: year)) }
        }
        // One Ambito, without the array and set the sequence's form made for each of a sheet's rows,
        // and hashed only when it is not the one before: a sheet's rows all name the same.
        var last: AmbitoYearRef?
        func add(_ ambito: String?, _ year: Int?) {
            guard let ambito, let year else { return }
            let ref = AmbitoYearRef(ambito: ambito, year: year)
            guard ref != last else { return }
            last = ref
            touched.insert(ref)
        }
        var membership: [EnteRef: Set<String>] = [:]
        // A sheet naming many entes reads every ente's Ambiti at once instead of one by one.
        var index: Membership.Index?
        func ambiti(of ente: EnteRef) throws -> Set<String> {
            if let known = membership[ente] { return known }
            if index == nil, membership.count >= Membership.Index.worthFrom { index = try Membership.Index(db) }
            let codes = try index?.ambiti(containing: ente) ?? Membership.ambiti(containing: ente, in: db)
            membership[ente] = codes
            return codes
        }
        // A deliberation changes every Ambito of the region; looked up once per submission.
        var region: Set<String>?
        func regionAmbiti() throws -> Set<String> {
            if let region { return region }
            let codes = try Membership.knownAmbiti(in: db)
            region = codes
            return codes
        }
        // What an allocation changes is the same for every allocation of its region: told once
        // per region and year. Each allocation asked the store for the Ambiti of the other regions
        // and added the whole region, so that an act of Italy's 601 Ambiti made 601 queries over
        // every Ambito and put 361,201 Ambito-years in the set, on the storing thread.
        var regions: [String: String]?
        func regionOfAmbito(_ code: String) throws -> String? {
            if regions == nil { regions = try Membership.regions(in: db) }
            return regions?[code]
        }
        var ambitiOfRegion: [String?: Set<String>] = [:]
        var allocationsTold: Set<AllocationScope> = []
        /// What ``Membership/ambitiOfOtherRegions(than:in:)`` leaves of the known Ambiti for an
        /// allocation to an Ambito of `region`: those the reference data places in no other region.
        /// An Ambito it does not know (`nil`) leaves out none.
        func ambiti(sharing region: String?) throws -> Set<String> {
            if let known = ambitiOfRegion[region] { return known }
            let known = try regionAmbiti()
            let codes = region == nil ? known : known.filter { other in regions?[other].map { $0 == region } ?? true }
            ambitiOfRegion[region] = codes
            return codes
        }
        var yearsByAmbito: [String: [Int]] = [:]
        func years(of ambito: String) throws -> [Int] {
            if let known = yearsByAmbito[ambito] { return known }
            let years = try Int.fetchAll(
                db.cachedStatement(sql: "SELECT DISTINCT year FROM submission_scopes WHERE ambito = ?"), arguments: [ambito])
            yearsByAmbito[ambito] = years
            return years
        }

        for record in records {
            switch record {
            case .declaration(let declaration):
                // A sheet filed for one Ambito counts only there (see the assembly).
                if let ambito = subject.ambito { add(ambito, declaration.year) } else { add(try ambiti(of: declaration.ente), declaration.year) }
            case .service, .costShare:
                add(subject.ambito, subject.year)
            case .fundStatement(let statement):
                add(statement.ambito, statement.year)
            case .indicator(let indicator):
                add(indicator.ambito ?? subject.ambito, indicator.year)
            case .deliberation(let deliberation):
                let codes = deliberation.allocations.map(\.ambito)
                add(try regionAmbiti().subtracting(Membership.ambitiOfOtherRegions(than: codes, in: db)), deliberation.year)
                add(deliberation.allocations.map(\.ambito), deliberation.year)
            case .allocation(let allocation):
                // The Ambiti of its region (``Membership/ambitiOfOtherRegions(than:in:)`` left out), once a region and year.
                let ownRegion = try regionOfAmbito(allocation.ambito)
                if allocationsTold.insert(AllocationScope(region: ownRegion, year: allocation.year)).inserted {
                    add(try ambiti(sharing: ownRegion), allocation.year)
                }
                add([allocation.ambito], allocation.year)
            case .comune(_, let ambito):
                guard let ambito = ambito ?? subject.ambito else { continue }
                for year in try years(of: ambito) + [subject.year].compactMap({ $0 }) { add([ambito], year) }
            case .ambitoMember(let membership):
                for year in try years(of: membership.ambito) + [subject.year].compactMap({ $0 }) { add([membership.ambito], year) }
            case .ambitoSignatories(let signatories):
                for year in try years(of: signatories.ambito) + [subject.year].compactMap({ $0 }) { add([signatories.ambito], year) }
            case .ambitoPlan(let plan):
                for year in try years(of: plan.ambito) + [subject.year].compactMap({ $0 }) { add([plan.ambito], year) }
            }
        }
        if records.isEmpty {
            // An empty sheet still replaces the one before it.
            var codes = Set([subject.ambito].compactMap { $0 })
            if let ente = subject.ente { codes.formUnion(try ambiti(of: ente)) }
            add(codes, subject.year)
        }
        return touched
    }

    private static func single<Value: Hashable>(_ values: [Value]) -> Value? {
        let distinct = Set(values)
        return distinct.count == 1 ? distinct.first : nil
    }
}

/// An allocation's region (`nil`: an Ambito the reference data does not know) and year: what the
/// Ambito-years it changes depend on.
private struct AllocationScope: Hashable {
    let region: String?
    let year: Int?
}
