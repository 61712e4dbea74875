import Foundation
import RealModule

/// Special functions of one or two real arguments, in double precision.
///
/// Every function here is accurate to a relative error of 1e-12 or better over its domain
/// (checked against SciPy/mpmath fixtures in `Tests/ThetaTensorTests/Fixtures/special`),
/// except where the function has a zero away from the origin: there the error is small
/// compared with the size of the terms that cancel (stated per function). Invalid arguments
/// give NaN (IEEE style), never a trap.
public enum Special {}

// MARK: - Gamma, digamma, trigamma, beta

extension Special {
    /// `log |Γ(x)|`. Wraps the C library's re-entrant `lgamma_r` (via swift-numerics), which is
    /// accurate to a few ulp on glibc and Darwin; poles (0, -1, -2, ...) give `+inf`.
    @inlinable
    public static func lgamma(_ x: Double) -> Double { Double.logGamma(x) }

    /// The sign of `Γ(x)` (+1 or -1; +1 at the poles and for NaN).
    public static func gammaSign(_ x: Double) -> Double {
        if x > 0 || x.isNaN { return 1 }
        let r = x.rounded(.down)
        if r == x { return 1 }
        // Γ alternates in sign between consecutive negative integers: negative on (-1, 0).
        return Int(r.magnitude.truncatingRemainder(dividingBy: 2)) == 1 ? -1 : 1
    }

