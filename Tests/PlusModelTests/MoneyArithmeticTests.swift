import Testing
@testable import PlusModel

extension MoneyArithmeticTests {
    /// At the edges of 64 bits the checked sum and difference are `nil` exactly where the
    /// integers overflow, and equal to `+` and `-` everywhere else; a sequence's checked sum is
    /// `nil` as soon as a partial sum does not fit, even when the whole would.
    @Test func sumsAndDifferencesAreNilExactlyWhereTheyDoNotFit() {
        let edges: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 1, .max, 5_000_000_000_000_000_000, -5_000_000_000_000_000_000]
        for a in edges {
            for b in edges {
                let (sum, sumOverflows) = a.addingReportingOverflow(b)
                let (difference, differenceOverflows) = a.subtractingReportingOverflow(b)
                #expect(Money(cents: a).adding(Money(cents: b)) == (sumOverflows ? nil : Money(cents: sum)), "\(a) + \(b)")
                #expect(Money(cents: a).subtracting(Money(cents: b)) == (differenceOverflows ? nil : Money(cents: difference)), "\(a) - \(b)")
            }
        }
        let half = Money(cents: 5_000_000_000_000_000_000)
        #expect([half, half].checkedSum() == nil)
        #expect([half, -half, half].checkedSum() == half)
        #expect([half, half, -half].checkedSum() == nil)  // the partial sum did not fit
        #expect([Money]().checkedSum() == .zero)
        let amounts = (1...1_000).map { Money(cents: Int64($0) * 1_234_567) }
        #expect(amounts.checkedSum() == amounts.sum())
    }
}
