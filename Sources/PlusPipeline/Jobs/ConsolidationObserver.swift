import PlusModel
import PlusStore
import PlusValidation

/// What a job does with each Ambito-year it consolidates, from what consolidation already holds.
///
/// Consolidation loads an Ambito-year from the store and validates it once; an observer (the
/// HTML reports of `plus run`) works from that same Ambito-year and report, on the worker that
/// consolidated it, instead of loading and validating it again. When every Ambito-year of the
/// run is done, ``finished(_:)`` is called once on the calling thread (the region's pages).
///
/// ```swift
/// var consolidation = Consolidation(store: store, validator: validator, outputDirectory: out, formats: [.csv], language: .it)
/// consolidation.observer = reports  // called by consolidate(_:) and by InboxRun at the end
/// ```
public protocol ConsolidationObserver: Sendable {
    /// What reads the services of `year` while the validation reads them (``ServicesReadAlongside``),
    /// handed back to ``consolidated(_:services:readAlongside:report:submissions:)``: a plan of
    /// millions of services is read once for both. `nil` for nothing. Called on any thread.
    func servicesReader(for year: AmbitoYear) -> (any ServiceBatchReader)?

    /// One Ambito-year consolidated: the year as loaded (without its services), its services to
    /// read in batches, the reader ``servicesReader(for:)`` gave (which read them with the
    /// validation, if it read any), the validator's report (before the job's own findings such as
    /// `RUN030`) and its submissions not replaced: the current ones and the sheets refused whole
    /// since (``Submission/isCurrent`` tells them apart). Called on any thread.
    func consolidated(
        _ year: AmbitoYear, services: StoredServices, readAlongside reader: (any ServiceBatchReader)?, report: ValidationReport,
        submissions: [Submission]
    ) throws

    /// Every Ambito-year of the run consolidated; `references` are those the run consolidated.
    func finished(_ references: [AmbitoYearRef]) throws
}
