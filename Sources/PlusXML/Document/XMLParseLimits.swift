/// How much of an untrusted XML file the parser accepts.
///
/// ```swift
/// let limits = XMLParseLimits(maxBytes: 1 << 20)   // 1 MiB
/// ```
public struct XMLParseLimits: Hashable, Sendable {
    /// The largest file read at all; larger files are refused before parsing (XML003).
    public var maxBytes: Int
    /// The most libxml2 messages turned into diagnostics for one file.
    public var maxDiagnostics: Int

    public init(maxBytes: Int = 16 << 20, maxDiagnostics: Int = 50) {
        self.maxBytes = maxBytes
        self.maxDiagnostics = maxDiagnostics
    }

    /// 16 MiB, 50 diagnostics: far above any deliberation, far below harm.
    public static let `default` = XMLParseLimits()
}
