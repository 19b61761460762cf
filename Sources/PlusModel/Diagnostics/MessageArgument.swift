/// A value a message names, kept typed so that each language writes it its own way.
///
/// An amount is `1.234,56` in Italian and `1,234.56` in English: turning it into text when the
/// diagnostic is made would fix one convention for both. ``Problem/at(_:found:expected:details:localizedDetails:arguments:severity:)``
/// fills each language's template with the argument written for that language.
///
/// ```swift
/// MessageArgument.money(Money(cents: 123456)).text(.en)   // "1,234.56"
/// MessageArgument.money(Money(cents: 123456)).text(.it)   // "1.234,56"
/// MessageArgument.percent(basisPoints: 9990).text(.it)    // "99,90"
/// ```
public enum MessageArgument: Hashable, Sendable, Codable {
    /// An amount of money, written with the language's separators.
    case money(Money)
    /// A whole number: rows, people, years; plain digits in both languages.
    case count(Int)
    /// A percentage in hundredths of a percent (9990 is 99,90 %), written as a two-decimal number.
    case percent(basisPoints: Int64)
    /// A text that is the same in every language: a code, a file name, a value as read.
    case text(String)
    /// A text with its own wording in each language.
    case localized(LocalizedText)

    /// The argument as written in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .money(let money): money.formatted(.text(for: language))
        case .count(let count): String(count)
        case .percent(let basisPoints): Money(cents: basisPoints).formatted(.text(for: language))
        case .text(let text): text
        case .localized(let text): text[language]
        }
    }

    /// The argument for machines (a diagnostic's `found` and `expected`, JSON): dot decimals, no grouping.
    public var plain: String {
        switch self {
        case .money(let money): money.formatted(.plain)
        case .percent(let basisPoints): Money(cents: basisPoints).formatted(.plain)
        default: text(.it)
        }
    }

    /// A percentage with its sign as each language writes it (`37,50 %`, `37.50%`): for a message
    /// whose template has no `%` of its own.
    public static func percentWithSign(basisPoints: Int64) -> MessageArgument {
        let value = MessageArgument.percent(basisPoints: basisPoints)
        return .localized(.init(it: value.text(.it) + " %", en: value.text(.en) + "%"))
    }

    /// The exact number behind the argument, for machines: cents, a count or basis points.
    public var number: Int64? {
        switch self {
        case .money(let money): money.cents
        case .count(let count): Int64(count)
        case .percent(let basisPoints): basisPoints
        case .text, .localized: nil
        }
    }
}
