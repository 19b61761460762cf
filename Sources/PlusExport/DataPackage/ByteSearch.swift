import Foundation

/// Where a run of bytes occurs in other bytes, with `memchr` to each candidate first byte and
/// `memcmp` for the rest: the generic search of a collection cost more than the work around it,
/// and `memmem` is not in Glibc's module.
///
/// ```swift
/// ByteSearch.offsets(of: Array("ab".utf8), in: Array("xabab".utf8))  // [1, 3]
/// ```
public enum ByteSearch {
    /// Every offset where `needle` starts in `haystack`; only the first one when `firstOnly`.
    public static func offsets(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, firstOnly: Bool = false) -> [Int] {
        guard let first = needle.first, let base = haystack.baseAddress else { return [] }
        return needle.withUnsafeBytes { pattern in
            var found: [Int] = []
            var offset = 0
            while offset + pattern.count <= haystack.count,
                  let hit = memchr(base + offset, Int32(first), haystack.count - offset - pattern.count + 1) {
                let position = UnsafeRawPointer(hit) - base
                if memcmp(hit, pattern.baseAddress!, pattern.count) == 0 {
                    found.append(position)
                    if firstOnly { break }
                }
                offset = position + 1
            }
            return found
        }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: [UInt8], in haystack: Data) -> Bool {
        haystack.withUnsafeBytes { !offsets(of: needle, in: $0, firstOnly: true).isEmpty }
    }
}