    /// Digamma `ψ(x) = d/dx log Γ(x)`.
    ///
    /// - Positive `x`: the recurrence `ψ(x) = ψ(x + 1) − 1/x` moves the argument to `x ≥ 10`,
    ///   where the Stirling series `ψ(x) ~ log x − 1/(2x) − Σ_{k≥1} B_{2k} / (2k x^{2k})`
    ///   (eight terms, truncation error below 1e-17) is used. Around the positive zero
    ///   `x₀ = 1.46163214496836234126...` the Taylor series `ψ(x) = Σ_{n≥1} (−1)^{n+1} ζ(n+1, x₀)
    ///   (x − x₀)^n` is used, with `x₀` held as two doubles, so the relative error stays small
    ///   right at the zero.
    /// - Negative `x`: the reflection formula `ψ(x) = ψ(1 − x) − π cot(πx)`. Near the negative
    ///   zeros (one between each pair of poles) the two terms cancel and the error is relative
    ///   to `|ψ(1 − x)| + |π cot(πx)|`, not to `|ψ(x)|`.
    /// - Poles `0, −1, −2, ...` give NaN (the sign of the infinity is undefined).
    public static func digamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x == .infinity { return .infinity }
        if x <= 0 {
            if x == x.rounded(.down) { return .nan }
            return digamma(1 - x) - Double.pi / tanPi(x)
        }
        let d = (x - DigammaRoot.hi) - DigammaRoot.lo
        if d.magnitude < 0.05 { return DigammaRoot.taylor(d) }
        if x < 1e-8 { return digammaShifted(x + 1) - 1 / x }
        return digammaShifted(x)
    }

    /// `ψ(x)` for `x > 0` by upward recurrence and the asymptotic series.
    @usableFromInline
    static func digammaShifted(_ x0: Double) -> Double {
        var x = x0
        var shift = 0.0
        while x < 10 {
            shift += 1 / x
            x += 1
        }
        // B_{2k} / (2k) for k = 1...8.
        let x2 = 1 / (x * x)
        var series = -3617.0 / 8160.0   // B16/16
        series = series * x2 + 7.0 / 6.0 / 14.0                           // B14/14
        series = series * x2 - 691.0 / 2730.0 / 12.0                      // B12/12
        series = series * x2 + 5.0 / 66.0 / 10.0                          // B10/10
        series = series * x2 - 1.0 / 30.0 / 8.0                           // B8/8
        series = series * x2 + 1.0 / 42.0 / 6.0                           // B6/6
        series = series * x2 - 1.0 / 30.0 / 4.0                           // B4/4
        series = series * x2 + 1.0 / 6.0 / 2.0                            // B2/2
        series *= x2
        return (Foundation.log(x) - 0.5 / x - series) - shift
    }

    /// Trigamma `ψ₁(x) = ψ'(x) = Σ_{k≥0} 1/(x + k)²` (polygamma of order 1).
    ///
    /// Positive `x`: recurrence `ψ₁(x) = ψ₁(x + 1) + 1/x²` up to `x ≥ 12`, then the asymptotic
    /// series `ψ₁(x) ~ 1/x + 1/(2x²) + Σ_{k=1}^{9} B_{2k} / x^{2k+1}` (truncation below 2e-19
    /// relative; the series part is below 2e-3 of the result, so it cannot cancel it). Negative `x`: reflection `ψ₁(x) = π²/sin²(πx) − ψ₁(1 − x)`,
    /// in which the first term dominates (it is at least π² > ψ₁(1 − x) ≤ π²/6), so the
    /// result keeps full relative accuracy. Poles give `+inf`.
    public static func trigamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x == .infinity { return 0 }
        if x <= 0 {
            if x == x.rounded(.down) { return .infinity }
            let s = sinPi(x)
            return Double.pi * Double.pi / (s * s) - trigamma(1 - x)
        }
        if x < 1e-8 { return 1 / (x * x) + trigamma(x + 1) }
        var z = x
        var shift = 0.0
        while z < 12 {
            shift += 1 / (z * z)
            z += 1
        }
        let z2 = 1 / (z * z)
        // B_{2k} for k = 1...9: 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6, −3617/510, 43867/798.
        var series = 43867.0 / 798.0
        series = series * z2 - 3617.0 / 510.0
        series = series * z2 + 7.0 / 6.0
        series = series * z2 - 691.0 / 2730.0
        series = series * z2 + 5.0 / 66.0
        series = series * z2 - 1.0 / 30.0
        series = series * z2 + 1.0 / 42.0
        series = series * z2 - 1.0 / 30.0
        series = series * z2 + 1.0 / 6.0
        series *= z2 / z
        return (1 / z + 0.5 * z2 + series) + shift
    }

    /// Polygamma `ψ^(n)(x)` for the orders implemented: 0 (digamma) and 1 (trigamma); other
    /// orders give NaN.
    public static func polygamma(_ n: Int, _ x: Double) -> Double {
        switch n {
        case 0: return digamma(x)
        case 1: return trigamma(x)
        default: return .nan
        }
    }

    /// `log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)` for `a, b > 0`.
    ///
    /// Computed so that no large terms cancel (with `a ≤ b`, `se` the Stirling error below):
    /// - both ≥ 10: `½ log 2π + a log(a/c) + b log(b/c) + ½ log(c/(ab)) + se(a) + se(b) − se(c)`,
    ///   `c = a + b`, written with `log1p` so `b ≫ a` keeps precision;
    /// - only `b` ≥ 10: `log Γ(a) − a log c − b·log1pmx(a/b) + ½ log1p(a/b) + se(b) − se(c)`,
    ///   where `log1pmx(t) = log(1 + t) − t`;
    /// - both small: the three `lgamma` directly (each below 13 in magnitude).
    /// Non-positive or NaN arguments give NaN.
    public static func lbeta(_ a0: Double, _ b0: Double) -> Double {
        guard a0 > 0, b0 > 0 else { return .nan }
        let a = Swift.min(a0, b0), b = Swift.max(a0, b0)
        if b == .infinity { return -.infinity }
        let c = a + b
        if a >= 10 {
            // a log(a/c) = -a log1p(b/a), b log(b/c) = -b log1p(a/b).
            let main = -a * Foundation.log1p(b / a) - b * Foundation.log1p(a / b)
            let half = 0.5 * (Foundation.log(c) - Foundation.log(a) - Foundation.log(b))
            let corr = stirlingError(a) + stirlingError(b) - stirlingError(c)
            return (main + (halfLog2Pi + half)) + corr
        }
        if b >= 10 {
            let t = a / b
            let corr = stirlingError(b) - stirlingError(c)
            return lgamma(a) - a * Foundation.log(c) - b * log1pmx(t)
                + 0.5 * Foundation.log1p(t) + corr
        }
        return lgamma(a) + lgamma(b) - lgamma(c)
    }

    /// `½ log(2π)`.
    @usableFromInline static let halfLog2Pi = 0.91893853320467274178

    /// Stirling's error `se(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π]` for `x > 0`.
    /// For `x ≥ 10` the series `Σ_{k≥1} B_{2k} / (2k(2k−1) x^{2k−1})` (eight terms, error below
    /// 3e-17 absolute); below that the definition evaluated directly (all terms below ~30).
    @usableFromInline
    static func stirlingError(_ x: Double) -> Double {
        if x >= 10 {
            let z2 = 1 / (x * x)
            var s = -3617.0 / 122400.0
            s = s * z2 + 1.0 / 156.0
            s = s * z2 - 691.0 / 360360.0
            s = s * z2 + 1.0 / 1188.0
            s = s * z2 - 1.0 / 1680.0
            s = s * z2 + 1.0 / 1260.0
            s = s * z2 - 1.0 / 360.0
            s = s * z2 + 1.0 / 12.0
            return s / x
        }
        return lgamma(x) - ((x - 0.5) * Foundation.log(x) - x + halfLog2Pi)
    }

    /// `log(1 + t) − t` for `t > −1`, accurate when it is small.
    ///
    /// With `u = t/(2 + t)`, `log(1 + t) = 2 atanh u = 2(u + u³/3 + u⁵/5 + ...)` and `2u − t =
    /// −t²/(2 + t)`, so `log1pmx(t) = −t²/(2 + t) + 2u³(1/3 + u²/5 + u⁴/7 + ...)`. For
    /// `−0.5 ≤ t ≤ 1`, `|u| ≤ 1/3` and 30 terms are more than enough; the two parts never
    /// cancel badly. Outside that range `log1p(t) − t` loses at most a factor of ~4.
    @usableFromInline
    static func log1pmx(_ t: Double) -> Double {
        if t < -0.5 || t > 1 { return Foundation.log1p(t) - t }
        let u = t / (2 + t)
        let u2 = u * u
        var sum = 0.0
        var k = 61.0
        while k >= 3 {
            sum = sum * u2 + 1 / k
            k -= 2
        }
        return -t * t / (2 + t) + 2 * u * u2 * sum
    }

    /// `sin(πx)` with exact argument reduction (`x − round(x)` is exact in floating point).
    @usableFromInline
    static func sinPi(_ x: Double) -> Double {
        let n = x.rounded()
        let r = x - n
        let s = Foundation.sin(Double.pi * r)
        return Int(n.truncatingRemainder(dividingBy: 2)) == 0 ? s : -s
    }

    /// `tan(πx)`, period 1, with exact argument reduction.
    @usableFromInline
    static func tanPi(_ x: Double) -> Double {
        let r = x - x.rounded()
        return Foundation.tan(Double.pi * r)
    }
}

