/// Elementary functions for the samplers, written with IEEE-754 basic operations only (`+ − × ÷`,
/// `squareRoot`, bit manipulation), all correctly rounded on every conforming machine. The
/// platform libm differs between systems in the last bit, which would make samples (and the
/// outcome of rejection tests) differ between machines; these do not. Accuracy is within a
/// couple of ulp, which is all a sampler needs.
public enum RandomMath {
    /// `ln 2` split so that `k · ln2Hi` is exact for `|k| < 2¹¹` (the high part has 32
    /// significant bits).
    @usableFromInline static let ln2Hi = 6.93147180369123816490e-01
    @usableFromInline static let ln2Lo = 1.90821492927058770002e-10
    @usableFromInline static let invLn2 = 1.44269504088896338700e+00

    /// Natural logarithm. `log(0) = −∞`, negative or NaN arguments give NaN, `log(∞) = ∞`.
    ///
    /// `x = 2ᵉ·f` with `f ∈ [√½, √2)`; with `g = f − 1`, `s = g/(2 + g)`, `log f = 2 atanh s =
    /// 2s(1 + s²/3 + s⁴/5 + ⋯)` (`s² ≤ 0.0295`, eleven terms reach 1e-18), and
    /// `log x = e·ln2Hi + (log f + e·ln2Lo)`.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var m = x
        var e = 0
        if m < Double.leastNormalMagnitude {
            m *= 0x1.0p54
            e = -54
        }
        let bits = m.bitPattern
        e += Int((bits >> 52) & 0x7FF) - 1023
        var f = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if f > 1.4142135623730951 {
            f *= 0.5
            e += 1
        }
        let g = f - 1
        let s = g / (2 + g)
        let s2 = s * s
        var p = 1.0 / 23.0
        var k = 21.0
        while k >= 3 {
            p = p * s2 + 1 / k
            k -= 2
        }
        let twoS = 2 * s
        let logF = twoS + twoS * s2 * p
        let ed = Double(e)
        return ed * ln2Hi + (logF + ed * ln2Lo)
    }

    /// `log(1 + x)` accurate for small `x`: with `u = 1 + x` rounded, `log1p(x) =
    /// log(u) · x/(u − 1)` (the quotient corrects the rounding of `u`; Goldberg 1991, Thm. 4).
    public static func log1p(_ x: Double) -> Double {
        let u = 1 + x
        if u == 1 { return x }
        if u == .infinity { return .infinity }
        return log(u) * (x / (u - 1))
    }

    /// `eˣ`. Overflows to `∞` above 709.78, underflows (through subnormals) to 0 below −745.13.
    ///
    /// `x = k·ln 2 + r` with `k = round(x/ln 2)`, `r = (x − k·ln2Hi) − k·ln2Lo`, `|r| ≤ 0.347`;
    /// `eʳ` by its Taylor polynomial of degree 14 (remainder below 1e-17), then `2ᵏ` applied by
    /// exponent arithmetic in two steps so subnormal results are rounded once more at most.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x * invLn2).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo
        var p = reciprocalFactorials[14]
        for n in stride(from: 13, through: 0, by: -1) {
            p = p * r + reciprocalFactorials[n]
        }
        let ki = Int(k)
        if ki >= -1021 && ki <= 1023 {
            return p * Double(bitPattern: UInt64(ki + 1023) << 52)
        }
        // Split the scaling: 2^ki = 2^(ki/2) · 2^(ki − ki/2).
        let half = ki / 2
        return p * Double(bitPattern: UInt64(half + 1023) << 52)
            * Double(bitPattern: UInt64(ki - half + 1023) << 52)
    }

    /// `1/n!` for `n = 0...14`.
    @usableFromInline static let reciprocalFactorials: [Double] = {
        var out: [Double] = [1]
        var f = 1.0
        for n in 1...14 {
            f *= Double(n)     // exact: 14! < 2⁵³
            out.append(1 / f)
        }
        return out
    }()

    /// `log n!` for `n ≥ 0`: exact factorials (below 2⁵³ up to 18!) through `log` for
    /// `n < 18`, otherwise Stirling's series `log Γ(z) = (z − ½) log z − z + ½ log 2π +
    /// 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹)` at `z = n + 1` (error
    /// below 1e-14 relative). Negative `n` gives NaN.
    public static func logFactorial(_ n: Int) -> Double {
        if n < 0 { return .nan }
        if n < logFactorials.count { return logFactorials[n] }
        let z = Double(n) + 1
        let z2 = 1 / (z * z)
        var s = 1.0 / 1188.0
        s = s * z2 - 1.0 / 1680.0
        s = s * z2 + 1.0 / 1260.0
        s = s * z2 - 1.0 / 360.0
        s = s * z2 + 1.0 / 12.0
        return (z - 0.5) * log(z) - z + 0.91893853320467274178 + s / z
    }

    @usableFromInline static let logFactorials: [Double] = {
        var out: [Double] = []
        var f = 1.0
        for n in 0..<18 {
            if n > 0 { f *= Double(n) }
            out.append(log(f))
        }
        return out
    }()
}
