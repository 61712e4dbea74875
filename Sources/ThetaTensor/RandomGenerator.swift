/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014):
/// a Weyl sequence `s += 0x9E3779B97F4A7C15` passed through a 64-bit finalizer. Used only to
/// expand a 64-bit seed into the generator's 256 bits of state and increment, so that nearby
/// seeds (0, 1, 2, ...) give unrelated streams.
public struct SplitMix64: Sendable, Equatable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The one seeded random generator of Theta: PCG64-DXSM (O'Neill's permuted congruential
/// generator, the 128-bit-state variant with the "double xorshift multiply" output function
/// that NumPy ships as `PCG64DXSM`).
///
/// A value type passed `inout` explicitly; there is no global generator anywhere in the engine.
/// Every output depends only on the seed and the sequence of calls, through integer arithmetic
/// and IEEE-754 basic operations (the samplers use `RandomMath`, not the platform libm), so
/// the same seed gives the same bytes on every run and machine.
///
/// - State step (LCG with the 64-bit "cheap multiplier" `M = 0xda942042e4dd58b5`):
///   `state ← state · M + inc (mod 2¹²⁸)`, `inc` odd.
/// - Output, from the state before the step: `hi ← hi ⊕ (hi ≫ 32); hi ← hi · M;
///   hi ← hi ⊕ (hi ≫ 48); hi ← hi · (lo | 1)` (all mod 2⁶⁴), where `hi`, `lo` are the
///   state's halves.
/// - Seeding: four SplitMix64 outputs `w₀…w₃` from the seed; `inc = (w₂:w₃) | 1`; then the
///   PCG "setseq" recipe `state = 0; step; state += (w₀:w₁); step`.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var stateHi: UInt64
    @usableFromInline var stateLo: UInt64
    @usableFromInline var incHi: UInt64
    @usableFromInline var incLo: UInt64
    /// The second normal of the last polar-method pair, returned by the next `normal()`.
    @usableFromInline var spareNormal: Double?

    /// `M`, the 64-bit multiplier of the LCG step and of the DXSM output function.
    @usableFromInline static let multiplier: UInt64 = 0xDA94_2042_E4DD_58B5

    /// The language's default seed.
    public static let defaultSeed: UInt64 = 0

    /// A generator seeded from a 64-bit seed (see the type's documentation for the recipe).
    public init(seed: UInt64 = RandomGenerator.defaultSeed) {
        var mix = SplitMix64(seed: seed)
        let w0 = mix.next(), w1 = mix.next(), w2 = mix.next(), w3 = mix.next()
        incHi = w2
        incLo = w3 | 1
        stateHi = 0
        stateLo = 0
        spareNormal = nil
        step()
        let (lo, carry) = stateLo.addingReportingOverflow(w1)
        stateLo = lo
        stateHi = stateHi &+ w0 &+ (carry ? 1 : 0)
        step()
    }

    /// A generator seeded from a signed seed (the language's `seed(n)`; negative seeds are
    /// taken modulo 2⁶⁴).
    public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

    /// One LCG step: `state ← state · M + inc (mod 2¹²⁸)`.
    @inlinable
    mutating func step() {
        // (hi·2⁶⁴ + lo)·M = hi·M·2⁶⁴ + lo·M; only the low 64 bits of hi·M survive.
        let (prodHi, prodLo) = stateLo.multipliedFullWidth(by: RandomGenerator.multiplier)
        let hi = stateHi &* RandomGenerator.multiplier &+ prodHi
        let (lo, carry) = prodLo.addingReportingOverflow(incLo)
        stateLo = lo
        stateHi = hi &+ incHi &+ (carry ? 1 : 0)
    }

    /// The next 64 uniformly distributed bits.
    @inlinable
    public mutating func next() -> UInt64 {
        var hi = stateHi
        let lo = stateLo | 1
        hi ^= hi >> 32
        hi = hi &* RandomGenerator.multiplier
        hi ^= hi >> 48
        hi = hi &* lo
        step()
        return hi
    }

    /// A uniform double in `[0, 1)`: the top 53 bits of `next()` times 2⁻⁵³ (every value is a
    /// multiple of 2⁻⁵³, each with probability 2⁻⁵³).
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in the open interval `(0, 1)`: `(k + ½)·2⁻⁵³` for a uniform 53-bit
    /// `k`, safe to pass to `log`.
    @inlinable
    public mutating func uniformOpen() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `[0, n)` for `n > 0`, without modulo bias (Lemire, "Fast random
    /// integer generation in an interval", 2019): take the high word of `next()·n`, rejecting
    /// when the low word falls below `2⁶⁴ mod n`. `n = 0` returns 0.
    @inlinable
    public mutating func below(_ n: UInt64) -> UInt64 {
        if n == 0 { return 0 }
        var (high, low) = next().multipliedFullWidth(by: n)
        if low < n {
            let threshold = (0 &- n) % n
            while low < threshold {
                (high, low) = next().multipliedFullWidth(by: n)
            }
        }
        return high
    }

    /// A uniform integer in `[low, high)`.
    /// - Throws: when `high ≤ low`.
    public mutating func int(low: Int, high: Int) throws(TensorError) -> Int {
        guard high > low else {
            throw TensorError("randint: high (\(high)) must be greater than low (\(low))")
        }
        let span = UInt64(bitPattern: Int64(high) &- Int64(low))
        return low &+ Int(truncatingIfNeeded: below(span))
    }

    /// An independent generator for a sub-task, seeded from this one's next output (this
    /// generator advances by one step).
    public mutating func fork() -> RandomGenerator {
        RandomGenerator(seed: next())
    }
}
