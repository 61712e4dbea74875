/// `exp` and `expm1`.
///
/// `exp` is table-driven (Tang's method). Reduction: `n = round(64x / ln 2)`,
/// `x = n·(ln 2)/64 + r` with `|r| ≤ (ln 2)/128 + ε ≈ 0.0054`; `r = (x − n·c1) − n·c2` with
/// `c1 + c2 = (ln 2)/64`, `c1` of 36 significant bits so that `n·c1` is exact for
/// `|n| < 2^17` (all of the fast range) and `x − n·c1` is exact (Sterbenz). With
/// `n = 64k + j`, `0 ≤ j < 64`: `e^x = 2^k · 2^{j/64} · e^r`, where `2^{j/64} = hi_j + lo_j`
/// comes from `expTable` (`VectorMath+ExpTable.swift`) and
/// `e^r − 1 ≈ p(r) = r + r²·(1/2 + r/6 + r²·(1/24 + r/120 + r²/720))` (Taylor; the first
/// omitted term `r^7/5040` is below 3e-20). Then `e^x = 2^k · (hi_j + (lo_j + hi_j·p(r)))`:
/// `hi_j·p(r)` is at most 0.8% of the result, so every rounding before the last costs a
/// hundredth of an ulp; the measured worst case is about 0.52 ulp. In the lane form the
/// table lookup is eight scalar loads per vector, which is still half the work of the
/// degree-13 polynomial `expm1` needs on the wider interval below.
///
/// `expm1` (and `tanh`, through `expm1Reduced`) reduces as follows (Cody–Waite): `k = round(x / ln 2)`, `x = k·ln 2 + r` with `|r| ≤ ln 2 / 2`
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
        let (t, m) = expTableReduced(x)
        if x >= expLow && x <= expHigh {
            return m * Double(bitPattern: ((t.bitPattern &>> 6) &<< 52) &+ oneBits)
        }
        if x.isNaN { return x }
        if x > expOverflow { return .infinity }
        if x < expUnderflow { return 0 }
        return scaleTwice(m, Int(t - shifter) >> 6)   // |n| < 2^17 here; k = floor(n / 64)
    }

    /// `64 / ln 2` (exactly 64 times `log2e`).
    @usableFromInline static let expTableScale = 0x1.71547652b82fep+6
    /// `(ln 2)/64 = expC1 + expC2`: `expC1` has 36 significant bits, `expC2` is the rounded rest.
    @usableFromInline static let expC1 = 0x1.62e42fefa0000p-7
    @usableFromInline static let expC2 = 0x1.cf79abc9e3b3ap-46

    /// The table-driven reduction: `t = n + shifter` (so the low bits of `t` hold `n`, whose
    /// low six bits are `j` and the rest `k`) and `m = 2^{j/64}·e^r` with `e^x = 2^k·m`.
    /// Any `x` gives an in-bounds table index (`j` is masked to six bits).
    @usableFromInline @inline(__always)
    static func expTableReduced(_ x: Double) -> (t: Double, m: Double) {
        let t = fma(x, expTableScale, shifter)
        let n = t - shifter
        let r = fma(n, -expC2, fma(n, -expC1, x))
        let j = Int(truncatingIfNeeded: t.bitPattern & 63)
        let hi = expTable[2 &* j], lo = expTable[2 &* j &+ 1]
        let r2 = r * r
        let a = fma(r2, fma(r2, 0x1.6c16c16c16c17p-10, fma(r, 0x1.1111111111111p-7, 0x1.5555555555555p-5)),
                    fma(r, 0x1.5555555555555p-3, 0.5))
        let p = fma(r2, a, r)
        return (t, hi + fma(hi, p, lo))
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

    /// `m · 2^k` for `k` in `[-1076, 1025]` (and `m` in `[0.99, 2)`), as two power-of-two
    /// factors so that neither is out of range; the second product rounds once (into the
    /// subnormals or to inf).
    @usableFromInline
    static func scaleTwice(_ m: Double, _ k: Int) -> Double {
        let k1 = k / 2
        let k2 = k - k1
        let f1 = Double(bitPattern: UInt64(truncatingIfNeeded: k1 + 1023) &<< 52)
        let f2 = Double(bitPattern: UInt64(truncatingIfNeeded: k2 + 1023) &<< 52)
        return (m * f1) * f2
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
    public static func exp(_ x: Lanes) -> Lanes { exp(x, table: expTable) }

    /// `e^x` on eight lanes with `expTable` passed in: a loop reads the table's address
    /// once, outside, instead of going through the lazy global's initialization check on
    /// every vector (a call, which also forces the loop's registers to be spilled).
    @usableFromInline @inline(__always)
    static func exp(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        // Fast range test: |x − 0.5| ≤ 708.5 on the bit patterns (NaN fails it).
        let a = unsafeBitCast(x - 0.5, to: Bits.self) & ~signBit
        if anyTopBit((708.5).bitPattern &- a) { return scalarLanes(x, exp) }
        let (t, m) = expTableReduced(x, table)
        let scale = unsafeBitCast(((unsafeBitCast(t, to: Bits.self) &>> 6) &<< 52) &+ oneBits, to: Lanes.self)
        return m * scale
    }

    /// Lane form of `expTableReduced`, the same operations in the same order; the table is
    /// read with one scalar load per lane and entry.
    @usableFromInline @inline(__always)
    static func expTableReduced(_ x: Lanes, _ table: UnsafePointer<Double>) -> (t: Lanes, m: Lanes) {
        let t = fma(x, Lanes(repeating: expTableScale), Lanes(repeating: shifter))
        let n = t - shifter
        let r = fma(n, Lanes(repeating: -expC2), fma(n, Lanes(repeating: -expC1), x))
        let j = unsafeBitCast(t, to: Bits.self) & 63
        var hi = Lanes(), lo = Lanes()
        for i in 0..<width {
            let k = 2 &* Int(truncatingIfNeeded: j[i])
            hi[i] = table[k]
            lo[i] = table[k &+ 1]
        }
        let r2 = r * r
        let a = fma(r2, fma(r2, Lanes(repeating: 0x1.6c16c16c16c17p-10),
                            fma(r, Lanes(repeating: 0x1.1111111111111p-7), Lanes(repeating: 0x1.5555555555555p-5))),
                    fma(r, Lanes(repeating: 0x1.5555555555555p-3), Lanes(repeating: 0.5)))
        let p = fma(r2, a, r)
        return (t, hi + fma(hi, p, lo))
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
