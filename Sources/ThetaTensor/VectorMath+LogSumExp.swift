/// Log-sum-exp over a contiguous run, and its sum `Σ e^{x_i − m}` for a shift `m`.
///
/// Each term is taken from the fine table (`VectorMath+FineExp.swift`): `e^v = 2^k·T·e^r` with
/// `T = T_j`, `2^{j/2048}` rounded and `e^r ≈ 1 + r + r²/2 + r³/6`, whose
/// first omitted term `r⁴/24` is below 3.5e-17 for `|r| ≤ 1.6923e-4`: each term is within
/// about 1.3 ulp, and the sum, which is at least 1 (the maximum's term), within a few units of
/// 2^-53 relative before the additions' own roundings. The arguments `v = x_i − m ≤ 0` are
/// clamped at -708 (a term below `e^{-708} ≈ 3e-308`, however many, cannot reach the last
/// bit of a sum ≥ 1), which keeps every `2^k` a normal number, so the lane loop has no range
/// test and no branch: `2^k` is built from the bits of the shifted `n` and multiplied in (the
/// one-pass form, whose arguments are clamped above too, adds `k` to the exponent field).
/// `-inf` entries contribute `e^{-708}`; NaN or `+inf` entries must be handled by the caller
/// (they decide the maximum, and log-sum-exp returns it without summing).
extension VectorMath {
    /// `log Σ e^{src[i]}` over `count ≥ 8` elements in one pass, or nil when that pass cannot
    /// vouch for its result, in which case the caller runs the exact two-pass form: the
    /// maximum `m`, then `m + log Σ e^{x_i − m}` (`sumExpBelow`).
    ///
    /// The shift `s` is the maximum of the first eight elements rather than of all of them:
    /// `log Σ e^{x_i} = s + log Σ e^{x_i − s}` for any `s`. Each `v = x_i − s` is clamped to
    /// `[-708, 708]`, so every term is finite and no `2^k` leaves the normal range, and the
    /// result is accepted when the sum `S` lies in `[1e-250, 1e300]`:
    /// - `S ≤ 1e300` rules out a clamp at 708 (that term alone is `e^{708} ≈ 3e307`), hence
    ///   any `+inf` or NaN element (the upper clamp maps NaN to 708 as well);
    /// - `S ≥ 1e-250` means the largest term exceeds `1e-250 / count`, so the terms clamped at
    ///   -708 (each at most `e^{-708} ≈ 3.3e-308` above its true value, `-inf` elements
    ///   included) change `S` by less than `count·3.3e-58` relative: nothing at double precision.
    public static func logSumExpOnePass(_ src: UnsafePointer<Double>, count: Int) -> Double? {
        guard count >= width else { return nil }
        let s = UnsafeRawPointer(src)
        let shift = s.loadUnaligned(as: Lanes.self).max()
        guard shift.isFinite else { return nil }
        let m = Lanes(repeating: shift), high = Lanes(repeating: 708)
        let table = fineExpTable
        var acc = Lanes()
        var i = 0
        while i &+ width <= count {
            var v = s.loadUnaligned(fromByteOffset: i &* 8, as: Lanes.self) - m
            v.replace(with: high, where: .!(v .<= high))   // NaN becomes 708 too
            acc += expClampedTerm(v, table)
            i &+= width
        }
        var total = acc.sum()
        while i < count {
            let v = src[i] - shift
            total += expClampedTerm(v <= 708 ? v : 708)
            i &+= 1
        }
        guard total >= 1e-250, total <= 1e300 else { return nil }
        return shift + log(total)
    }

