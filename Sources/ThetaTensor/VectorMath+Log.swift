/// Natural logarithm, table-driven.
///
/// Reduction: a positive normal `x = 2^k · z` with `z` in `[0.6875, 1.375)`, taken from the
/// bits: adding `bits(1) − bits(0.6875)` to the bits of `x` carries into the exponent field
/// exactly when the mantissa is at least `0.6875`'s, so the field then holds `k + 1023`, and
/// the low 52 bits plus `bits(0.6875)` are `z`. The top nine of those 52 bits select one of
/// 512 subintervals and its table entry `(invc, logc)` (`VectorMath+LogTable.swift`), with
/// `logc = −log(invc)` to within 0.1 ulp. Subnormal `x` is first multiplied by `2^54`.
///
/// Then `log x = k·ln 2 + logc + log1p(r)` with `r = z·invc − 1`, formed by one fused
/// multiply-add (exact next to 1, where `invc = 1`; elsewhere within half an ulp of
/// `|r| ≤ 2^-10`, a quarter-ulp of the result at most). `log1p(r) = r + r²·P(r)`, `P` the
/// Taylor series `−1/2 + r/3 − r²/4 + r³/5 − r⁴/6` (first omitted term `r⁷/7`, below 2^-56.8
/// relative to `r` for `|r| ≤ 2^-9`), by Estrin's scheme.
///
/// Summation without a large rounding before the last: `k·ln2Hi` is exact (`|k| ≤ 1128`);
/// `s = k·ln2Hi + logc` with its rounding error `e` recovered by Fast2Sum (`|k·ln2Hi| ≥ ln 2 >
/// |logc|` or `k = 0`); `hi = s + r` likewise with `lo` (`|s| ≥ |r|`: the subintervals next to 1
/// have `logc = 0`, the others `|logc| ≥ 1.5·` their half-width). The result is
/// `hi + ((e + k·ln2Lo) + (lo + r²P))`: the small terms are a few percent of it at most, so
/// their roundings cost a few hundredths of an ulp, and with `r`'s and `logc`'s the error stays
/// below 0.9 ulp.
///
/// `log(1) = +0` exactly, `log(±0) = -inf`, `log(x < 0) = NaN`, `log(+inf) = +inf`.
extension VectorMath {
    /// Bits of 0.6875, the lower end of the reduced range.
    @usableFromInline static let logOffsetBits: UInt64 = 0x3FE6_0000_0000_0000
    @usableFromInline static let mantissaMask: UInt64 = 0x000F_FFFF_FFFF_FFFF
    /// Bits of `2^52`: `Double(bitPattern: bits(2^52) | n) − 2^52 = n` for `0 ≤ n < 2^52`.
    @usableFromInline static let twoP52Bits: UInt64 = 0x4330_0000_0000_0000

    // MARK: Scalar form

    /// Natural logarithm of every Double (see the type's contract).
    @inlinable
    public static func log(_ x: Double) -> Double {
        if x >= Double.leastNormalMagnitude && x <= Double.greatestFiniteMagnitude {
            return logNormal(x, 1023)
        }
        if x.isNaN || x == .infinity { return x }
        if x < 0 { return .nan }
        if x == 0 { return -.infinity }
        return logNormal(x * 0x1p54, 1023 + 54)   // positive subnormal
    }

    /// `log x` for positive normal `x`, whose exponent is biased by `bias`.
    @usableFromInline @inline(__always)
    static func logNormal(_ x: Double, _ bias: Double) -> Double {
        let w = x.bitPattern &+ (oneBits &- logOffsetBits)
        let k = Double(bitPattern: (w &>> 52) | twoP52Bits) - (0x1p52 + bias)
        let z = Double(bitPattern: (w & mantissaMask) &+ logOffsetBits)
        let i = 2 &* Int(truncatingIfNeeded: (w &>> 43) & 511)
        let invc = logTable[i], logc = logTable[i &+ 1]
        let r = fma(z, invc, -1)
        let r2 = r * r
        let kh = k * ln2Hi
        let s = kh + logc
        let e = (kh - s) + logc
        let hi = s + r
        let lo = (s - hi) + r
        return hi + (fma(k, ln2Lo, e) + fma(r2, logPolynomial(r, r2), lo))
    }

    /// `P(r) = −1/2 + r/3 − r²/4 + r³/5 − r⁴/6` by Estrin's scheme.
    @usableFromInline @inline(__always)
    static func logPolynomial(_ r: Double, _ r2: Double) -> Double {
        let p0 = fma(r, 0x1.5555555555555p-2, -0.5)    // −1/2, 1/3
        let p1 = fma(r, 0x1.999999999999ap-3, -0.25)   // −1/4, 1/5
        return fma(r2, fma(r2, -0x1.5555555555555p-3, p1), p0)   // −1/6
    }

    // MARK: Lane form

    /// `log x` on eight lanes; a vector with a lane that is not a positive normal number goes
    /// through the scalar form.
    @inlinable @inline(__always)
    public static func log(_ x: Lanes) -> Lanes { log(x, table: logTable) }

    /// `log x` on eight lanes with the table passed in (see `exp(_:table:)`).
    @usableFromInline @inline(__always)
    static func log(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        // Fast range test on the bits: v = bits(x) − bits(DBL_MIN) must lie in
        // [0, bits(DBL_MAX) − bits(DBL_MIN)]; negatives, zeros, subnormals, inf and NaN fail.
        let v = unsafeBitCast(x, to: Bits.self) &- Double.leastNormalMagnitude.bitPattern
        let limit = Double.greatestFiniteMagnitude.bitPattern &- Double.leastNormalMagnitude.bitPattern
        if anyTopBit(v | (limit &- v)) { return scalarLanes(x, log) }
        return logNormal(x, table: table)
    }

    /// Lane form of `logNormal` (exponent bias 1023), the same operations in the same order;
    /// each lane reads its table pair with one 16-byte load.
    @usableFromInline @inline(__always)
    static func logNormal(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        let w = unsafeBitCast(x, to: Bits.self) &+ (oneBits &- logOffsetBits)
        let k = unsafeBitCast((w &>> 52) | twoP52Bits, to: Lanes.self) - (0x1p52 + 1023)
        let z = unsafeBitCast((w & mantissaMask) &+ logOffsetBits, to: Lanes.self)
        let index = (w &>> 43) & 511
        var invc = Lanes(), logc = Lanes()
        for l in 0..<width {
            let i = 2 &* Int(truncatingIfNeeded: index[l])
            invc[l] = table[i]
            logc[l] = table[i &+ 1]
        }
        let r = fma(z, invc, Lanes(repeating: -1))
        let r2 = r * r
        let kh = k * ln2Hi
        let s = kh + logc
        let e = (kh - s) + logc
        let hi = s + r
        let lo = (s - hi) + r
        return hi + (fma(k, Lanes(repeating: ln2Lo), e) + fma(r2, logPolynomial(r, r2), lo))
    }

    /// Lane form of `logPolynomial`.
    @usableFromInline @inline(__always)
    static func logPolynomial(_ r: Lanes, _ r2: Lanes) -> Lanes {
        let p0 = fma(r, Lanes(repeating: 0x1.5555555555555p-2), Lanes(repeating: -0.5))
        let p1 = fma(r, Lanes(repeating: 0x1.999999999999ap-3), Lanes(repeating: -0.25))
        return fma(r2, fma(r2, Lanes(repeating: -0x1.5555555555555p-3), p1), p0)
    }
}
