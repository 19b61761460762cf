/// Why an XPath expression could not be evaluated: libxml2's own words.
///
/// ```swift
/// do { _ = try document.evaluate("//[", namespaces: [:]) } catch { print(error.message) }
/// ```
public struct XPathError: Error, Hashable, Sendable {
    public var expression: String
    public var message: String
}
