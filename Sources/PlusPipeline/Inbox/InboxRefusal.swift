import PlusModel

/// Why an inbox entry is not read now: set aside for good (moved to `rejected/`) or left to wait.
///
/// Each has a stable code; none says anything of the entry's content, which is never read.
///
/// ```swift
/// let refusal = InboxRefusal.symlink
/// print(refusal.code, refusal.message(for: name).it)   // INB002 …è un collegamento simbolico…
/// ```
public enum InboxRefusal: Sendable, Equatable {
    /// INB001: a FIFO, a socket, a device, a folder.
    case notRegular(SafeFileError.Kind)
    /// INB002: a symbolic link, never followed.
    case symlink
    /// INB003: the system refuses to open it.
    case unreadable(String)
    /// INB004: a name that is not UTF-8, or holds control characters (a newline).
    case nameNotUTF8
    /// INB005: still being written (modified too recently, or open for writing): left for a later run.
    case stillBeingWritten(secondsAgo: Int?)
    /// INB006: a file where the `archive` folder should be.
    case reservedName

    public var code: String {
        switch self {
        case .notRegular: "INB001"
        case .symlink: "INB002"
        case .unreadable: "INB003"
        case .nameNotUTF8: "INB004"
        case .stillBeingWritten: "INB005"
        case .reservedName: "INB006"
        }
    }

    /// Whether the entry waits in the inbox for a later run instead of being set aside.
    public var waits: Bool {
        if case .stillBeingWritten = self { true } else { false }
    }

    /// The reason, naming the entry as shown (escaped), with what to do.
    public func message(for name: EntryName) -> LocalizedText {
        let shown = name.shown
        switch self {
        case .notRegular(let kind):
            return LocalizedText(
                it: "\(code) \(shown): non è un file ordinario ma \(kind.name.it); non si legge. Mettere nella cartella di arrivo solo file CSV o XML",
                en: "\(code) \(shown): not a regular file but a \(kind.name.en); it is not read. Put only CSV or XML files in the inbox")
        case .symlink:
            return LocalizedText(
                it: "\(code) \(shown): è un collegamento simbolico, che non si segue; copiare nella cartella di arrivo il file vero e proprio",
                en: "\(code) \(shown): a symbolic link, which is never followed; copy the file itself into the inbox")
        case .unreadable(let system):
            return LocalizedText(
                it: "\(code) \(shown): il file non si può leggere (\(system)); controllarne i permessi e rimetterlo nella cartella di arrivo",
                en: "\(code) \(shown): the file cannot be read (\(system)); check its permissions and put it in the inbox again")
        case .nameNotUTF8:
            return LocalizedText(
                it: "\(code) \(shown): il nome del file non è testo UTF-8 semplice (i byte non validi o di controllo sono scritti \\xNN); rinominarlo e rimetterlo nella cartella di arrivo",
                en: "\(code) \(shown): the file name is not plain UTF-8 text (invalid or control bytes are written \\xNN); rename it and put it in the inbox again")
        case .stillBeingWritten(let seconds):
            let age = seconds.map { LocalizedText(it: "modificato \($0) s fa", en: "modified \($0) s ago") }
                ?? LocalizedText(it: "aperto in scrittura da un altro programma", en: "open for writing by another program")
            return LocalizedText(
                it: "\(code) \(shown): in corso di scrittura (\(age.it)); sarà letto da un'esecuzione successiva",
                en: "\(code) \(shown): still being written (\(age.en)); a later run will read it")
        case .reservedName:
            return LocalizedText(
                it: "\(code) \(shown): questo nome è riservato alla cartella dei file archiviati; rinominare il file e rimetterlo nella cartella di arrivo",
                en: "\(code) \(shown): this name is reserved for the folder of archived files; rename the file and put it in the inbox again")
        }
    }
}

/// Why the inbox itself cannot be used: the run stops before reading anything.
///
/// ```swift
/// catch let error as InboxError { CLI.fail(error.message[language], code: ExitCodes.failure) }
/// ```
public enum InboxError: Error, Sendable {
    /// The inbox, or its `rejected/` folder, is not a folder the job can use.
    case folderUnusable(path: String, reason: String)

    public var message: LocalizedText {
        switch self {
        case .folderUnusable(let path, let reason):
            LocalizedText(
                it: "la cartella \(path) non si può usare (\(reason)): toglierla o rinominarla, poi rilanciare",
                en: "the folder \(path) cannot be used (\(reason)): remove or rename what is there, then run again")
        }
    }
}
