import Foundation

/// The names in one folder that some process holds open for writing, where the system tells.
///
/// On Linux every process's open files are symlinks in `/proc/PID/fd/` and their open flags are
/// in `/proc/PID/fdinfo/`: a file an uploader is still writing shows there with `O_WRONLY` or
/// `O_RDWR`. Only the processes this user may inspect are seen; elsewhere (no `/proc`) the set is
/// empty and the settling interval alone decides.
///
/// ```swift
/// let busy = OpenForWriting.names(in: "/srv/plus/inbox")   // ["scheda.csv"]
/// ```
enum OpenForWriting {
    static func names(in folder: String) -> Set<String> {
        guard let processes = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let prefix = ((folder as NSString).resolvingSymlinksInPath as NSString).standardizingPath + "/"
        var names: Set<String> = []
        for pid in processes where pid.allSatisfy(\.isNumber) {
            let fdFolder = "/proc/\(pid)/fd"
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: fdFolder) else { continue }
            for descriptor in descriptors {
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdFolder)/\(descriptor)"),
                      target.hasPrefix(prefix)
                else { continue }
                let name = String(target.dropFirst(prefix.count))
                guard !name.contains("/"), isOpenForWriting(pid: pid, descriptor: descriptor) else { continue }
                names.insert(name)
            }
        }
        return names
    }

    /// Whether `/proc/PID/fdinfo/FD` says the descriptor writes (`flags:` in octal).
    private static func isOpenForWriting(pid: String, descriptor: String) -> Bool {
        guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(descriptor)", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
              let flags = Int(line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return true }  // Open on a file of the inbox and flags unknown: assume a writer.
        let access = flags & 0o3
        return access == 0o1 || access == 0o2
    }
}
