import GRDB
import PlusModel

/// An ente as the narrow plan tables keep it (`declarations`, `cost_shares`): a Comune's six-digit
/// ISTAT code as an integer, any other ente (or a code of another form, which an integer could
/// not give back) as its text. One value for each ente, so that rows grouped by it are grouped by
/// ente; a Comune's code takes a few bytes where `comune:095038` took fourteen.
///
/// ```swift
/// StoredEnte(Fixtures.cabras)               // .code(95018)
/// StoredEnte(text: "asl:ASL5")              // .text("asl:ASL5")
/// StoredEnte.text(of: "d")                  // SQL giving `comune:095018` back from row `d`
/// ```
enum StoredEnte: Hashable {
    case code(Int64)
    case text(String)

    init(_ ente: EnteRef) {
        self = Self.comuneCode(of: ente).map(Self.code) ?? .text(ente.description)
    }

    /// The ente written as `records` keeps it (`comune:095038`).
    init(text: String) {
        self = Self.comuneCode(text).map(Self.code) ?? .text(text)
    }

    /// The Comune of a code kept as an integer, its six digits written back with their leading
    /// zeros; `nil` for a value no six digits give (which ``init(_:)`` never stores).
    ///
    /// Read so, a narrow table's row gives its ente without SQL writing `comune:095038` out
    /// (a `printf` a row) and Swift reading it back: an Italy-year's 2.5 million rows a run.
    static func comune(code: Int64) -> EnteRef? {
        guard (0...999_999).contains(code) else { return nil }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48, 48, 48)
        var rest = code
        withUnsafeMutableBytes(of: &digits) { bytes in
            for position in stride(from: 5, through: 0, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        return EnteRef(comune: withUnsafeBytes(of: digits) { String(decoding: $0, as: UTF8.self) })
    }

    /// The ente of a narrow table's row `table` as `records` keeps it (`comune:095038`), in SQL.
    static func text(of table: String) -> String {
        "CASE typeof(\(table).ente) WHEN 'integer' THEN 'comune:' || printf('%06d', \(table).ente) ELSE \(table).ente END"
    }

    /// The column's value for an ente written as `records` keeps it, NULL for none.
    static func value(text: String?) -> DatabaseValue {
        guard let text else { return .null }
        return comuneCode(text).map(\.databaseValue) ?? text.databaseValue
    }

    /// Binds the ente as the next parameter of `binder`.
    func bind(to binder: inout StatementBinder) {
        switch self {
        case .code(let code): binder.bind(code)
        case .text(let text): binder.bind(text)
        }
    }

    /// The code of `comune:095038` as an integer, `nil` for any other text.
    private static func comuneCode(_ text: String) -> Int64? {
        let prefix = "comune:"
        guard text.hasPrefix(prefix) else { return nil }
        return sixDigits(Substring(text).utf8.dropFirst(prefix.utf8.count))
    }

    /// The code of a Comune written as six digits as an integer, `nil` for any other ente: the
    /// same as ``comuneCode(_:)`` of its written form, without writing it.
    private static func comuneCode(of ente: EnteRef) -> Int64? {
        ente.kind == .comune ? sixDigits(Substring(ente.code).utf8) : nil
    }

    private static func sixDigits(_ code: Substring.UTF8View) -> Int64? {
        // Read from the string's own bytes: counting and iterating the view took 1.4 % of a
        // streamed sheet's samples, on the thread every row passes through.
        code.withContiguousStorageIfAvailable(sixDigits(in:)) ?? Array(code).withUnsafeBufferPointer(sixDigits(in:))
    }

    private static func sixDigits(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 6 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
