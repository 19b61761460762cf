import PlusModel

/// What recognising or reading a file gives, including "not read at all, because".
///
/// ```swift
/// let recognition = try refusingUnsafe { try fileImport.recognise(file) }   // .unrecognised for a FIFO
/// ```
protocol RefusableOutcome {
    static func refused(_ reason: LocalizedText) -> Self
}

extension FileImport.Recognition: RefusableOutcome {
    static func refused(_ reason: LocalizedText) -> Self { .unrecognised(reason: reason) }
}

extension FileImport.Outcome: RefusableOutcome {
    static func refused(_ reason: LocalizedText) -> Self { .unrecognised(reason: reason) }
}

/// Runs `work` on one inbox file; a file that turned into something else than a readable regular
/// file after the sweep (swapped for a FIFO, its permissions changed) is that file's failure,
/// not the run's.
func refusingUnsafe<T: RefusableOutcome>(_ work: () throws -> T) throws -> T {
    do {
        return try work()
    } catch let error as SafeFileError {
        return T.refused(error.message)
    }
}
