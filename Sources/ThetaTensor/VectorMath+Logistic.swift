/// `tanh` and the logistic `sigmoid`, both one quotient of exponentials taken from the
/// fine-table core (`VectorMath+FineExp.swift`).
///
/// `tanh(x) = sign(x) · E / (E + 2)` with `E = expm1(2a)`, `a = |x|` clamped to 19.1 (beyond
/// which the quotient rounds to 1). `E = 2^k·E0 + (2^k − 1)`: `2^k − 1` is exact for
/// `0 ≤ k ≤ 53`, `2^k·E0` is exact, and a fused multiply-add adds them with one rounding, so
/// `E` keeps its relative precision from the subnormals (`E = 2a` exactly, so
/// `tanh(x) = x`, sign of zero kept) up to the clamp. For large `a` the relative error of
/// `E` cancels between numerator and denominator. NaN propagates through the arithmetic,
/// and the table index is masked to its range for any input, so neither form branches.
///
/// `sigmoid(x) = N / (1 + e)` with `e = exp(-|x|)` and `N = 1` for `x ≥ 0`, `N = e` for
/// `x < 0`: the two-sided stable form, one division. `e = 2^k·fma(T, p, T)` with
/// `T = 1 + D_j` (within half an ulp of `2^{j/2048}`) in the fast range `-|x| ≥ -708`;
/// below it (a subnormal or zero `e`) and for NaN the vector goes through the scalar form,
/// which takes `e` from `exp` (clamped at -746, where it is already 0).
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
        if Swift.abs(x) <= 708 {
            let (t, d, p) = fineReduced(-x)
            let s = fineScaleFactor(t)
            return 1 / fma(s, d + fma(d, p, p), s + 1)
        }
        // Tails and NaN: e = exp(-|x|) is subnormal or zero (clamped at -746).
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
        // Fast range: |x| ≤ 708 on the bits (NaN fails).
        let a = unsafeBitCast(x, to: Bits.self) & ~signBit
        if anyTopBit((708.0).bitPattern &- a) { return scalarLanes(x, sigmoid) }
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
