/// The one-line, machine-readable outcome of a `plus run`, for monitoring.
///
/// ```json
/// {"accepted":28,"duplicates":0,"exitCode":0,"files":31,"rejected":0,"validated":["OR 2019"],"waiting":0,"withErrors":[]}
/// ```
public struct RunSummary: Codable, Sendable, Equatable {
    public var files = 0
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    /// Files left in the inbox for a later run: still being written (see `--settle`).
    public var waiting = 0
    /// Ambito-years validated and exported in this run.
    public var validated: [String] = []
    /// Ambito-years whose validation found errors.
    public var withErrors: [String] = []
    public var exitCode: Int32 = 0

    public init() {}
}
