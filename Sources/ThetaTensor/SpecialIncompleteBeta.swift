import Foundation

// MARK: - Regularized incomplete beta function

extension Special {
    /// The regularized incomplete beta function `I_x(a, b) = B(x; a, b)/B(a, b)`, the CDF of a
    /// Beta(a, b) variable, for `a, b > 0` and `0 ≤ x ≤ 1`; NaN otherwise.
    public static func betaI(_ a: Double, _ b: Double, _ x: Double) -> Double {
        incompleteBeta(a, b, x).i
    }

    /// `1 − I_x(a, b) = I_{1−x}(b, a)`, computed directly where it is small.
    public static func betaIc(_ a: Double, _ b: Double, _ x: Double) -> Double {
        incompleteBeta(a, b, x).ic
    }

    /// `(I_x(a, b), 1 − I_x(a, b))`, each with full relative precision.
    ///
    /// Method: the continued fraction (Abramowitz & Stegun 26.5.8; Numerical Recipes §6.4),
    /// `I_x(a, b) = xᵃ(1−x)ᵇ/(a·B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ ⋯)))` with
    /// `d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1))`, `d_{2m} = m(b−m)x/((a+2m−1)(a+2m))`,
    /// evaluated by the modified Lentz method. It converges fast for `x < (a+1)/(a+b+2)`;
    /// beyond that the symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)` gives the complement directly.
    /// The prefactor `xᵃ(1−x)ᵇ/B(a, b)`: for `a, b ≥ 10` in Stirling form
    /// `√(ab/(2πc)) · exp(a·log1pmx(d/a) + b·log1pmx(−d/b) + se(c) − se(a) − se(b))` with
    /// `c = a + b` and `d = xc − a` formed with a fused multiply-add, so large exponents do
    /// not cancel; otherwise `exp(a log x + b log1p(−x) − lbeta(a, b))`.
    /// When one parameter is more than 1000 times the other, neither converges well and the
    /// large-parameter expansion of `SpecialIncompleteBetaLarge.swift` is used instead.
    public static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> (i: Double, ic: Double) {
        guard a > 0, b > 0, x >= 0, x <= 1 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == 1 { return (1, 0) }
        if a == .infinity || b == .infinity { return (.nan, .nan) }
        // One parameter far larger than the other: the large-parameter expansion.
        if betaUsesLargeExpansion(a, b) {
            if b >= a { return betaLargeB(a, b, x, 1 - x) }
            let r = betaLargeB(b, a, 1 - x, x)
            return (r.ic, r.i)
        }
        // Power series where the continued fraction converges slowly and cancels (one small
        // parameter, the other large, x on the far side of the mean): accepted when its
        // complement is formed without losing more than two digits.
        if a < 10, x <= 0.5, b * x <= 3 {
            let i = betaSeries(a, b, x)
            if i <= 0.99 { return (i, 1 - i) }
            if a < 1 { return (i, betaSmallAComplement(a, b, x)) }
        }
        if b < 10, x >= 0.5, a * (1 - x) <= 3 {
            let ic = betaSeries(b, a, 1 - x)
            if ic <= 0.99 { return (1 - ic, ic) }
            if b < 1 { return (betaSmallAComplement(b, a, 1 - x), ic) }
        }
        let front = betaPowerTerm(a, b, x)
        if x < (a + 1) / (a + b + 2) {
            let i = front * betaContinuedFraction(a, b, x, 1 - x) / a
            return (i, 1 - i)
        }
        let ic = front * betaContinuedFraction(b, a, 1 - x, x) / b
        return (1 - ic, ic)
    }

    /// The power series `I_x(a, b) = xᵃ/B(a, b) · Σ_{n≥0} (1−b)_n xⁿ/(n!(a+n))` (the binomial
    /// expansion of `(1−t)^{b−1}` integrated term by term), for `a < 10` so that `lbeta` and
    /// `xᵃ` need no special care. With `x ≤ ½` and `bx ≤ 3` the term magnitudes are unimodal
    /// and at most `e³` times the sum, so the stopping rule is safe and cancellation mild.
    @usableFromInline
    static func betaSeries(_ a: Double, _ b: Double, _ x: Double) -> Double {
        var c = 1.0      // (1−b)_n xⁿ / n!
        var sum = 1 / a
        for n in 1..<2000 {
            let k = Double(n)
            c *= (k - b) * x / k
            let term = c / (a + k)
            sum += term
            if term.magnitude <= 1e-17 * sum.magnitude { break }
        }
        return Foundation.exp(a * Foundation.log(x) - lbeta(a, b)) * sum
    }

