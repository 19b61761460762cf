/// Why a schema could not be compiled or found: its name and libxml2's words.
///
/// ```swift
/// do { _ = try XMLSchema.bundled(named: "missing.xsd") } catch { print(error.message) }
/// ```
public struct XMLSchemaError: Error, Hashable, Sendable {
    public var name: String
    public var message: String
}
