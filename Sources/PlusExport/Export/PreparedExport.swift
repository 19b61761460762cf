import PlusModel

/// The datasets of an export, built and checked once, to be written in several formats.
///
/// Building sorts every table and checking walks every key: a job that writes each
/// Ambito-year as a Data Package, Italian CSV and XML does both once, not once per format.
///
/// ```swift
/// let prepared = try exporter.prepare([oristano2019])
/// for format in [ExportFormat.dataPackage, .xml] {
///     try exporter.export(prepared, format: format, metadata: metadata, to: out.appendingPathComponent(format.rawValue))
/// }
/// ```
public struct PreparedExport: Sendable {
    /// Sorted by primary key and checked by ``DatasetIntegrity``.
    let datasets: [ExportDataset]
}

extension Exporter {
    /// Builds the datasets of `ambitoYears` and checks them, to be written by `export(_:format:metadata:to:)`.
    public func prepare(_ ambitoYears: [AmbitoYear]) throws -> PreparedExport {
        let datasets = try builder.datasets(from: ambitoYears)
        try DatasetIntegrity.check(datasets)
        return PreparedExport(datasets: datasets)
    }
}
