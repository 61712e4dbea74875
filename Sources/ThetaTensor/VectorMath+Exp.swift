/// `exp` and `expm1`.
///
/// Reduction (Cody–Waite): `k = round(x / ln 2)`, `x = k·ln 2 + r` with `|r| ≤ ln 2 / 2`
/// (plus rounding). `r` is formed as `rHi = x − k·ln2Hi` (exact: `k·ln2Hi` is exact and close to
/// `x`, Sterbenz) minus `k·ln2Lo`; the rounding error of that last subtraction is kept as a
/// correction `c`, so `x = k·ln 2 + r + c` to about 2^-100 relative.
///
/// Polynomial: `e^r − 1 = r + r²·P(r)`, `P(r) = Σ_{n=2}^{13} r^{n−2} / n!` (Taylor; the first
/// omitted term `r^14/14!` is below 4.2e-18 for `|r| ≤ ln 2/2`, 0.04 ulp of the result),
/// evaluated by Estrin's scheme at the rounded `r = rHi − rLo`. Then
/// `e^{rHi − rLo} ≈ 1 + rHi + (r²·P(r) − rLo)`, where `1 + rHi` is split exactly into `hi + lo`
/// (Fast2Sum, since `|rHi| < 1`), so the only large rounding is the final one.
///
/// Scaling: `e^x = 2^k · e^{rHi − rLo}`; in the fast range `2^k` is built from the low bits of the
/// shifted `k` moved into the exponent field. Outside it the scalar form splits `2^k` into two
/// factors, so overflow gives `+inf` and gradual underflow rounds once into the subnormals.
extension VectorMath {
    // MARK: Scalar forms

    /// `e^x` for every Double: `+inf` above 709.78, 0 below -745.13, subnormal in between
    /// -745.13 and -708.4, `exp(-inf) = 0`, `exp(+inf) = +inf`, NaN propagates.
    @inlinable
    public static func exp(_ x: Double) -> Double {
        let (t, m) = expReduced(x)
        if x >= expLow && x <= expHigh {
            return m * Double(bitPattern: (t.bitPattern &<< 52) &+ oneBits)
        }
        if x.isNaN { return x }
        if x > expOverflow { return .infinity }
        if x < expUnderflow { return 0 }
        return scaleTwice(m, t)
    }

    /// `e^x − 1`, accurate near 0: `expm1(x) = 2^k·(e^{rHi − rLo} − 1) + (2^k − 1)`. Below -40 the
    /// result rounds to -1 (the argument is clamped there); above 709 it is `exp(x)` to well
    /// within an ulp. NaN propagates; `expm1(±0) = ±0`.
    @inlinable
    public static func expm1(_ x: Double) -> Double {
        if x > expHigh || x.isNaN { return exp(x) }
        if Swift.abs(x) < 0x1p-54 { return x }   // e^x − 1 rounds to x; keeps the sign of 0
        let y = x < -40 ? -40 : x
        let (t, r, tail) = expm1Reduced(y)
        let scale = Double(bitPattern: (t.bitPattern &<< 52) &+ oneBits)
        return expm1Combine(r, tail, scale)
    }

    /// `m · 2^k` for `k = t − shifter` in `[-1075, 1025]`, as two power-of-two factors so that
    /// neither is out of range; the second product rounds once (into the subnormals or to inf).
    @usableFromInline
    static func scaleTwice(_ m: Double, _ t: Double) -> Double {
        let k = Int(t - shifter)
        let k1 = k / 2
        let k2 = k - k1
        let f1 = Double(bitPattern: UInt64(truncatingIfNeeded: k1 + 1023) &<< 52)
        let f2 = Double(bitPattern: UInt64(truncatingIfNeeded: k2 + 1023) &<< 52)
        return (m * f1) * f2
    }

    /// The reduced exponential: `t = k + shifter` and `m = e^{rHi − rLo}` with `e^x = 2^k · m`.
    @usableFromInline @inline(__always)
    static func expReduced(_ x: Double) -> (t: Double, m: Double) {
        let t = x * log2e + shifter
        let kd = t - shifter
        let rHi = x - kd * ln2Hi
        let rLo = kd * ln2Lo
        let r = rHi - rLo
        let tail = r * r * expPolynomial(r) - rLo
        let hi = 1 + rHi
        let lo = (1 - hi) + rHi
        return (t, hi + (lo + tail))
    }

    /// The reduced `expm1`: `t = k + shifter` and `e^{rHi − rLo} − 1 = rHi + tail` (unrounded).
    @usableFromInline @inline(__always)
    static func expm1Reduced(_ x: Double) -> (t: Double, r: Double, tail: Double) {
        let t = x * log2e + shifter
        let kd = t - shifter
        let rHi = x - kd * ln2Hi
        let rLo = kd * ln2Lo
        let r = rHi - rLo
        return (t, rHi, r * r * expPolynomial(r) - rLo)
    }

    /// `(2^k − 1) + 2^k·rHi + 2^k·tail` with `scale = 2^k`, `-58 ≤ k ≤ 1023`: `2^k − 1` is
    /// exact for `|k| ≤ 53` (and within half an ulp of the result beyond), the products are
    /// exact, and the first sum is split exactly by Fast2Sum (`|2^k − 1| ≥ |2^k·rHi|`, or
    /// `k = 0`), so one large rounding remains.
    @usableFromInline @inline(__always)
    static func expm1Combine(_ r: Double, _ tail: Double, _ scale: Double) -> Double {
        let a = scale - 1, b = scale * r
        let hi = a + b
        let lo = (a - hi) + b
        return hi + (lo + scale * tail)
    }

