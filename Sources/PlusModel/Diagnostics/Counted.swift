extension Language {
    /// A count with its noun in the right number: `1 errore`, `2 errori`, `1 error`, `0 errors`.
    ///
    /// ```swift
    /// Language.it.counted(1, it: ("errore", "errori"), en: ("error", "errors"))   // "1 errore"
    /// Language.en.counted(3, it: ("errore", "errori"), en: ("error", "errors"))   // "3 errors"
    /// ```
    public func counted(_ count: Int, it: (one: String, many: String), en: (one: String, many: String)) -> String {
        let forms = self == .it ? it : en
        // Both languages use the singular for exactly one, the plural otherwise (zero included).
        return "\(count) " + (count == 1 ? forms.one : forms.many)
    }
}
