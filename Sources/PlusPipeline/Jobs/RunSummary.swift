/// The one-line, machine-readable outcome of a `plus run`, for monitoring.
///
/// `perFile` says, for each file taken, its mapping, rows read, accepted and rejected, and its
/// verdict (see ``FileOutcome``); the exit code is 2 when a file was rejected whole, 1 when rows
/// were rejected or an Ambito-year has errors, 0 otherwise.
///
/// ```json
/// {"accepted":28,"duplicates":0,"exitCode":0,"files":31,"perFile":[...],"rejected":0,"rowsRejected":0,"validated":["OR 2019"],"waiting":0,"warnings":0,"withErrors":[]}
/// ```
public struct RunSummary: Codable, Sendable, Equatable {
    /// Files this run took from the inbox, each with its line in ``perFile``: those read and those
    /// set aside before reading (a symlink, a FIFO, a name that is not text), so that `files` is
    /// `accepted + duplicates + rejected`.
    public var files = 0
    public var accepted = 0
    public var duplicates = 0
    /// Files rejected whole (unrecognised, unreadable, not of this inbox's Ambito).
    public var rejected = 0
    /// Rows rejected in the files stored by this run: data the plan does not hold.
    public var rowsRejected = 0
    /// Warnings about files as a whole (`RUN010`, `RUN011`).
    public var warnings = 0
    /// Each file of the run, in the order it was taken.
    public var perFile: [FileOutcome] = []
    /// Files left in the inbox for a later run: still being written (see `--settle`).
    public var waiting = 0
    /// Ambito-years validated and exported in this run.
    public var validated: [String] = []
    /// Of those, the Ambito-years validated again because their reference data changed (members or
    /// a member Comune's population); a reference file that changes no Ambito makes none.
    public var referenceChanged: [String] = []
    /// Ambito-years whose validation found errors.
    public var withErrors: [String] = []
    public var exitCode: Int32 = 0

    public init() {}

    /// 2 when a file was rejected whole, 1 when rows were rejected or validation found errors, else 0.
    public var computedExitCode: Int32 {
        if rejected > 0 { return 2 }
        return rowsRejected > 0 || !withErrors.isEmpty ? 1 : 0
    }
}
