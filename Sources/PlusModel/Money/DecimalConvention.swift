/// Which character separates the decimals in a sheet's numbers.
///
/// Italian spreadsheets write `1.234,56`; machine exports write `1234.56`. A mapping
/// states the convention; when it does not, ``auto`` accepts only what cannot be misread.
public enum DecimalConvention: String, Sendable, Codable, CaseIterable {
    /// Decimal comma, optional dot thousands: `1.234,56`, `1234,56`, `1.234` (= 1234).
    case comma
    /// Decimal dot, optional comma thousands: `1234.56`, `1,234.56`.
    case dot
    /// Decimal comma preferred; a lone dot (`1.234`, `12.5`) is refused as ambiguous.
    case auto
}