    /// `1 − I_x(a, b)` for small `a` (< 1), `x ≤ ½`, `bx ≤ 3`, where `I` is within 1% of 1.
    ///
    /// Writing `I = F·(1 + a·S)` with `F = xᵃ/(a·B(a, b))` and `S = Σ_{n≥1} (1−b)_n xⁿ/(n!(a+n))`,
    /// the complement is `−expm1(log F) − F·a·S`; `log F = a log x − log Γ(1+a) − [log Γ(b) −
    /// log Γ(a+b)]` is small and every part of it is formed with full relative precision.
    @usableFromInline
    static func betaSmallAComplement(_ a: Double, _ b: Double, _ x: Double) -> Double {
        var c = 1.0
        var sum = 0.0
        for n in 1..<2000 {
            let k = Double(n)
            c *= (k - b) * x / k
            let term = c / (a + k)
            sum += term
            if term.magnitude <= 1e-17 * sum.magnitude { break }
        }
        let logF = a * Foundation.log(x) - lgamma1p(a) - lgammaShiftDifference(b, a)
        return -Foundation.expm1(logF) - Foundation.exp(logF) * a * sum
    }

    /// `log Γ(b) − log Γ(b + a)` for `b > 0` and small `a ≥ 0`, with full relative precision:
    /// the recurrence `log Γ(B) − log Γ(B+a) = [log Γ(B+1) − log Γ(B+1+a)] + log1p(a/B)` up to
    /// `B ≥ 10`, then Stirling: `−B·log1pmx(a/B) + ½ log1p(a/B) − a log(B+a) + se(B) − se(B+a)`.
    @usableFromInline
    static func lgammaShiftDifference(_ b: Double, _ a: Double) -> Double {
        var big = b
        var sum = 0.0
        while big < 10 {
            sum += Foundation.log1p(a / big)
            big += 1
        }
        let t = a / big
        return sum - big * log1pmx(t) + 0.5 * Foundation.log1p(t) - a * Foundation.log(big + a)
            + (stirlingError(big) - stirlingError(big + a))
    }

    /// `xᵃ (1−x)ᵇ / B(a, b)` for `a, b > 0`, `0 < x < 1`.
    @usableFromInline
    static func betaPowerTerm(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if a < 10 || b < 10 {
            return Foundation.exp(a * Foundation.log(x) + b * Foundation.log1p(-x) - lbeta(a, b))
        }
        // c = a + b as an unevaluated sum cHi + cLo (Knuth's TwoSum), then d = x·c − a with
        // the product's rounding error recovered by a fused multiply-add.
        let cHi = a + b
        let bv = cHi - a
        let cLo = (a - (cHi - bv)) + (b - bv)
        let p = x * cHi
        let pErr = (-p).addingProduct(x, cHi)
        let d = (p - a) + pErr + x * cLo
        // a·(log(1+u) − u) with u = d/a, and b·(log(1+v) − v) with v = −d/b; where u or v leaves
        // log1pmx's series range, 1 + u = xc/a and 1 + v = (1−x)c/b are formed directly
        // (1 + u itself would have lost the digits of a tiny x).
        let u = d / a, v = -d / b
        let termA = (u >= -0.5 && u <= 1) ? a * log1pmx(u) : a * Foundation.log(x * cHi / a) - d
        let termB = (v >= -0.5 && v <= 1) ? b * log1pmx(v)
            : b * (Foundation.log1p(-x) + Foundation.log1p(a / b)) + d
        let exponent = termA + termB + (stirlingError(cHi) - stirlingError(a) - stirlingError(b))
        return (a * b / (2 * Double.pi * cHi)).squareRoot() * Foundation.exp(exponent)
    }

    /// The continued fraction of A&S 26.5.8 (without its prefactor). `y = 1 − x` is passed
    /// separately because one of the two is exact: the first denominator
    /// `1 − (a+b)x/(a+1) = (1 − b + (a+b)y)/(a+1)` is formed from whichever avoids cancelling
    /// (with `a ≫ 1` and `x` next to 1 the direct form loses ~`log10(1/y)` digits).
    @usableFromInline
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = x <= 0.5 ? 1 - qab * x / qap : ((1 - b) + qab * y) / qap
        if d.magnitude < tiny { d = tiny }
        d = 1 / d
        var h = d
        let limit = 1000 + Int(Swift.min(20 * Swift.max(a, b).squareRoot(), 1e7))
        for step in 1...limit {
            let m = Double(step), m2 = 2 * m
            // even step d_{2m}
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if d.magnitude < tiny { d = tiny }
            c = 1 + aa / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // odd step d_{2m+1}
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if d.magnitude < tiny { d = tiny }
            c = 1 + aa / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if (delta - 1).magnitude < 1e-16 { break }
        }
        return h
    }
}
