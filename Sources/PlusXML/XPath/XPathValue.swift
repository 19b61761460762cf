/// What an XPath expression evaluated to: nodes, a string, a number or a boolean.
///
/// ```swift
/// let value = try document.evaluate("count(//plus:ambito)", namespaces: ["plus": uri])
/// value.text   // "25"
/// ```
public enum XPathValue {
    case nodes([XMLNodeRef])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The value as text: the first node's string value, or the string, number or boolean;
    /// `nil` when the expression selected no node (an empty string is a found, blank value).
    public var text: String? {
        switch self {
        case .nodes(let nodes): nodes.first?.stringValue
        case .string(let string): string
        case .number(let number):
            number.isFinite && number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// The first selected node, if the value is a node set.
    public var firstNode: XMLNodeRef? {
        if case .nodes(let nodes) = self { return nodes.first }
        return nil
    }
}