    /// `P(r) = 1/2! + r/3! + … + r^11/13!` by Estrin's scheme (pairs, then pairs of pairs
    /// with `r²`, `r⁴`, `r⁸`): the dependency chain is five multiply-adds deep instead of
    /// eleven, which is what bounds the lane loop.
    @usableFromInline @inline(__always)
    static func expPolynomial(_ r: Double) -> Double {
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let p0 = 0.5 + 0x1.5555555555555p-3 * r                      // 1/2!, 1/3!
        let p1 = 0x1.5555555555555p-5 + 0x1.1111111111111p-7 * r      // 1/4!, 1/5!
        let p2 = 0x1.6c16c16c16c17p-10 + 0x1.a01a01a01a01ap-13 * r    // 1/6!, 1/7!
        let p3 = 0x1.a01a01a01a01ap-16 + 0x1.71de3a556c734p-19 * r    // 1/8!, 1/9!
        let p4 = 0x1.27e4fb7789f5cp-22 + 0x1.ae64567f544e4p-26 * r    // 1/10!, 1/11!
        let p5 = 0x1.1eed8eff8d898p-29 + 0x1.6124613a86d09p-33 * r    // 1/12!, 1/13!
        let q0 = p0 + p1 * r2, q1 = p2 + p3 * r2, q2 = p4 + p5 * r2
        return (q0 + q1 * r4) + q2 * r8
    }

    // MARK: Lane forms

    /// `e^x` on eight lanes. When a lane is outside `[-708, 709]` (or NaN) the whole vector
    /// goes through the scalar form, which gives the same bits on the fast lanes.
    @inlinable @inline(__always)
    public static func exp(_ x: Lanes) -> Lanes {
        // Fast range test: |x − 0.5| ≤ 708.5 on the bit patterns (NaN fails it).
        let a = unsafeBitCast(x - 0.5, to: Bits.self) & ~signBit
        if anyTopBit((708.5).bitPattern &- a) { return scalarLanes(x, exp) }
        let (t, m) = expReduced(x)
        let scale = unsafeBitCast((unsafeBitCast(t, to: Bits.self) &<< 52) &+ oneBits, to: Lanes.self)
        return m * scale
    }

    /// `e^x − 1` on eight lanes; a vector with a lane outside `[-40, 709]`, NaN or below
    /// `2^-54` in magnitude (where the result is `x`, sign of zero included) goes through the
    /// scalar form.
    @inlinable @inline(__always)
    public static func expm1(_ x: Lanes) -> Lanes {
        // Fast range test: 2^-54 ≤ |x| and |x − 334.5| ≤ 374.5 (that is -40 ≤ x ≤ 709),
        // on the bit patterns; NaN fails it.
        let a = unsafeBitCast(x, to: Bits.self) & ~signBit
        let b = unsafeBitCast(x - 334.5, to: Bits.self) & ~signBit
        if anyTopBit((a &- (0x1p-54).bitPattern) | ((374.5).bitPattern &- b)) { return scalarLanes(x, expm1) }
        return expm1Fast(x)
    }

    /// `e^x − 1` for lanes in `[-40, 709]`, no range check.
    @usableFromInline @inline(__always)
    static func expm1Fast(_ x: Lanes) -> Lanes {
        let (t, r, tail) = expm1Reduced(x)
        let scale = unsafeBitCast((unsafeBitCast(t, to: Bits.self) &<< 52) &+ oneBits, to: Lanes.self)
        let a = scale - 1, b = scale * r
        let hi = a + b
        let lo = (a - hi) + b
        return hi + (lo + scale * tail)
    }

    /// Lane form of `expReduced`, the same operations in the same order.
    @usableFromInline @inline(__always)
    static func expReduced(_ x: Lanes) -> (t: Lanes, m: Lanes) {
        let t = x * log2e + shifter
        let kd = t - shifter
        let rHi = x - kd * ln2Hi
        let rLo = kd * ln2Lo
        let r = rHi - rLo
        let tail = r * r * expPolynomial(r) - rLo
        let hi = 1 + rHi
        let lo = (1 - hi) + rHi
        return (t, hi + (lo + tail))
    }

    /// Lane form of `expm1Reduced`.
    @usableFromInline @inline(__always)
    static func expm1Reduced(_ x: Lanes) -> (t: Lanes, r: Lanes, tail: Lanes) {
        let t = x * log2e + shifter
        let kd = t - shifter
        let rHi = x - kd * ln2Hi
        let rLo = kd * ln2Lo
        let r = rHi - rLo
        return (t, rHi, r * r * expPolynomial(r) - rLo)
    }

    /// Lane form of `expPolynomial`.
    @usableFromInline @inline(__always)
    static func expPolynomial(_ r: Lanes) -> Lanes {
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let p0 = 0.5 + 0x1.5555555555555p-3 * r
        let p1 = 0x1.5555555555555p-5 + 0x1.1111111111111p-7 * r
        let p2 = 0x1.6c16c16c16c17p-10 + 0x1.a01a01a01a01ap-13 * r
        let p3 = 0x1.a01a01a01a01ap-16 + 0x1.71de3a556c734p-19 * r
        let p4 = 0x1.27e4fb7789f5cp-22 + 0x1.ae64567f544e4p-26 * r
        let p5 = 0x1.1eed8eff8d898p-29 + 0x1.6124613a86d09p-33 * r
        let q0 = p0 + p1 * r2, q1 = p2 + p3 * r2, q2 = p4 + p5 * r2
        return (q0 + q1 * r4) + q2 * r8
    }
}
