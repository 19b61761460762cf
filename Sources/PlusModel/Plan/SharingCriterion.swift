/// How the plan splits the Comuni's share of a service's cost among them.
///
/// Written in mappings and sheets as `residenti`, `parti_uguali`, `quota_fissa`
/// or `percentuali`.
public enum SharingCriterion: String, Sendable, Codable, CaseIterable {
    /// In proportion to each Comune's resident population.
    case perResident = "residenti"
    /// In equal parts among the member Comuni.
    case equalParts = "parti_uguali"
    /// A fixed amount per Comune, stated in the cost split.
    case fixedQuota = "quota_fissa"
    /// Stated percentages per ente (mixed criteria).
    case percentages = "percentuali"
}
