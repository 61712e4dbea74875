/// `tanh`, from a table of its own values, and the logistic `sigmoid`, one quotient of
/// exponentials taken from the fine tables (`VectorMath+FineTable.swift`, reduction as in
/// `VectorMath+FineExp.swift`).
///
/// `tanh(x) = sign(x)·q(a)`, `a = |x|` clamped to 19.1 (beyond which the result rounds to 1),
/// by the addition theorem on a table of `T_j = tanh(j/64)` (`VectorMath+TanhTable.swift`):
/// - Reduction: `s = 64a` (exact), `j = round(s − 1/2)` (by the shifter; `floor(s)` but for
///   ties), `r = (s − j)/64`, exact, in `[0, 1/64]`. Rounding down rather than to nearest
///   keeps `r ≥ 0`, so `T_j` and the correction below never cancel (to nearest, at
///   `j = 1, r < 0`, it measured 1.8 ulp).
/// - `t = tanh r = r + r³·P(r²)`, `P` the Taylor series through `r⁷` with the `r⁹` term
///   economized (`VectorMath.tanhC3`), within 3e-18 relative to `r`; the polynomial part is
///   at most 1e-4 of `t`, so `t` is within about half an ulp.
/// - `q = (T + t)/(1 + T·t)`. The quotient alone rounds four times at full weight (about
///   3 ulp measured), so it serves only as a first value `q0`, and the result is
///   `q = T + t·(1 − T·q0)`: since `q = T + t − T·t·q` exactly, an error `δ` in `q0` (or in
///   the rounded product `T·q0`) enters as `t·δ` with `T·t ≤ t ≤ 1/64`; what remains at full
///   weight is the rounding of `T` and of the last sum, with the correction `t·(1 − T·q0)`
///   at most half of `q` (at `j = 1`) and a small part of it beyond. Plain multiplies and
///   adds, no fused multiply-add: every step is then a whole-vector operation, which the
///   optimiser keeps in vector registers (fused ones, written lane by lane by the standard
///   library, left some lanes of this kernel scalar).
/// For `j = 0` (`a < 1/64`) `T = 0` and `q = t` exactly: `tanh(x) = x` for tiny and subnormal
/// `x`, sign of zero kept. Within 1.4 ulp measured; the tests enforce 2. NaN propagates through
/// the arithmetic and the table index is masked to the table's range for any input, so
/// neither form branches.
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
    public static func tanh(_ x: Double) -> Double { tanh(x, table: tanhTable) }

    /// The scalar form with the table passed in.
    @usableFromInline @inline(__always)
    static func tanh(_ x: Double, table: UnsafePointer<Double>) -> Double {
        let a0 = Double(bitPattern: x.bitPattern & ~signBit)
        let a = a0 > tanhSaturation ? tanhSaturation : a0
        let s = a * tanhScale
        let t = (s - 0.5) + shifter
        let n = t - shifter
        let r = (s - n) * tanhStep
        let tj = table[Int(truncatingIfNeeded: t.bitPattern & tanhIndexMask)]
        let r2 = r * r
        let p = (tanhC7 * r2 + tanhC5) * r2 + tanhC3
        let th = r + (r * r2) * p
        let q0 = (tj + th) / (1 + tj * th)
        let q = tj + th * (1 - tj * q0)
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
    public static func tanh(_ x: Lanes) -> Lanes { tanh(x, table: tanhTable) }

    /// Hyperbolic tangent on eight lanes with the table passed in (see `exp(_:table:)`).
    @usableFromInline @inline(__always)
    static func tanh(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        let bits = unsafeBitCast(x, to: Bits.self)
        var a = unsafeBitCast(bits & ~signBit, to: Lanes.self)
        a.replace(with: tanhSaturation, where: Lanes(repeating: tanhSaturation) .< a)
        let s = a * tanhScale
        let t = (s - 0.5) + shifter
        let n = t - shifter
        let r = (s - n) * tanhStep
        let jBits = unsafeBitCast(t, to: Bits.self) & tanhIndexMask
        var tj = Lanes()
        for i in 0..<width { tj[i] = table[Int(truncatingIfNeeded: jBits[i])] }
        let r2 = r * r
        let p = (tanhC7 * r2 + tanhC5) * r2 + tanhC3
        let th = r + (r * r2) * p
        let q0 = (tj + th) / (1 + tj * th)
        let q = tj + th * (1 - tj * q0)
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
