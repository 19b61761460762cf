import PlusModel

/// The datasets of an export, built and checked once, to be written in several formats.
///
/// Building sorts every table and checking walks every key: a job that writes each
/// Ambito-year as a Data Package, Italian CSV and XML does both once, not once per format.
/// The rows are kept sorted in bounded memory (``SortedDataset``), each format reading them again.
///
/// ```swift
/// let prepared = try exporter.prepare([oristano2019])
/// for format in [ExportFormat.dataPackage, .xml] {
///     try exporter.export(prepared, format: format, metadata: metadata, to: out.appendingPathComponent(format.rawValue))
/// }
/// ```
public struct PreparedExport: Sendable {
    /// Sorted by primary key and checked by ``DatasetIntegrity``.
    let datasets: [any ExportTable]
}

extension Exporter {
    /// Builds the datasets of `ambitoYears` and checks them, to be written by `export(_:format:metadata:to:)`.
    public func prepare(_ ambitoYears: [AmbitoYear]) throws -> PreparedExport {
        try prepare(ambitoYears.map { ($0, $0.services) })
    }

    /// Builds the datasets of each Ambito-year with its services read from its source a batch at
    /// a time, and checks them: an Ambito-year of millions of services is never held whole.
    ///
    /// ```swift
    /// if let (year, services) = try store.ambitoYearInBatches(ambito: "OR", year: 2019) {
    ///     let prepared = try exporter.prepare([(year, services)])
    /// }
    /// ```
    public func prepare<Services: ServiceSource>(_ years: [(year: AmbitoYear, services: Services)]) throws -> PreparedExport {
        // Its shares and declarations were left out: its datasets would be wrong, not small.
        if let year = years.lazy.map(\.year).first(where: { $0.rowLimitExceeded != nil }), let excess = year.rowLimitExceeded {
            throw ExportError(
                .exportAmbitoYearTooLarge, path: excess.largestFile?.file ?? "-", found: "\(year.ambito.code) \(year.year)",
                expected: String(excess.limit))
        }
        let datasets = try builder.tables(from: years)
        try DatasetIntegrity.check(datasets)
        return PreparedExport(datasets: datasets)
    }
}