    /// `e^v` for `v` in `[-708, 708]` (clamped below; the caller clamps above, NaN included):
    /// `expBelowTerm` with `2^k` added to the exponent field in integer arithmetic, which is
    /// exact for a normal result and needs no NaN to pass through.
    @usableFromInline @inline(__always)
    static func expClampedTerm(_ x: Double) -> Double {
        let v = x < -708 ? -708 : x
        let t = fma(v, fineScale, shifter)
        let n = t - shifter
        let r = fma(n, -fineC2, fma(n, -fineC1, v))
        let tj = fineExpTable[Int(truncatingIfNeeded: t.bitPattern & 2047)]
        let e = fma(tj, fma(r * r, fma(r, 0x1.5555555555555p-3, 0.5), r), tj)
        return Double(bitPattern: e.bitPattern &+ ((t.bitPattern &>> 11) &<< 52))
    }

    /// Lane form of `expClampedTerm`.
    @usableFromInline @inline(__always)
    static func expClampedTerm(_ x: Lanes, _ table: UnsafePointer<Double>) -> Lanes {
        let (t, e) = expMantissaTerm(x, table)
        let tBits = unsafeBitCast(t, to: Bits.self)
        return unsafeBitCast(unsafeBitCast(e, to: Bits.self) &+ ((tBits &>> 11) &<< 52), to: Lanes.self)
    }

    /// `Σ_{i < count} e^{src[i] − shift}`, for `shift ≥ src[i]` finite: eight-lane partial
    /// sums, added lane by lane at the end; the `count mod 8` remaining elements through the
    /// scalar form of the same term (the same bits).
    public static func sumExpBelow(_ src: UnsafePointer<Double>, shift: Double, count: Int) -> Double {
        let s = UnsafeRawPointer(src)
        let m = Lanes(repeating: shift)
        let table = fineExpTable
        var acc = Lanes()
        var i = 0
        while i + width <= count {
            acc += expBelowTerm(s.loadUnaligned(fromByteOffset: i &* 8, as: Lanes.self) - m, table)
            i &+= width
        }
        var total = acc.sum()
        while i < count {
            total += expBelowTerm(src[i] - shift)
            i += 1
        }
        return total
    }

    /// One term `e^v` for `v ≤ 0` (clamped at -708; see the type's contract).
    @usableFromInline @inline(__always)
    static func expBelowTerm(_ x: Double) -> Double {
        let v = x < -708 ? -708 : x
        let t = fma(v, fineScale, shifter)
        let n = t - shifter
        let r = fma(n, -fineC2, fma(n, -fineC1, v))
        let tj = fineExpTable[Int(truncatingIfNeeded: t.bitPattern & 2047)]
        let p = fma(r * r, fma(r, 0x1.5555555555555p-3, 0.5), r)
        return fma(tj, p, tj) * fineScaleFactor(t)
    }

    /// Lane form of `expBelowTerm`, the same operations in the same order.
    @usableFromInline @inline(__always)
    static func expBelowTerm(_ x: Lanes, _ table: UnsafePointer<Double>) -> Lanes {
        let (t, e) = expMantissaTerm(x, table)
        return e * fineScaleFactor(t)
    }

    /// The shared part of the lane terms: `x` clamped below at -708 and reduced over the fine
    /// table, returning the shifted `t` (whose bits carry `k` and `j`) and `e^{x − k ln 2}` as
    /// `T_j·(1 + p)`, for the caller to scale by `2^k`.
    @usableFromInline @inline(__always)
    static func expMantissaTerm(_ x: Lanes, _ table: UnsafePointer<Double>) -> (t: Lanes, e: Lanes) {
        var v = x
        v.replace(with: -708, where: v .< -708)
        let t = fma(v, Lanes(repeating: fineScale), Lanes(repeating: shifter))
        let n = t - shifter
        let r = fma(n, Lanes(repeating: -fineC2), fma(n, Lanes(repeating: -fineC1), v))
        let j = unsafeBitCast(t, to: Bits.self) & 2047
        var tj = Lanes()
        for l in 0..<width { tj[l] = table[Int(truncatingIfNeeded: j[l])] }
        let p = fma(r * r, fma(r, Lanes(repeating: 0x1.5555555555555p-3), Lanes(repeating: 0.5)), r)
        return (t, fma(tj, p, tj))
    }
}
