import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a file for reading only if it is a regular file, without following a symlink and
/// without ever blocking.
///
/// A FIFO or a device (a link to `/dev/zero`) would make a reader wait or read for ever; a
/// symlink could lead out of the inbox to a file the sender may not read. Every importer opens
/// its input here: `O_NOFOLLOW` refuses a symlink in the last component, `O_NONBLOCK` makes
/// opening a FIFO return at once, and `fstat` on the open descriptor (not on the name, which
/// could be swapped in between) checks that what was opened is a regular file.
///
/// ```swift
/// let descriptor = try SafeFile.open(url)    // throws SafeFileError for a FIFO, a symlink…
/// defer { close(descriptor) }
/// ```
public enum SafeFile {
    /// A descriptor open for reading on the regular file at `url`, in blocking mode.
    public static func open(_ url: URL) throws(SafeFileError) -> Int32 {
        let path = url.path
        let descriptor = openDescriptor(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                throw SafeFileError(.symlink, path: path)
            }
            if code == ENXIO || code == ENODEV || code == EOPNOTSUPP { throw SafeFileError(.notRegular(Self.kind(of: status.st_mode)), path: path) }
            throw SafeFileError(code == ENOENT ? .missing : .unreadable(String(cString: strerror(code))), path: path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw SafeFileError(.unreadable(message), path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw SafeFileError(.notRegular(Self.kind(of: status.st_mode)), path: path)
        }
        // A regular file never blocks; reads go back to the ordinary mode.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
    }

    /// A `FILE` stream on the regular file at `url` (for `fread`), closed with `fclose`.
    public static func stream(_ url: URL) throws(SafeFileError) -> UnsafeMutablePointer<FILE> {
        let descriptor = try open(url)
        guard let file = fdopen(descriptor, "rb") else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw SafeFileError(.unreadable(message), path: url.path)
        }
        return file
    }

    /// A handle on the regular file at `url`, closing its descriptor when released.
    public static func handle(_ url: URL) throws(SafeFileError) -> FileHandle {
        FileHandle(fileDescriptor: try open(url), closeOnDealloc: true)
    }

    /// What an `st_mode` is, in words, for a message.
    public static func kind(of mode: mode_t) -> SafeFileError.Kind {
        switch mode & S_IFMT {
        case S_IFREG: .regularFile
        case S_IFDIR: .directory
        case S_IFIFO: .fifo
        case S_IFSOCK: .socket
        case S_IFCHR, S_IFBLK: .device
        case S_IFLNK: .symlink
        default: .other
        }
    }
}

// The C call, out of the enum whose `open(_:)` would shadow it.
private func openDescriptor(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }

/// Why ``SafeFile`` refused to open a file: never anything of its content.
///
/// ```swift
/// catch let error as SafeFileError { print(error.message.it) }   // "pipe.csv: non è un file ordinario…"
/// ```
public struct SafeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A FIFO, a socket, a device, a directory: what reading would hang on or make no sense of.
        case notRegular(Kind)
        /// A symbolic link: it is never followed.
        case symlink
        /// The system refused to open or read it (permissions, I/O error), with the system's words.
        case unreadable(String)
        /// Nothing at that path.
        case missing
    }

    /// The kinds of entry a folder can hold.
    public enum Kind: String, Sendable, Equatable {
        case regularFile, directory, fifo, socket, device, symlink, other

        public var name: LocalizedText {
            switch self {
            case .regularFile: LocalizedText(it: "file", en: "file")
            case .directory: LocalizedText(it: "cartella", en: "folder")
            case .fifo: LocalizedText(it: "pipe con nome (FIFO)", en: "named pipe (FIFO)")
            case .socket: LocalizedText(it: "socket", en: "socket")
            case .device: LocalizedText(it: "dispositivo", en: "device")
            case .symlink: LocalizedText(it: "collegamento simbolico", en: "symbolic link")
            case .other: LocalizedText(it: "voce di tipo sconosciuto", en: "entry of an unknown kind")
            }
        }
    }

    public var reason: Reason
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// What went wrong and what to do, naming the file only.
    public var message: LocalizedText {
        let name = (path as NSString).lastPathComponent
        switch reason {
        case .notRegular(let kind):
            return LocalizedText(
                it: "\(name): non è un file ordinario ma \(kind.name.it); si leggono solo file ordinari",
                en: "\(name): not a regular file but a \(kind.name.en); only regular files are read")
        case .symlink:
            return LocalizedText(
                it: "\(name): è un collegamento simbolico, che non si segue; copiare il file vero e proprio",
                en: "\(name): a symbolic link, which is never followed; copy the file itself")
        case .unreadable(let system):
            return LocalizedText(
                it: "\(name): il file non si può leggere (\(system)); controllarne i permessi",
                en: "\(name): the file cannot be read (\(system)); check its permissions")
        case .missing:
            return LocalizedText(it: "\(name): file non trovato", en: "\(name): file not found")
        }
    }

    public var description: String { message.en }
}
