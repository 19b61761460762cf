/// JSON spelling of dataset rows, shared by the JSON and JSON Lines writers.
///
/// Members follow column order, so bytes never depend on a dictionary's order. Money and
/// percentages are JSON strings of exact decimals (`"-1234.56"`): no reader turns them
/// into binary floating point by accident. Integers are JSON numbers, dates ISO strings.
///
/// ```swift
/// JSONText.object(row, columns: servizi.columns)   // {"anno":2019,"ambito":"OR",...}
/// ```
enum JSONText {
    static func object(_ row: [ExportCell], columns: [ExportColumn]) -> String {
        var text = "{"
        for (index, column) in columns.enumerated() {
            if index > 0 { text += "," }
            text += string(column.name) + ":" + value(row[index])
        }
        return text + "}"
    }

    static func value(_ cell: ExportCell) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .text, .money, .basisPoints, .decimal, .date: string(cell.plainText!)
        }
    }

    /// A JSON string literal; control characters and the JavaScript line separators are escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}": out += "\\u" + hex(scalar.value)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
