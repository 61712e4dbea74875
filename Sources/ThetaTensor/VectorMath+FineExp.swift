/// The fine-table reduction shared by `sigmoid`, `tanh` and the log-sum-exp sum
/// (`VectorMath+Logistic.swift`, `VectorMath+LogSumExp.swift`), and `fineReduced`, the form
/// `sigmoid` uses: `e^y = 2^k·(1 + E0)` on the table of `D_j = 2^{j/2048} − 1`
/// (`VectorMath+FineTable.swift`) with a short polynomial.
///
/// Reduction: `n = round(2048·y / ln 2)`, `y = n·(ln 2)/2048 + r` with
/// `|r| ≤ (ln 2)/4096 + ε ≈ 1.6923e-4`, and `n = 2048k + j`, `0 ≤ j < 2048`. The first step
/// `y − n·fineC1` is exact: `fineC1` has 30 significant bits, so `n·fineC1` is a Double for
/// `|n| < 2^23` (all `|y| ≤ 2900`), and it lies within a factor 2 of `y` (Sterbenz); the
/// second, `− n·fineC2`, rounds once inside a fused multiply-add.
///
/// With `D = D_j`: `e^y = 2^k·(1 + D)·e^r`, and with `p = e^r − 1`, `e^y = 2^k·(1 + E0)`,
/// `E0 = D + p + D·p`. The polynomial is the Taylor series of `e^r − 1` through `r⁴/4!`
/// (first omitted term `r⁵/5! < 1.2e-21`, below 2^-60 relative to `p` itself). `sigmoid`
/// forms `E0 = D + fma(D, p, p)`: `D` within half an ulp, `D·p + p` a correction of at most
/// 1.7e-4 of it (or `p` alone for `j = 0`), so `E0` is within about one ulp.
extension VectorMath {
    /// `2048 / ln 2`.
    @usableFromInline static let fineScale = 0x1.71547652b82fep+11
    /// `(ln 2)/2048 = fineC1 + fineC2`: `fineC1` has 30 significant bits, `fineC2` the rest rounded.
    @usableFromInline static let fineC1 = 0x1.62e42fe800000p-12
    @usableFromInline static let fineC2 = 0x1.e8e7bcd5e4f1ep-42

    // MARK: Scalar forms

    /// The reduction: `t = n + shifter` (low bits of `t` hold `n`), `D_j` and `p = e^r − 1`.
    @usableFromInline @inline(__always)
    static func fineReduced(_ y: Double) -> (t: Double, d: Double, p: Double) {
        let t = fma(y, fineScale, shifter)
        let n = t - shifter
        let r = fma(n, -fineC2, fma(n, -fineC1, y))
        let d = fineTable[Int(truncatingIfNeeded: t.bitPattern & 2047)]
        let r2 = r * r
        let p = fma(r2, fma(r2, 0x1.5555555555555p-5, fma(r, 0x1.5555555555555p-3, 0.5)), r)
        return (t, d, p)
    }

    /// `2^k` from the shifted `n` in `t` (`k = floor(n / 2048)`), for `-1022 ≤ k ≤ 1023`.
    @usableFromInline @inline(__always)
    static func fineScaleFactor(_ t: Double) -> Double {
        Double(bitPattern: ((t.bitPattern &>> 11) &<< 52) &+ oneBits)
    }

    // MARK: Lane forms

    /// Lane form of `fineReduced`, the same operations in the same order; the table is read
    /// with one scalar load per lane.
    @usableFromInline @inline(__always)
    static func fineReduced(_ y: Lanes, _ table: UnsafePointer<Double>) -> (t: Lanes, d: Lanes, p: Lanes) {
        let t = fma(y, Lanes(repeating: fineScale), Lanes(repeating: shifter))
        let n = t - shifter
        let r = fma(n, Lanes(repeating: -fineC2), fma(n, Lanes(repeating: -fineC1), y))
        let j = unsafeBitCast(t, to: Bits.self) & 2047
        var d = Lanes()
        for i in 0..<width { d[i] = table[Int(truncatingIfNeeded: j[i])] }
        let r2 = r * r
        let p = fma(r2, fma(r2, Lanes(repeating: 0x1.5555555555555p-5),
                            fma(r, Lanes(repeating: 0x1.5555555555555p-3), Lanes(repeating: 0.5))), r)
        return (t, d, p)
    }

    /// Lane form of `fineScaleFactor`.
    @usableFromInline @inline(__always)
    static func fineScaleFactor(_ t: Lanes) -> Lanes {
        unsafeBitCast(((unsafeBitCast(t, to: Bits.self) &>> 11) &<< 52) &+ oneBits, to: Lanes.self)
    }
}
