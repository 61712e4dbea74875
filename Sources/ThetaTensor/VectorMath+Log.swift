/// Natural logarithm.
///
/// Reduction: a positive normal `x = 2^e · m` with `m` in `[√½, √2)`, taken from the bits:
/// adding `bits(1) − bits(√½)` to the bits of `x` carries into the exponent field exactly
/// when the mantissa is at least `√2`'s, so the field then holds `e + 1023` and the low 52
/// bits plus `bits(√½)` are `m`. Subnormal `x` is first multiplied by `2^54`.
///
/// Polynomial: with `f = m − 1` (exact, Sterbenz) and `s = f / (2 + f)`, `|s| ≤ 0.1716`,
/// `log m = 2·atanh(s) = 2s + s·R`, `R = Σ_{n≥1} 2·s^{2n} / (2n+1)`, truncated after
/// `n = 9` (the first omitted term, `2·s^21/21`, is below 8e-18). Since `2s = f − s·f`,
/// `log m = f − (f²/2 − s·(f²/2 + R))`: the leading `f` is exact and every rounding before
/// the last falls on a correction at most 4% of the result.
///
/// Result: `log x = e·ln2Hi + (log m + e·ln2Lo)`, where `e·ln2Hi` is exact (`|e| ≤ 1128`).
/// `log(1) = +0` exactly, `log(±0) = -inf`, `log(x < 0) = NaN`, `log(+inf) = +inf`.
extension VectorMath {
    /// Bits of `√½` rounded.
    @usableFromInline static let sqrtHalfBits: UInt64 = 0x3FE6_A09E_667F_3BCD
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
        let w = x.bitPattern &+ (oneBits &- sqrtHalfBits)
        let e = Double(bitPattern: (w &>> 52) | twoP52Bits) - (0x1p52 + bias)
        let m = Double(bitPattern: (w & mantissaMask) &+ sqrtHalfBits)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        let r = z * logPolynomial(z)
        let hfsq = 0.5 * f * f
        return e * ln2Hi + (f - (hfsq - (s * (hfsq + r) + e * ln2Lo)))
    }

    /// `2/3 + 2z/5 + … + 2z^8/19` by Horner.
    @usableFromInline @inline(__always)
    static func logPolynomial(_ z: Double) -> Double {
        var p = 0x1.af286bca1af28p-4            // 2/19
        p = p * z + 0x1.e1e1e1e1e1e1ep-4         // 2/17
        p = p * z + 0x1.1111111111111p-3         // 2/15
        p = p * z + 0x1.3b13b13b13b14p-3         // 2/13
        p = p * z + 0x1.745d1745d1746p-3         // 2/11
        p = p * z + 0x1.c71c71c71c71cp-3         // 2/9
        p = p * z + 0x1.2492492492492p-2         // 2/7
        p = p * z + 0x1.999999999999ap-2         // 2/5
        p = p * z + 0x1.5555555555555p-1         // 2/3
        return p
    }

    // MARK: Lane form

    /// `log x` on eight lanes; a vector with a lane that is not a positive normal number goes
    /// through the scalar form.
    @inlinable @inline(__always)
    public static func log(_ x: Lanes) -> Lanes {
        // Fast range test on the bits: v = bits(x) − bits(DBL_MIN) must lie in
        // [0, bits(DBL_MAX) − bits(DBL_MIN)]; negatives, zeros, subnormals, inf and NaN fail.
        let v = unsafeBitCast(x, to: Bits.self) &- Double.leastNormalMagnitude.bitPattern
        let limit = Double.greatestFiniteMagnitude.bitPattern &- Double.leastNormalMagnitude.bitPattern
        if anyTopBit(v | (limit &- v)) { return scalarLanes(x, log) }
        let w = unsafeBitCast(x, to: Bits.self) &+ (oneBits &- sqrtHalfBits)
        let e = unsafeBitCast((w &>> 52) | twoP52Bits, to: Lanes.self) - (0x1p52 + 1023)
        let m = unsafeBitCast((w & mantissaMask) &+ sqrtHalfBits, to: Lanes.self)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        let r = z * logPolynomial(z)
        let hfsq = 0.5 * f * f
        return e * ln2Hi + (f - (hfsq - (s * (hfsq + r) + e * ln2Lo)))
    }

    /// Lane form of `logPolynomial`.
    @usableFromInline @inline(__always)
    static func logPolynomial(_ z: Lanes) -> Lanes {
        var p = Lanes(repeating: 0x1.af286bca1af28p-4)
        p = p * z + 0x1.e1e1e1e1e1e1ep-4
        p = p * z + 0x1.1111111111111p-3
        p = p * z + 0x1.3b13b13b13b14p-3
        p = p * z + 0x1.745d1745d1746p-3
        p = p * z + 0x1.c71c71c71c71cp-3
        p = p * z + 0x1.2492492492492p-2
        p = p * z + 0x1.999999999999ap-2
        p = p * z + 0x1.5555555555555p-1
        return p
    }
}
