/// `tanh` and the logistic `sigmoid`, both one quotient of exponentials.
///
/// `tanh(x) = sign(x) · E / (E + 2)` with `E = expm1(2a)`, `a = |x|` clamped to 19.1 (beyond
/// which the quotient rounds to 1); for large `a` the relative error of `E` cancels between
/// numerator and denominator. Below `a = 0.35` the same quotient is written as
/// `a + ((E − 2a) − a·E) / (E + 2)`, so the leading `a` is exact and the rounding errors fall
/// on a correction of at most 4% of the result: relative accuracy holds down to the
/// subnormals (`tanh(x) = x` there, sign of zero kept). No lane needs the scalar form, so the
/// lane form has no branch at all.
///
/// `sigmoid(x) = N / (1 + e)` with `e = exp(-|x|)` and `N = 1` for `x ≥ 0`, `N = e` for
/// `x < 0`: the two-sided stable form, one division. The argument of `exp` is clamped at
/// -746 (where `e` is already 0), so only arguments in (-746, -708) and NaN use the scalar
/// form of `exp`.
extension VectorMath {
    // MARK: Scalar forms

    /// Hyperbolic tangent; `tanh(±inf) = ±1`, `tanh(±0) = ±0`, NaN propagates.
    @inlinable
    public static func tanh(_ x: Double) -> Double {
        let a = Double(bitPattern: x.bitPattern & ~signBit)
        let y = 2 * (a > tanhSaturation ? tanhSaturation : a)
        let (t, r, tail) = expm1Reduced(y)
        let scale = Double(bitPattern: (t.bitPattern &<< 52) &+ oneBits)
        let em = (scale - 1 + scale * r) + scale * tail
        let small = a < tanhSmall
        let n = small ? (em - y) - a * em : em
        let q = (small ? a : 0) + n / (em + 2)
        return Double(bitPattern: q.bitPattern | (x.bitPattern & signBit))
    }

    /// `1 / (1 + e^{-x})`; `sigmoid(+inf) = 1`, `sigmoid(-inf) = 0`, NaN propagates.
    @inlinable
    public static func sigmoid(_ x: Double) -> Double {
        var na = Double(bitPattern: x.bitPattern | signBit)
        if na < -746 { na = -746 }
        let e = exp(na)
        return (x < 0 ? e : 1) / (1 + e)
    }

    // MARK: Lane forms

    /// Hyperbolic tangent on eight lanes, branch-free.
    @inlinable @inline(__always)
    public static func tanh(_ x: Lanes) -> Lanes {
        let bits = unsafeBitCast(x, to: Bits.self)
        var a = unsafeBitCast(bits & ~signBit, to: Lanes.self)
        a.replace(with: tanhSaturation, where: a .> tanhSaturation)
        let y = 2 * a
        let (t, r, tail) = expm1Reduced(y)
        let scale = unsafeBitCast((unsafeBitCast(t, to: Bits.self) &<< 52) &+ oneBits, to: Lanes.self)
        let em = (scale - 1 + scale * r) + scale * tail
        let small = unsafeBitCast(a .< tanhSmall, to: Bits.self)   // all ones where a < 0.35
        var n = em
        n.replace(with: (em - y) - a * em, where: a .< tanhSmall)
        let lead = unsafeBitCast(unsafeBitCast(a, to: Bits.self) & small, to: Lanes.self)
        let q = lead + n / (em + 2)
        return unsafeBitCast(unsafeBitCast(q, to: Bits.self) | (bits & signBit), to: Lanes.self)
    }

    /// The logistic function on eight lanes.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Lanes) -> Lanes { sigmoid(x, table: expTable) }

    /// The logistic function on eight lanes with `exp`'s table passed in (see `exp(_:table:)`).
    @usableFromInline @inline(__always)
    static func sigmoid(_ x: Lanes, table: UnsafePointer<Double>) -> Lanes {
        var na = unsafeBitCast(unsafeBitCast(x, to: Bits.self) | signBit, to: Lanes.self)
        na.replace(with: -746, where: na .< -746)
        let e = exp(na, table: table)
        var n = Lanes(repeating: 1)
        n.replace(with: e, where: x .< 0)
        return n / (1 + e)
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
