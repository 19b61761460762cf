/// A seeded random number generator for tests: the same seed gives the same values on every run
/// and machine, so that a failing seeded round can be run again.
///
/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to vary test data.
///
/// ```swift
/// var generator = SplitMix64(seed: 104)
/// let cents = Int64.random(in: 0...5, using: &generator) * 50_000
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
