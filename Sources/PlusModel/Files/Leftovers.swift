import Foundation

/// The temporary files and staging folders a killed process leaves behind, found by name and
/// removed by the next run.
///
/// Every temporary `plus` writes is named so that it can be recognised later: atomic writes
/// use ``temporaryPrefix``, exports stage into `.DEST.plus-export-UUID` beside their
/// destination. Older releases also left Foundation's `.dat.nosync…` files. Only entries
/// older than the caller's start are removed, so that a write in progress is never touched.
///
/// ```swift
/// Leftovers.remove(in: outputFolder, olderThan: startedAt)
/// ```
public enum Leftovers {
    /// How the name of every temporary file of an atomic write begins.
    public static let temporaryPrefix = ".plus-tmp-"
    /// What the name of an export's staging folder contains.
    public static let stagingMarker = ".plus-export-"

    /// A fresh name for a temporary file.
    public static func temporaryName() -> String {
        temporaryPrefix + UUID().uuidString
    }

    /// Whether `name` is one of the temporaries described above.
    public static func isLeftover(_ name: String) -> Bool {
        name.hasPrefix(temporaryPrefix) || name.hasPrefix(".dat.nosync")
            || (name.hasPrefix(".") && name.contains(stagingMarker))
    }

    /// Removes the leftovers directly inside `folder` last modified before `date`; returns their names.
    ///
    /// Best effort: a folder that cannot be listed, or an entry that cannot be removed, is left
    /// for a later run.
    @discardableResult
    public static func remove(in folder: URL, olderThan date: Date) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where isLeftover(name) {
            let entry = folder.appendingPathComponent(name, isDirectory: false)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: entry.path),
                  let modified = attributes[.modificationDate] as? Date, modified < date
            else { continue }
            if (try? FileManager.default.removeItem(at: entry)) != nil { removed.append(name) }
        }
        return removed
    }
}