/// The positive zero of digamma and the Taylor coefficients of ψ about it.
@usableFromInline
enum DigammaRoot {
    /// `x₀ = hi + lo = 1.4616321449683623412626595423257213...` (mpmath `findroot(digamma, 1.46)`).
    @usableFromInline static let hi = 1.4616321449683622
    @usableFromInline static let lo = 9.549995429965697e-17
    /// `c_n = (−1)^{n+1} ζ(n + 1, x₀) = ψ^(n)(x₀)/n!` for n = 1...13 (Hurwitz zeta, mpmath at
    /// 50 digits; `python3 scripts/make_special_fixtures.py --constants` prints them).
    @usableFromInline static let coefficients: [Double] = [
        0.9676722454476212, -0.44276316898359208, 0.25849976095565103, -0.16394270544240652,
        0.10782405069126237, -0.072199561256454714, 0.04880428816414311, -0.033161126474847362,
        0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.0072045343863568687,
        0.0049267813957298533,
    ]

    /// `ψ(x₀ + d) = Σ c_n dⁿ` for `|d| < 0.05` (terms shrink by ≥ 0.034 each, 13 terms reach
    /// 1e-19 relative).
    @usableFromInline
    static func taylor(_ d: Double) -> Double {
        var s = 0.0
        for c in coefficients.reversed() { s = s * d + c }
        return s * d
    }
}
