import ArgumentParser

/// The exit codes of `plus`, documented in the README.
enum ExitCodes {
    /// Everything read and valid.
    static let success = ExitCode(0)
    /// The job ran, but the data has errors (rejected rows, failed rules).
    static let dataErrors = ExitCode(1)
    /// A file was rejected whole (unreadable, wrong mapping, broken structure).
    static let fileRejected = ExitCode(2)
    /// Another run holds the lock (`plus run`).
    static let locked = ExitCode(3)
    /// Wrong usage: unknown option, mapping or file.
    static let usage = ExitCode(64)
    /// The store or an output could not be written (or the store read: damaged, unreadable).
    static let failure = ExitCode(70)
    /// An input could not be read (`EX_IOERR`): a file given to `plus import`, a folder to read.
    static let ioError = ExitCode(74)
}
