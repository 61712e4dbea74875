/// `tanh` and the logistic `sigmoid`, both one quotient of exponentials taken from the
/// fine tables (`VectorMath+FineTable.swift`, reduction as in `VectorMath+FineExp.swift`).
///
/// `tanh(x) = sign(x)·q(a)`, `a = |x|` clamped to 19.1 (beyond which the quotient rounds to 1),
/// from `E = expm1(y)`, `y = 2a = n·L + r` (`L = (ln 2)/2048`, `n = 2048k + j`):
/// - `E0 = e^{y − k ln 2} − 1 = D + p + D·p` with `D = D_j = j·L + G_j` (`G_j` from
///   `fineTanhTable`, `L = fineC1 + fineC2`) and `p = e^r − 1 = r + r²P`; regrouped,
///   `E0 = (y − 2048k·fineC1) + corr`, `corr = G_j + r²P + D·p − 2048k·fineC2`, where the
///   first part, `fma(j, fineC1, y − n·fineC1)`, is exact and `corr` is a sum of small terms.
///   Then `E = 2^k·E0 + (2^k − 1)` in one rounding (`2^k − 1` is exact for `k ≤ 53`); for
///   `k = 0` it is `y + corr`, with `corr = E − y` known to full relative precision.
/// - `q = E/(E + 2)` for `k ≥ 1` (`a ≥ 0.3466`): there `E ≥ 1`, and its relative error
///   enters the quotient damped by `2/(E + 2)`.
/// - `q = a + (corr − a·E)/(E + 2)` for `k = 0`: the same quotient with the exact leading
///   `a` split off (`E/(E + 2) − a = ((E − y) − a·E)/(E + 2)`), so the rounding errors fall on
///   a correction at most 4% of the result; `fma(−a, E, corr)` forms the numerator in one
///   rounding. For subnormal `x`, `corr = 0` and `q = a`: `tanh(x) = x`, sign of zero kept.
/// Within 1.5 ulp measured, 2 as a bound. NaN propagates through the arithmetic and the table
/// index is masked to its range for any input, so neither form branches.
///
/// `sigmoid(x) = 1 / (1 + E)` with `E = e^{−x} = 2^k·(1 + E0)`, `E0 = D_j + p + D_j·p` from the
/// fine table, and the denominator formed in one rounding as `fma(2^k, E0, 2^k + 1)`
/// (`2^k + 1` is exact for `|k| ≤ 52`; beyond, what it loses is below half an ulp of the
/// denominator). For `x < 0` this is the same quotient as `e^x/(1 + e^x)`, with the error of `E` entering once:
/// within 2.1 ulp measured, 2.5 as a bound. The fast range is `−37 ≤ x ≤ 708`. Left of it
/// `1 + e^x` rounds to 1 and the result is `exp(x)` itself (the 64-entry `exp`, within 0.52 ulp,
/// subnormal results included); right of it `e^{−x}` is subnormal or zero and the result 1.
/// A vector with a lane outside (or NaN) goes through the scalar form.
extension VectorMath {
    // MARK: Scalar forms

    /// Hyperbolic tangent; `tanh(±inf) = ±1`, `tanh(±0) = ±0`, NaN propagates.
    @inlinable
    public static func tanh(_ x: Double) -> Double {
        let a = Double(bitPattern: x.bitPattern & ~signBit)
        let y = 2 * (a > tanhSaturation ? tanhSaturation : a)
        let t = fma(y, fineScale, shifter)
        let n = t - shifter
        let r1 = fma(n, -fineC1, y)
        let r = fma(n, -fineC2, r1)
        let jBits = t.bitPattern & 2047
        let g = fineTanhTable[Int(truncatingIfNeeded: jBits)]
        let j = Double(bitPattern: jBits | twoP52Bits) - 0x1p52
        let r2 = r * r
        let pr = r2 * fma(r2, 0x1.5555555555555p-5, fma(r, 0x1.5555555555555p-3, 0.5))
        let p = r + pr
        let d = fma(j, fineL, g)
        let corr = fma(n - j, -fineC2, fma(d, p, g + pr))
        let e0 = fma(j, fineC1, r1) + corr
        let s = fineScaleFactor(t)
        let e = fma(s, e0, s - 1)
        let small = n < 2048
        let q = (small ? a : 0) + (small ? fma(-a, e, corr) : e) / (e + 2)
        return Double(bitPattern: q.bitPattern | (x.bitPattern & signBit))
    }

    /// `1 / (1 + e^{-x})`; `sigmoid(+inf) = 1`, `sigmoid(-inf) = 0`, NaN propagates.
    @inlinable
    public static func sigmoid(_ x: Double) -> Double {
        if x >= -37 && x <= 708 {
            let (t, d, p) = fineReduced(-x)
            let s = fineScaleFactor(t)
            return 1 / fma(s, d + fma(d, p, p), s + 1)
        }
        // Tails and NaN. Left of -37, 1 + e rounds to 1 and the result is exp(x) itself
        // (within 0.52 ulp); right of 708, e is subnormal or zero (clamped at -746).
        var na = Double(bitPattern: x.bitPattern | signBit)
        if na < -746 { na = -746 }
        let e = exp(na)
        return (x < 0 ? e : 1) / (1 + e)
    }

