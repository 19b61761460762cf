import PlusModel

/// Writes and reads the JSON of declarations and cost shares without `JSONEncoder`/`JSONDecoder`,
/// and reads a submission's details (``decodeStrings(_:)``).
///
/// A store holds these two kinds by the million (an Italy-year has 2.3 million), and Foundation's
/// coders spend about ten microseconds on each. The text is exactly what ``RecordCoding/encoder``
/// writes (keys sorted, `/` escaped), so either side may read the other's; anything out of the
/// plain shape (a provenance of its own, a date, a control character) returns `nil` and goes
/// through Foundation.
///
/// ```swift
/// PlanRecordJSON.encode(.costShare(share))   // {"costShare":{"_0":{"amount":260259,"ente":"asl:ASL1","service":"S001"}}}
/// ```
enum PlanRecordJSON {
    /// The JSON of a declaration or cost share in plain shape, else `nil`.
    static func encode(_ record: CanonicalRecord) -> String? {
        var text = ""
        switch record {
        case .declaration(let declaration):
            guard declaration.approvedOn == nil, declaration.provenance == nil else { return nil }
            text.reserveCapacity(96)
            text += #"{"declaration":{"_0":{"amount":"# + String(declaration.amount.cents)
            guard append(key: "ente", declaration.ente.description, to: &text) else { return nil }
            if let note = declaration.note, !append(key: "note", note, to: &text) { return nil }
            guard append(key: "service", declaration.service, to: &text) else { return nil }
            text += #","year":"# + String(declaration.year) + "}}}"
        case .costShare(let share):
            guard share.provenance == nil else { return nil }
            text.reserveCapacity(80)
            text += #"{"costShare":{"_0":{"amount":"# + String(share.amount.cents)
            if let basisPoints = share.basisPoints { text += #","basisPoints":"# + String(basisPoints) }
            guard append(key: "ente", share.ente.description, to: &text),
                  append(key: "service", share.service, to: &text)
            else { return nil }
            text += "}}}"
        default:
            return nil
        }
        return text
    }

    /// `,"key":"value"` with the value escaped as `JSONEncoder` does; `false` for a control
    /// character other than newline, carriage return and tab, whose spelling is left to Foundation.
    private static func append(key: String, _ value: String, to text: inout String) -> Bool {
        text += #","\#(key)":""#
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
            plain = false
            if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return false }
        }
        if plain {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += #"\""#
                case "\\": text += #"\\"#
                case "/": text += #"\/"#
                case "\n": text += #"\n"#
                case "\r": text += #"\r"#
                case "\t": text += #"\t"#
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
        return true
    }

    /// The declaration or cost share of a payload in plain shape, else `nil`.
    static func decode(_ payload: String) -> CanonicalRecord? {
        var payload = payload
        return payload.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            if scanner.skip(#"{"declaration":{"_0":{"#) { return scanner.declaration() }
            if scanner.skip(#"{"costShare":{"_0":{"#) { return scanner.costShare() }
            return nil
        }
    }

    /// A flat object of strings in the encoder's spelling (a submission's details), else `nil`: a
    /// second name for a key, or anything ``Scanner/string()`` leaves to Foundation, is left to it
    /// here too. Foundation read an Italy-year's 10,311 details twice in each consolidation, about
    /// 80,000 instructions each.
    static func decodeStrings(_ text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            var object: [String: String] = [:]
            guard scanner.skip("{") else { return nil }
            if !scanner.skip("}") {
                repeat {
                    guard let key = scanner.string(), scanner.skip(":"), let value = scanner.string(),
                          object.updateValue(value, forKey: key) == nil
                    else { return nil }
                } while scanner.skip(",")
                guard scanner.skip("}") else { return nil }
            }
            return scanner.index == bytes.count ? object : nil
        }
    }

    /// Reads the members of one flat object, then the closing braces of the wrapper.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func declaration() -> CanonicalRecord? {
            var amount: Int64?, ente: EnteRef?, note: String?, service: String?, year: Int64?
            let complete = members { key, scanner in
                switch key {
                case "amount": amount = scanner.integer(); return amount != nil
                case "ente": ente = scanner.string().flatMap { EnteRef(parsing: $0) }; return ente != nil
                case "note": note = scanner.string(); return note != nil
                case "service": service = scanner.string(); return service != nil
                case "year": year = scanner.integer(); return year != nil
                default: return false
                }
            }
            guard complete, let amount, let ente, let service, let year, let year = Int(exactly: year) else { return nil }
            return .declaration(Declaration(ente: ente, year: year, service: service, amount: Money(cents: amount), note: note))
        }

        mutating func costShare() -> CanonicalRecord? {
            var amount: Int64?, basisPoints: Int64?, ente: EnteRef?, service: String?
            let complete = members { key, scanner in
                switch key {
                case "amount": amount = scanner.integer(); return amount != nil
                case "basisPoints": basisPoints = scanner.integer(); return basisPoints != nil
                case "ente": ente = scanner.string().flatMap { EnteRef(parsing: $0) }; return ente != nil
                case "service": service = scanner.string(); return service != nil
                default: return false
                }
            }
            guard complete, let amount, let ente, let service else { return nil }
            return .costShare(CostShare(service: service, ente: ente, amount: Money(cents: amount), basisPoints: basisPoints))
        }

        /// `"key":value` pairs up to `}`, then `}}` and the end; `false` on anything else.
        mutating func members(_ value: (String, inout Scanner) -> Bool) -> Bool {
            repeat {
                guard let key = string(), skip(":"), value(key, &self) else { return false }
            } while skip(",")
            return skip("}}}") && index == bytes.count
        }

        mutating func skip(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func integer() -> Int64? {
            let negative = skip("-")
            var value: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int64(bytes[index] - 0x30))
                guard !overflow, !overflowSum else { return nil }
                value = sum
                index += 1
            }
            guard index > start else { return nil }
            return negative ? -value : value
        }

        /// A string with the escapes the encoder writes; `nil` for `\u`, which Foundation reads.
        mutating func string() -> String? {
            guard skip("\"") else { return nil }
            var unescaped: [UInt8] = []
            var start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    let text: String?
                    if unescaped.isEmpty {
                        text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    } else {
                        unescaped += bytes[start..<index]
                        text = String(validating: unescaped, as: UTF8.self)
                    }
                    index += 1
                    return text
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { return nil }
                    unescaped += bytes[start..<index]
                    switch bytes[index + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(bytes[index + 1])
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    default: return nil
                    }
                    index += 2
                    start = index
                case 0..<0x20:
                    return nil
                default:
                    index += 1
                }
            }
            return nil
        }
    }
}