    // MARK: Lane forms

    /// Hyperbolic tangent on eight lanes, branch-free.
    @inlinable @inline(__always)
    public static func tanh(_ x: Lanes) -> Lanes { tanh(x, table: fineTanhTable) }

    /// Hyperbolic tangent on eight lanes with the fine table passed in (see `exp(_:table:)`).
    @usableFromInline @inline(__always)
    static func tanh(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        let bits = unsafeBitCast(x, to: Bits.self)
        var a = unsafeBitCast(bits & ~signBit, to: Lanes.self)
        a.replace(with: tanhSaturation, where: Lanes(repeating: tanhSaturation) .< a)
        let y = 2 * a
        let t = fma(y, Lanes(repeating: fineScale), Lanes(repeating: shifter))
        let n = t - shifter
        let r1 = fma(n, Lanes(repeating: -fineC1), y)
        let r = fma(n, Lanes(repeating: -fineC2), r1)
        let jBits = unsafeBitCast(t, to: Bits.self) & 2047
        var g = Lanes()
        for i in 0..<width { g[i] = table[Int(truncatingIfNeeded: jBits[i])] }
        let j = unsafeBitCast(jBits | twoP52Bits, to: Lanes.self) - 0x1p52
        let r2 = r * r
        let pr = r2 * fma(r2, Lanes(repeating: 0x1.5555555555555p-5),
                          fma(r, Lanes(repeating: 0x1.5555555555555p-3), Lanes(repeating: 0.5)))
        let p = r + pr
        let d = fma(j, Lanes(repeating: fineL), g)
        let corr = fma(n - j, Lanes(repeating: -fineC2), fma(d, p, g + pr))
        let e0 = fma(j, Lanes(repeating: fineC1), r1) + corr
        let s = fineScaleFactor(t)
        let e = fma(s, e0, s - 1)
        let small = n .< 2048
        var lead = Lanes(), num = e
        lead.replace(with: a, where: small)
        num.replace(with: fma(-a, e, corr), where: small)
        let q = lead + num / (e + 2)
        return unsafeBitCast(unsafeBitCast(q, to: Bits.self) | (bits & signBit), to: Lanes.self)
    }

    /// The logistic function on eight lanes.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Lanes) -> Lanes { sigmoid(x, table: fineTable) }

    /// The logistic function on eight lanes with the fine table passed in.
    @usableFromInline @inline(__always)
    static func sigmoid(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        // Fast range: -37 ≤ x ≤ 708, that is |x − 335.5| ≤ 372.5, on the bits (NaN fails).
        let a = unsafeBitCast(x - 335.5, to: Bits.self) & ~signBit
        if anyTopBit((372.5).bitPattern &- a) { return scalarLanes(x, sigmoid) }
        let (t, d, p) = fineReduced(-x, table)
        let s = fineScaleFactor(t)
        return 1 / fma(s, d + fma(d, p, p), s + 1)
    }
}

/// `softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e)` with `e = exp(−|x|)` in `(0, 1]`.
///
/// `log1p(e)` is taken from `u = 1 + e` (rounded) with the rounding corrected to first
/// order: `log1p(e) = log u + log(1 + (e − (u − 1))/u) ≈ log u − ((u − 1) − e)/u`, where
/// `u − 1` is exact (Sterbenz) and the dropped second-order term is below `2^-106` relative.
/// For tiny `e` (below `2^-53`) `u = 1`, `log u = +0` and the correction returns `e` itself,
/// so no separate small-argument branch is needed. `softplus(+inf) = +inf`,
/// `softplus(−inf) = 0`, NaN propagates. The scalar and lane forms run the same
/// operations, so they give the same bits.
extension VectorMath {
    /// `log(1 + eˣ)`, stable on both tails.
    @inlinable
    public static func softplus(_ x: Double) -> Double {
        let e = exp(Double(bitPattern: x.bitPattern | signBit))
        let u = 1 + e
        let l = log(u) - ((u - 1) - e) / u
        return (x > 0 ? x : 0) + l
    }

    /// `softplus` on eight lanes.
    @inlinable @inline(__always)
    public static func softplus(_ x: Lanes) -> Lanes { softplus(x, table: expTable) }

    /// `softplus` on eight lanes with `exp`'s table passed in.
    @usableFromInline @inline(__always)
    static func softplus(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        let na = unsafeBitCast(unsafeBitCast(x, to: Bits.self) | signBit, to: Lanes.self)
        let e = exp(na, table: table)
        let u = 1 + e
        let l = log(u) - ((u - 1) - e) / u
        var lead = Lanes(repeating: 0)
        lead.replace(with: x, where: x .> 0)
        return lead + l
    }

    /// `log(1 + eˣ)` elementwise.
    public static func softplus(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        let table = expTable
        map(src, dst, count, { softplus($0, table: table) }, { softplus($0) })
    }
}
